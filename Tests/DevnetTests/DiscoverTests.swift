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
