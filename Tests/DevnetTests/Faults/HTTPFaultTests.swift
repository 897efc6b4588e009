import Devnet
import Networks
import Testing

/// The HTTP front's faults (`--faults`): 502/503 and closed connections without executing,
/// answers lost after a transaction was included, added latency, a seeded generator, and
/// `devnet_info.faults` while any is on.
@Suite("Devnet HTTP faults", .timeLimit(.minutes(2)))
struct HTTPFaultTests {
    /// A server whose node has `faults` on, alice funded with 1000 NAT before they were.
    struct Faulty {
        let node: DevnetNode
        let server: EmbeddedDevnetServer
        let transport: CurlTransport
        let alice: KeyPair
        let bob: String

        init(_ spec: String) async throws {
            node = DevnetNode(genesis: .default, adminKey: try TestKeys.admin(), clock: { TestNode.time })
            alice = try TestKeys.alice()
            bob = try TestKeys.bob().address
            _ = node.handle(request("devnet_faucet", params: ["address": .string(alice.address)]).canonicalBytes)
            node.setFaults(try HTTPFaults.parse(spec))
            server = try await EmbeddedDevnetServer.start(node: node)
            transport = CurlTransport(url: server.rpcURL, timeout: .seconds(20), maxConnections: 4)
        }

        /// Sends one raw request over HTTP.
        func send(_ body: JSON) async throws -> JSON { try JSON.parse(try await transport.roundTrip(body.canonicalBytes)) }

        func transfer(nonce: Int64) -> JSON {
            request("nat_sendTransaction", params: alice.sign(envelope: NativeEnvelope(chainID: node.genesis.chainID, from: alice.address,
                nonce: nonce, call: TestNode.transfer(to: bob, amount: "5")).json).json)
        }

        func stop() async {
            transport.shutdown()
            await server.stop()
        }
    }

    @Test("502 and 503 answer that status without executing the request", arguments: [502, 503])
    func statusWithoutExecuting(status: Int) async throws {
        let f = try await Faulty("\(status)=100%")
        let before = f.node.audit()
        await #expect(throws: TransportError.self) { try await f.send(f.transfer(nonce: 0)) }
        do {
            _ = try await f.send(f.transfer(nonce: 0))
        } catch TransportError.httpStatus(let got, _) {
            #expect(got == status)
        }
        #expect(f.node.audit() == before, "nothing was executed")
        #expect(f.node.faultCounts.injected == 2)
        await f.stop()
    }

    @Test("close=100% closes the connection without executing; the next connection works once faults are off")
    func close() async throws {
        let f = try await Faulty("close=100%")
        let before = f.node.audit()
        do {
            _ = try await f.send(f.transfer(nonce: 0))
            Issue.record("expected a closed connection")
        } catch let error as TransportError {
            guard case .curl = error else { Issue.record("expected a curl error, got \(error)"); return }
        }
        #expect(f.node.audit() == before)
        f.node.setFaults(.none)
        #expect(try await f.send(request("devnet_info"))["result"]?["chain_id"] != nil)
        await f.stop()
    }

    @Test("drop-after-include loses the answer but the transaction is in the ledger; reads are answered")
    func dropAfterInclude() async throws {
        let f = try await Faulty("drop-after-include=100%,seed=3")
        #expect(try await f.send(request("nat_getNonce", params: ["address": .string(f.alice.address)]))["result"] == 0,
            "a read includes nothing, so it is answered")
        for nonce in 0..<4 {
            await #expect(throws: (any Error).self, "the answer to transfer \(nonce) is lost") { try await f.send(f.transfer(nonce: Int64(nonce))) }
        }
        f.node.setFaults(.none)
        #expect(try await f.send(request("nat_getNonce", params: ["address": .string(f.alice.address)]))["result"] == 4)
        #expect(try await f.send(request("nat_getBalance", params: ["address": .string(try TestKeys.bob().address)]))["result"] == "20")
        #expect(f.node.faultCounts.droppedAfterInclude == 4)
        await f.stop()
    }

    @Test("latency and jitter delay answers; devnet_info says faults are on, and only then")
    func latencyAndInfo() async throws {
        let f = try await Faulty("latency=5ms,jitter=10ms")
        let info = try await f.send(request("devnet_info"))["result"]
        #expect(info?["faults"]?["faults"] == "latency=5ms,jitter=10ms,seed=1")
        #expect(f.node.faultCounts.delayed == 1)
        f.node.setFaults(.none)
        #expect(try await f.send(request("devnet_info"))["result"]?["faults"] == nil)
        await f.stop()
    }

    @Test("the same seed draws the same faults in the same order")
    func seeded() throws {
        let faults = try HTTPFaults.parse("drop-after-include=30%,503=20%,close=10%,jitter=50ms,seed=42")
        let a = DevnetNode(options: DevnetOptions(faults: faults))
        let b = DevnetNode(options: DevnetOptions(faults: faults))
        let drawsA = (0..<200).map { _ in a.faultInjector.decide() }
        #expect(drawsA == (0..<200).map { _ in b.faultInjector.decide() })
        #expect(Set(drawsA.map { "\($0.before)" }).count == 3, "execute, 503 and close all occur")
        a.setFaults(faults)
        #expect((0..<200).map { _ in a.faultInjector.decide() } == drawsA, "setting the faults again restarts from the seed")
    }

    @Test("the in-process transport applies the same faults")
    func inProcess() async throws {
        let node = DevnetNode(options: DevnetOptions(faults: try HTTPFaults.parse("503=100%")))
        await #expect(throws: TransportError.self) { try await node.transport.roundTrip(request("devnet_info").canonicalBytes) }
        node.setFaults(.none)
        #expect(try JSON.parse(try await node.transport.roundTrip(request("devnet_info").canonicalBytes))["result"] != nil)
    }
}
