import Devnet
import Networks
import Testing

/// Strict mode answers only the methods, calls and reads SPEC sections 1-9 define.
@Suite("Devnet strict mode: methods")
struct StrictMethodTests {
    @Test("rpc.discover lists exactly SPEC's methods and SPEC's contract calls")
    func discover() async throws {
        let s = try await StrictNode()
        let doc = try await s.t.rpc.call("rpc.discover")
        let methods = Set(doc["methods"]?.arrayValue?.compactMap { $0["name"]?.stringValue } ?? [])
        #expect(methods == Spec.methods)
        let contracts = doc["x-contracts"]?.objectValue ?? [:]
        #expect(contracts["devnet"] == nil, "no fault switch without a fault flag at start")
        func names(_ contract: String, _ kind: String) -> Set<String> {
            Set(contracts[contract]?[kind]?.arrayValue?.compactMap { $0["name"]?.stringValue } ?? [])
        }
        #expect(names("fund", "writes").isEmpty, "fund.transfer is an extension")
        #expect(names("fund", "reads") == ["balance_of", "total_supply"])
        #expect(names("scheduler", "reads") == ["list_schedules", "list_jobs"])
        #expect(!names("creator_keys", "reads").contains("get_state") && !names("creator_keys", "reads").contains("get_creator"))
        #expect(names("creator_keys", "reads").contains("get_reserve_balance"))
        #expect(names("asset_manager", "writes").contains("create_agent"), "SPEC 7's admin abilities stay")
    }

    @Test("extension reads answer -32601, extension writes 2005, and change nothing")
    func extensionsAbsent() async throws {
        let s = try await StrictNode()
        let before = s.t.node.audit()
        for (contract, method) in [("scheduler", "get_tag"), ("fund", "no_such_read")] {
            await expectRPCError(RPCErrorCode.methodNotFound, "\(contract).\(method)") { try await s.read(contract, method, ["tag": "x"]) }
        }
        #expect(s.t.node.audit() == before)
        for call in [s.t.asset.fundTransfer(to: s.admin.address, amount: 1),
            Call(contract: "devnet", method: "set_faults", args: ["faults": "503=1%"])]
        {
            await expectRPCError(RPCErrorCode.unknownCall, "\(call.contract).\(call.method)") { try await s.alice.send(call) }
        }
        #expect(s.t.node.audit() == before, "refused calls change nothing")
    }

    @Test("SPEC 7's admin abilities stay: tags, schedules, jobs, a backdated agent bound to tags")
    func adminAbilities() async throws {
        let s = try await StrictNode()
        let schedules = Schedules(chain: s.t.chain)
        let tag = try await s.admin.send(schedules.createTag("strict"))
        #expect(tag.status == .success && tag.result == ["id": "strict", "pause_at": 0, "fast_forward_until": .null])
        let receipt = try await s.admin.send(s.t.asset.createAgent(feeBips: 10, openingTime: AssetNode.start - 86_400 * 3,
            tags: [.accruePoolRewards: "strict"]))
        #expect(StrictNode.keys(receipt.result) == ["agent", "pool"], "\(receipt.json)")
        let agent = try CreatedAgent(json: receipt.result ?? .null)
        _ = try await s.admin.send(schedules.updateTag("strict", pauseAt: .set(AssetNode.start)))
        let listed = try await s.read("scheduler", "list_schedules", ["resource": .string(agent.pool)])
        #expect(listed.arrayValue?.map(StrictNode.keys) == [["name", "next_run", "tag", "last_run"]])
        let jobs = try await s.read("scheduler", "list_jobs", ["resource": .string(agent.pool), "schedule": "ACCRUE_POOL_REWARDS"])
        #expect(jobs.arrayValue?.count == 3)
        #expect(jobs.arrayValue?.allSatisfy { StrictNode.keys($0) == ["effective_time", "status", "completed_at"] } == true, "\(jobs)")
    }

    @Test("with a fault flag at start the run-time fault switch exists in strict mode too")
    func faultSwitchKept() async throws {
        let s = try await StrictNode(options: DevnetOptions(strictSpec: true, faultSwitch: true))
        let receipt = try await s.admin.send(Call(contract: "devnet", method: "set_faults", args: ["plant": "skip:pool.timelock"]))
        #expect(receipt.status == .success, "\(receipt.json)")
        #expect(try await s.t.rpc.call("devnet_info")["faults"] != nil, "devnet_info says a planted bug is active")
        let doc = try await s.t.rpc.call("rpc.discover")
        #expect(doc["x-contracts"]?["devnet"] != nil)
    }

    @Test("the strict HTTP front serves POST /rpc only")
    func httpRoutes() async throws {
        let node = DevnetNode(options: DevnetOptions(strictSpec: true))
        let server = try await EmbeddedDevnetServer.start(node: node)
        let root = CurlTransport(url: "http://\(server.host):\(server.port)/", timeout: .seconds(10), maxConnections: 1)
        let rpc = CurlTransport(url: server.rpcURL, timeout: .seconds(10), maxConnections: 1)
        let body = request("devnet_info").canonicalBytes
        await #expect(throws: TransportError.self, "POST / is a devnet convenience, absent in strict mode") { try await root.roundTrip(body) }
        #expect(try JSON.parse(try await rpc.roundTrip(body))["result"]?["chain_id"] != nil)
        root.shutdown()
        rpc.shutdown()
        await server.stop()
    }
}
