import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One keep-alive HTTP/1.1 connection on a plain socket, for what a JSON-RPC client hides:
/// status codes, `GET /health`, and whether the same connection stays usable after a refusal.
final class RawHTTPConnection: @unchecked Sendable {  // used by one test at a time, from one thread
    struct Response {
        let status: Int
        let headers: [String: String]
        let body: [UInt8]
    }

    enum Failure: Error, CustomStringConvertible {
        case badURL(String), connect(String), io(String), malformed(String)
        var description: String {
            switch self {
            case .badURL(let s): "not a plain http URL with host and port: \(s)"
            case .connect(let s): "connect failed: \(s)"
            case .io(let s): "socket: \(s)"
            case .malformed(let s): "malformed HTTP response: \(s)"
            }
        }
    }

    let host: String
    let port: UInt16
    let path: String
    private let fd: Int32

    /// Opens a connection to the host and port of `url` (`http://host:port/path`).
    init(url: String) throws {
        guard let parsed = URL(string: url), parsed.scheme == "http", let host = parsed.host else { throw Failure.badURL(url) }
        self.host = host
        self.port = UInt16(parsed.port ?? 80)
        self.path = parsed.path.isEmpty ? "/" : parsed.path
        var hints = addrinfo()
        hints.ai_family = AF_INET
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var result: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, String(port), &hints, &result) == 0, let info = result else { throw Failure.connect("cannot resolve \(host)") }
        defer { freeaddrinfo(result) }
        let fd = socket(info.pointee.ai_family, info.pointee.ai_socktype, info.pointee.ai_protocol)
        guard fd >= 0 else { throw Failure.connect("socket() failed") }
        var timeout = timeval(tv_sec: 20, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        guard connect(fd, info.pointee.ai_addr, info.pointee.ai_addrlen) == 0 else {
            close(fd)
            throw Failure.connect("\(host):\(port) refused the connection")
        }
        self.fd = fd
    }

    deinit { close(fd) }

    /// `POST path` with `body` on this connection, off the cooperative pool.
    func post(_ body: [UInt8]) async throws -> Response {
        let head = "POST \(path) HTTP/1.1\r\nHost: \(host):\(port)\r\nContent-Type: application/json\r\nContent-Length: \(body.count)\r\n\r\n"
        return try await exchange(Array(head.utf8) + body)
    }

    /// `GET path` on this connection.
    func get(_ path: String) async throws -> Response {
        try await exchange(Array("GET \(path) HTTP/1.1\r\nHost: \(host):\(port)\r\n\r\n".utf8))
    }

    private func exchange(_ request: [UInt8]) async throws -> Response {
        try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread {
                continuation.resume(with: Result { try self.blockingExchange(request) })
            }
        }
    }

    private func blockingExchange(_ request: [UInt8]) throws -> Response {
        var sent = 0
        while sent < request.count {
            let n = request[sent...].withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard n > 0 else { throw Failure.io("send failed after \(sent) of \(request.count) bytes (errno \(errno))") }
            sent += n
        }
        var buffer: [UInt8] = []
        var headerEnd: Int?
        while headerEnd == nil {
            try readMore(into: &buffer)
            headerEnd = buffer.indices.dropLast(3).first { buffer[$0] == 13 && buffer[$0 + 1] == 10 && buffer[$0 + 2] == 13 && buffer[$0 + 3] == 10 }
        }
        guard let end = headerEnd else { throw Failure.malformed("no header end") }
        let lines = String(decoding: buffer[..<end], as: UTF8.self).components(separatedBy: "\r\n")
        let statusParts = lines.first?.split(separator: " ") ?? []
        guard statusParts.count >= 2, let status = Int(statusParts[1]) else { throw Failure.malformed(lines.first ?? "") }
        var headers: [String: String] = [:]
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        let length = Int(headers["content-length"] ?? "0") ?? 0
        var body = Array(buffer[(end + 4)...])
        while body.count < length { try readMore(into: &body) }
        return Response(status: status, headers: headers, body: Array(body.prefix(length)))
    }

    private func readMore(into buffer: inout [UInt8]) throws {
        var chunk = [UInt8](repeating: 0, count: 65_536)
        let n = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
        guard n > 0 else { throw Failure.io(n == 0 ? "the server closed the connection" : "recv failed (errno \(errno))") }
        buffer += chunk.prefix(n)
    }
}
