import Foundation

extension KafkaClient {
    /// Runs a blocking librdkafka setup (metadata, offsets) on a thread of its own and awaits
    /// it, so a slow or unreachable broker holds no thread of the cooperative pool.
    package static func offPool<T: Sendable>(
        _ name: String, _ body: @escaping @Sendable () throws(KafkaError) -> T
    ) async throws(KafkaError) -> T {
        let result = await withCheckedContinuation { (continuation: CheckedContinuation<Result<T, KafkaError>, Never>) in
            let thread = Thread {
                do throws(KafkaError) {
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
