import CCurl
import Foundation
import Synchronization

/// JSON-RPC over HTTP/1.1 on libcurl: one multi handle driven by its own thread,
/// keep-alive connections reused across requests, async/await at the surface.
///
/// Many concurrent callers share one transport; each in-flight request is one easy
/// handle on the multi handle, and finished handles are kept for reuse.
public final class CurlTransport: Transport {
    /// The endpoint, e.g. `http://127.0.0.1:8545/rpc`.
    public let url: String
    private let loop: CurlLoop

    /// - Parameters:
    ///   - url: the JSON-RPC endpoint.
    ///   - timeout: per-request timeout.
    ///   - maxConnections: connections kept open to the server (keep-alive pool size).
    public init(url: String, timeout: Duration = .seconds(60), maxConnections: Int = 1024) {
        self.url = url
        self.loop = CurlLoop(url: url, timeoutMS: Int(timeout.components.seconds * 1000), maxConnections: maxConnections)
    }

    deinit { loop.stop() }

    public func roundTrip(_ body: [UInt8]) async throws -> [UInt8] {
        try await withCheckedThrowingContinuation { continuation in
            loop.submit(CurlRequest(body: body, continuation: continuation))
        }
    }

    /// Stops the transport's thread; requests still in flight fail with `TransportError.shutDown`.
    public func shutdown() { loop.stop() }
}

/// One request and the state libcurl fills in while it runs (touched only on the loop thread).
final class CurlRequest: @unchecked Sendable {
    let body: UnsafeMutableRawBufferPointer
    let continuation: CheckedContinuation<[UInt8], any Error>
    var response: [UInt8] = []

    init(body: [UInt8], continuation: CheckedContinuation<[UInt8], any Error>) {
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: max(body.count, 1), alignment: 1)
        body.withUnsafeBytes { buffer.copyMemory(from: $0) }
        self.body = buffer
        self.bodyCount = body.count
        self.continuation = continuation
    }

    let bodyCount: Int

    deinit { body.deallocate() }
}

/// The thread that owns the multi handle. Other threads only enqueue and wake it.
final class CurlLoop: @unchecked Sendable {
    private let url: String
    private let timeoutMS: Int
    private let multi: UnsafeMutableRawPointer
    private let headers: UnsafeMutablePointer<curl_slist>?
    /// Requests not yet handed to libcurl; `woken` is set once a wakeup is on its way to the
    /// loop, so that a burst of submissions costs one wakeup (one `write`), not one each.
    private let queue = Mutex<(pending: [CurlRequest], stopping: Bool, woken: Bool)>(([], false, false))
    // Loop-thread state.
    private var inFlight: [UnsafeMutableRawPointer: CurlRequest] = [:]
    private var idleHandles: [UnsafeMutableRawPointer] = []
    private let done = DispatchSemaphore(value: 0)

    private static let globalInit: Void = { _ = ccurl_global_init() }()

    init(url: String, timeoutMS: Int, maxConnections: Int) {
        Self.globalInit
        self.url = url
        self.timeoutMS = timeoutMS
        // curl_multi_init only fails when out of memory; the process cannot go on then anyway.
        guard let multi = curl_multi_init() else { preconditionFailure("curl_multi_init failed: out of memory") }
        self.multi = multi
        _ = ccurl_multi_setopt_long(multi, CURLMOPT_MAXCONNECTS, maxConnections)
        var list = curl_slist_append(nil, "Content-Type: application/json")
        list = curl_slist_append(list, "Expect:")
        headers = list
        let thread = Thread { [self] in run() }
        thread.name = "ledgerqa.curl"
        thread.start()
    }

    func submit(_ request: CurlRequest) {
        // Wake the loop while holding the lock: the loop only cleans the multi handle up
        // after it has seen `stopping` under this lock, so the handle is still alive here.
        let accepted = queue.withLock { state -> Bool in
            if state.stopping { return false }
            state.pending.append(request)
            if !state.woken {
                state.woken = true
                curl_multi_wakeup(multi)
            }
            return true
        }
        guard accepted else { return request.continuation.resume(throwing: TransportError.shutDown) }
    }

    func stop() {
        let first = queue.withLock { state -> Bool in
            guard !state.stopping else { return false }
            state.stopping = true
            curl_multi_wakeup(multi)
            return true
        }
        guard first else { return }
        done.wait()
    }

    private func run() {
        var running: Int32 = 0
        while true {
            let (pending, stopping) = queue.withLock { state in
                defer {
                    state.pending.removeAll(keepingCapacity: true)
                    state.woken = false
                }
                return (state.pending, state.stopping)
            }
            if stopping {
                for request in pending { request.continuation.resume(throwing: TransportError.shutDown) }
                break
            }
            for request in pending { start(request) }
            curl_multi_perform(multi, &running)
            drainCompleted()
            curl_multi_poll(multi, nil, 0, 1000, nil)
        }
        for (easy, request) in inFlight {
            curl_multi_remove_handle(multi, easy)
            curl_easy_cleanup(easy)
            request.continuation.resume(throwing: TransportError.shutDown)
        }
        inFlight.removeAll()
        for easy in idleHandles { curl_easy_cleanup(easy) }
        curl_multi_cleanup(multi)
        curl_slist_free_all(headers)
        done.signal()
    }

    private func start(_ request: CurlRequest) {
        guard let easy = idleHandles.popLast() ?? makeHandle() else {
            return request.continuation.resume(
                throwing: TransportError.curl(code: -1, message: "could not create a curl handle", url: url))
        }
        _ = ccurl_easy_setopt_long(easy, CURLOPT_POSTFIELDSIZE, request.bodyCount)
        _ = ccurl_easy_setopt_ptr(easy, CURLOPT_POSTFIELDS, request.body.baseAddress)
        _ = ccurl_easy_setopt_ptr(easy, CURLOPT_WRITEDATA, Unmanaged.passUnretained(request).toOpaque())
        inFlight[easy] = request
        curl_multi_add_handle(multi, easy)
    }

    private func makeHandle() -> UnsafeMutableRawPointer? {
        guard let easy = curl_easy_init() else { return nil }
        _ = ccurl_easy_setopt_string(easy, CURLOPT_URL, url)
        _ = ccurl_easy_setopt_long(easy, CURLOPT_POST, 1)
        _ = ccurl_easy_setopt_slist(easy, CURLOPT_HTTPHEADER, headers)
        _ = ccurl_easy_setopt_long(easy, CURLOPT_TIMEOUT_MS, timeoutMS)
        _ = ccurl_easy_setopt_long(easy, CURLOPT_NOSIGNAL, 1)
        _ = ccurl_easy_setopt_long(easy, CURLOPT_TCP_NODELAY, 1)
        _ = ccurl_easy_setopt_write(easy, curlWrite)
        return easy
    }

    private func drainCompleted() {
        var left: Int32 = 0
        while let message = curl_multi_info_read(multi, &left) {
            guard ccurl_msg_is_done(message) != 0, let easy = ccurl_msg_easy(message) else { continue }
            let code = ccurl_msg_result(message)
            curl_multi_remove_handle(multi, easy)
            guard let request = inFlight.removeValue(forKey: easy) else { continue }
            if code == CURLE_OK {
                var status = 0
                _ = ccurl_easy_getinfo_long(easy, CURLINFO_RESPONSE_CODE, &status)
                idleHandles.append(easy)
                if (200..<300).contains(status) {
                    request.continuation.resume(returning: request.response)
                } else {
                    let body = String(decoding: request.response, as: UTF8.self)
                    request.continuation.resume(throwing: TransportError.httpStatus(status, body: body))
                }
            } else {
                let message = String(cString: curl_easy_strerror(code))
                curl_easy_cleanup(easy)
                request.continuation.resume(
                    throwing: TransportError.curl(code: Int(code.rawValue), message: message, url: url))
            }
        }
    }
}

/// libcurl's write callback: appends the received bytes to the request's response.
private func curlWrite(
    _ data: UnsafeMutablePointer<CChar>?, _ size: Int, _ count: Int, _ context: UnsafeMutableRawPointer?
) -> Int {
    guard let data, let context else { return 0 }
    let request = Unmanaged<CurlRequest>.fromOpaque(context).takeUnretainedValue()
    let bytes = size * count
    data.withMemoryRebound(to: UInt8.self, capacity: bytes) {
        request.response.append(contentsOf: UnsafeBufferPointer(start: $0, count: bytes))
    }
    return bytes
}
