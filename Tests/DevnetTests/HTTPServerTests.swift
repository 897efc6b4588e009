import Devnet
import Networks
import Testing

/// The devnet over HTTP (SPEC 2): an oversized body is refused with -32600 and the
/// keep-alive connection stays usable.
@Suite("Devnet HTTP server")
struct HTTPServerTests {
    @Test("a body over 1 MiB answers -32600 over HTTP and the next request on the transport succeeds")
    func oversizedBodyKeepsConnection() async throws {
        let node = DevnetNode(genesis: .default, adminKey: try TestKeys.admin(), clock: { TestNode.time })
        let server = try await EmbeddedDevnetServer.start(node: node)
        let transport = CurlTransport(url: server.rpcURL, timeout: .seconds(30), maxConnections: 1)
        let rpc = RPCClient(transport: transport)
        let chain = NativeChain(rpc: rpc)
        let alice = try TestKeys.alice().address

        do {
            let info = try await chain.info()
            #expect(info.chainID == Genesis.default.chainID, "the server answers before the oversized body")

            var body = request("devnet_faucet", id: 1, params: ["address": .string(alice), "nat": "5"]).canonicalBytes
            body += Array(repeating: 0x20, count: DevnetNode.maxBodyBytes + 1 - body.count)
            let answer = try JSON.parse(try await transport.roundTrip(body))
            #expect(answer.errorCode == Int64(RPCErrorCode.invalidRequest), "answer \(answer)")
            #expect(answer["id"] == .null)

            #expect(try await chain.balance(of: alice) == 0, "the oversized faucet call did not run")
            try await chain.faucet(alice, nat: 7)
            #expect(try await chain.balance(of: alice) == 7, "the transport still works after the refusal")
        } catch {
            transport.shutdown()
            await server.stop()
            throw error
        }
        transport.shutdown()
        await server.stop()
    }
}
