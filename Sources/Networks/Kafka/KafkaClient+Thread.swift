import Foundation

extension KafkaClient {
    /// Runs a blocking librdkafka call (metadata, offsets, flush, a mock-cluster change) on a
    /// thread of its own and awaits it, so a slow broker holds no thread of the cooperative pool.
    package static func offPool<T: Sendable, E: Error>(
        _ name: String, _ body: @escaping @Sendable () throws(E) -> T
    ) async throws(E) -> T {
        let result = await withCheckedContinuation { (continuation: CheckedContinuation<Result<T, E>, Never>) in
            let thread = Thread {
                do throws(E) {
                    continuation.resume(returning: .success(try body()))
                } catch {
                    continuation.resume(returning: .failure(error))
                }
            }
            thread.name = name
            thread.start()
        }
        return try result.get()
    }
}
