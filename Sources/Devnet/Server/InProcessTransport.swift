public import Networks

/// Calls a `DevnetNode` without sockets: the dispatcher runs on the caller's task.
///
/// The node's HTTP faults apply here too, as the errors a client would see over HTTP: a 502
/// or 503 status, a connection closed with an empty reply, and answers lost after inclusion.
public struct InProcessTransport: Transport {
    public let node: DevnetNode

    public init(node: DevnetNode) { self.node = node }

    public func roundTrip(_ body: [UInt8]) async throws -> [UInt8] {
        let decision = node.faultInjector.decide()
        if decision.delay > .zero { try await Task.sleep(for: decision.delay) }
        switch decision.before {
        case .status(let status): throw TransportError.httpStatus(status, body: "")
        case .close: throw Self.closed
        case .execute: break
        }
        let (answer, included) = node.handleReportingInclusion(body)
        if included, let drop = decision.dropIfIncluded {
            node.faultInjector.recordDrop()
            switch drop {
            case .closeConnection: throw Self.closed
            case .emptyServerError: throw TransportError.httpStatus(500, body: "")
            }
        }
        return answer ?? []
    }

    /// What libcurl reports when the server closes the connection without answering.
    static let closed = TransportError.curl(code: 52, message: "Empty reply from server", url: "in-process")
}
