@testable import Fixtures
import Networks
import Testing

@Suite("Transcripts")
struct TranscriptTests {
    static let a = "n" + String(repeating: "a", count: 64)
    static let b = "n" + String(repeating: "b", count: 64)
    static let c = "c" + String(repeating: "1", count: 64)

    @Test("aliased ids get their names, others get numbered names in order of appearance")
    func naming() {
        let transcript = Transcript()
        transcript.alias(Self.a, as: "alice")
        transcript.note("first", ["from": .string(Self.b), "to": .string(Self.a), "contract": .string(Self.c)])
        transcript.note("again", .string("sent by \(Self.b) to \(Self.c)."))
        #expect(transcript.json == [
            ["note": "first", "value": ["from": "<account#1>", "to": "<alice>", "contract": "<contract#1>"]],
            ["note": "again", "value": "sent by <account#1> to <contract#1>."],
        ])
    }

    @Test("the underlying address of an aliased account is named after it")
    func underlyingAlias() {
        let transcript = Transcript()
        transcript.alias(Self.a, as: "alice")
        transcript.note("und", .string("u" + Self.a.dropFirst()))
        #expect(transcript.json == [["note": "und", "value": "<alice.und>"]])
    }

    @Test("a longer hex run is not mistaken for an address")
    func longerRunsStay() {
        let text = "n" + String(repeating: "a", count: 70)
        let transcript = Transcript()
        transcript.note("long", .string(text))
        #expect(transcript.json == [["note": "long", "value": .string(text)]])
    }

    @Test("recorded transactions keep the call and receipt but drop run-specific fields")
    func transactionEntry() throws {
        let request: JSON = ["jsonrpc": "2.0", "id": 7, "method": "nat_sendTransaction", "params": [
            "envelope": ["chain_id": "x", "from": .string(Self.a), "nonce": 3, "call": ["contract": "native", "method": "transfer", "args": [:]]],
            "signature": "ff",
        ]]
        let response: JSON = ["jsonrpc": "2.0", "id": 7, "result": [
            "hash": "h", "block": 9, "timestamp": 123, "status": "success", "gas_used": 21000, "fee": "5",
            "events": [["seq": 4, "type": "Transfer", "timestamp": 123, "resource": .string(Self.a), "data": [:]]],
        ]]
        let entry = try #require(RecordingTransport.entry(request: request, response: response))
        #expect(entry == [
            "tx": ["from": .string(Self.a), "call": ["contract": "native", "method": "transfer", "args": [:]]],
            "receipt": ["status": "success", "gas_used": 21000, "fee": "5",
                        "events": [["type": "Transfer", "timestamp": 123, "resource": .string(Self.a), "data": [:]]]],
        ])
    }

    @Test("plumbing calls are not recorded")
    func plumbingSkipped() {
        for method in ["devnet_faucet", "nat_getNonce", "devnet_info"] {
            let request: JSON = ["jsonrpc": "2.0", "id": 1, "method": .string(method), "params": [:]]
            #expect(RecordingTransport.entry(request: request, response: ["jsonrpc": "2.0", "id": 1, "result": 0]) == nil, "\(method)")
        }
    }

    @Test("snapshots live under test_snapshots/<Module> at the package root")
    func snapshotDirectory() {
        let dir = SnapshotPaths.directory(fileID: "Quotes/SnapshotTests.swift", filePath: "/repo/Tests/Quotes/SnapshotTests.swift")
        #expect(dir == "/repo/test_snapshots/Quotes")
    }
}
