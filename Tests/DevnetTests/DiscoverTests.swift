import Devnet
import Networks
import Testing

/// `rpc.discover` (SPEC 2): an OpenRPC document of every method.
@Suite("Devnet rpc.discover")
struct DiscoverTests {
    @Test("rpc.discover lists every method of the table, each with by-name params")
    func everyMethod() async throws {
        let t = try TestNode()
        let document = try await t.rpc.call("rpc.discover")
        #expect(document["openrpc"]?.stringValue?.hasPrefix("1.") == true, "openrpc version in \(String(describing: document["openrpc"]))")
        let methods = try #require(document["methods"]?.arrayValue)
        let names = methods.compactMap { $0["name"]?.stringValue }
        #expect(Set(names) == Spec.methods, "missing \(Spec.methods.subtracting(names)), extra \(Set(names).subtracting(Spec.methods))")
        #expect(names.count == Set(names).count, "no method listed twice")
        for method in methods {
            let name = method["name"]?.stringValue ?? "?"
            #expect(method["params"]?.arrayValue != nil, "\(name) has a params array")
            #expect(method["paramStructure"] == "by-name", "\(name) takes params by name")
        }
    }

    @Test("every listed method answers something other than -32601")
    func listedMethodsExist() async throws {
        let t = try TestNode()
        for name in Spec.methods.sorted() {
            do {
                _ = try await t.rpc.call(name, [:])
            } catch let error as RPCError {
                #expect(error.code != RPCErrorCode.methodNotFound, "\(name) is listed but not served")
            }
        }
    }

    @Test("nat_getBalance's address param is described as required")
    func paramDescription() async throws {
        let t = try TestNode()
        let methods = try await t.rpc.call("rpc.discover")["methods"]?.arrayValue ?? []
        let balance = try #require(methods.first { $0["name"] == "nat_getBalance" })
        let address = try #require(balance["params"]?.arrayValue?.first { $0["name"] == "address" })
        #expect(address["required"] == true)
    }
}

@Suite("rpc.discover describes the bridged asset")
struct DiscoverAssetTests {
    @Test("x-contracts lists the asset manager, pool and FUND methods with their SPEC gas")
    func assetContracts() async throws {
        let node = try TestNode()
        let doc = try await node.rpc.call("rpc.discover")
        let contracts = doc["x-contracts"]
        func gas(_ contract: String, _ method: String) -> Int64? {
            contracts?[contract]?["writes"]?.arrayValue?.first { $0["name"]?.stringValue == method }?["gas"]?.intValue
        }
        #expect(gas("asset_manager", "reserve_collateral") == 150_000)
        #expect(gas("asset_manager", "execute_minting") == 200_000)
        #expect(gas("asset_manager", "redeem") == 180_000)
        #expect(gas("asset_manager", "redemption_payment_default") == 160_000)
        #expect(gas("collateral_pool", "enter") == 120_000)
        #expect(gas("collateral_pool", "exit") == 130_000)
        #expect(gas("collateral_pool", "withdraw_fees") == 90_000)
        #expect(gas("collateral_pool", "transfer") == 60_000)
        #expect(gas("fund", "transfer") == 50_000)
        let reads = contracts?["asset_manager"]?["reads"]?.arrayValue?.compactMap { $0["name"]?.stringValue } ?? []
        #expect(Set(reads) == ["get_settings", "get_agents", "get_agent", "get_reservation", "get_redemption", "get_pool", "get_pool_holder"])
    }
}
