import Networks
import Testing

/// Runs `body` expecting the node to answer JSON-RPC error `code`; returns the error for
/// further checks, or `nil` (after recording an issue) when something else happened.
@discardableResult
func expectRPCError<T>(
    _ code: Int, _ what: String, sourceLocation: SourceLocation = #_sourceLocation, _ body: () async throws -> T
) async -> RPCError? {
    do {
        let value = try await body()
        Issue.record("\(what): expected JSON-RPC error \(code), got result \(value)", sourceLocation: sourceLocation)
        return nil
    } catch let error as RPCError {
        #expect(error.code == code, "\(what): expected error \(code), got \(error)", sourceLocation: sourceLocation)
        return error
    } catch {
        Issue.record("\(what): expected JSON-RPC error \(code), got \(error)", sourceLocation: sourceLocation)
        return nil
    }
}
