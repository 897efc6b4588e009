/// Carries one JSON-RPC request body to a node and brings back the response body.
///
/// Two transports ship: `CurlTransport` (HTTP over libcurl) and the devnet's in-process
/// transport. Anything that moves bytes can be one.
public protocol Transport: Sendable {
    func roundTrip(_ body: [UInt8]) async throws -> [UInt8]
}

/// A transport-level failure: the request did not get a JSON-RPC answer.
public enum TransportError: Error, Sendable, CustomStringConvertible {
    case curl(code: Int, message: String, url: String)
    case httpStatus(Int, body: String)
    case shutDown

    public var description: String {
        switch self {
        case .curl(let code, let message, let url): "HTTP request to \(url) failed: \(message) (curl error \(code))"
        case .httpStatus(let status, let body): "HTTP status \(status): \(body.prefix(200))"
        case .shutDown: "the transport was shut down"
        }
    }
}
