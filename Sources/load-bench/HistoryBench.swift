import Devnet
import Fixtures
import Foundation
import Networks

/// Whether a devnet stays fast as it grows: the time of `nat_getBalance` and of including a
/// transfer on a fresh devnet, then again after it executed `transactions` transfers (the
/// history is built through the in-process transport, many senders in parallel).
struct HistoryBench {
    let transactions: Int
    let senders: Int
    let samples: Int
    let options: DevnetOptions

    /// A JSON-RPC request body.
    static func body(_ method: String, _ params: JSON) -> [UInt8] {
        JSON.object(["jsonrpc": "2.0", "id": 1, "method": .string(method), "params": params]).canonicalBytes
    }

    /// A signed transfer of 1 wei from `key` at `nonce`.
    static func transfer(_ key: KeyPair, nonce: Int64, to: String, chainID: String) -> [UInt8] {
        let envelope = NativeEnvelope(chainID: chainID, from: key.address, nonce: nonce,
            call: Call(contract: "native", method: "transfer", args: ["to": .string(to), "amount": "1"]))
        return body("nat_sendTransaction", key.sign(envelope: envelope.json).json)
    }

    /// Median microseconds of `samples` balance reads and of `samples` transfers (signed
    /// beforehand: only the node's work is timed), one at a time.
    func probe(_ transport: InProcessTransport, _ node: DevnetNode, prober: KeyPair, nonce: inout Int64, accounts: [String]) async throws
        -> (balance: Double, transfer: Double)
    {
        var generator = SeededGenerator(seed: 7)
        let reads = (0..<samples).map { _ in Self.body("nat_getBalance", ["address": .string(accounts.randomElement(using: &generator) ?? prober.address)]) }
        var first = nonce
        let sends = (0..<samples).map { _ in
            defer { first += 1 }
            return Self.transfer(prober, nonce: first, to: accounts.randomElement(using: &generator) ?? prober.address, chainID: node.genesis.chainID)
        }
        nonce = first
        let clock = ContinuousClock()
        var readTimes: [Double] = [], sendTimes: [Double] = []
        for body in reads {
            let took = try await clock.measure { _ = try await transport.roundTrip(body) }
            readTimes.append(took.milliseconds * 1000)
        }
        for body in sends {
            var answer: [UInt8] = []
            let took = try await clock.measure { answer = try await transport.roundTrip(body) }
            guard String(decoding: answer, as: UTF8.self).contains("\"status\":\"success\"") else {
                throw ValidationErrorText("a probe transfer was not included: \(String(decoding: answer.prefix(300), as: UTF8.self))")
            }
            sendTimes.append(took.milliseconds * 1000)
        }
        func median(_ v: [Double]) -> Double { v.sorted()[v.count / 2] }
        return (median(readTimes), median(sendTimes))
    }

    func run() async throws {
        let node = DevnetNode(genesis: .default, options: options)
        let transport = node.transport
        let chainID = node.genesis.chainID
        let keys = (0..<senders).map { _ in KeyPair() }
        let prober = KeyPair()
        for key in keys + [prober] {
            _ = try await transport.roundTrip(Self.body("devnet_faucet", ["address": .string(key.address), "nat": .string("\(100 * Units.nat)")]))
        }
        let accounts = keys.map(\.address)
        var proberNonce: Int64 = 0
        print("history: \(transactions) transfers from \(senders) senders through the in-process transport")
        let rss0 = LoadBench.residentBytes()
        let fresh = try await probe(transport, node, prober: prober, nonce: &proberNonce, accounts: accounts)
        print(String(format: "  fresh devnet:       nat_getBalance %7.1f µs, transfer included %7.1f µs (medians of %d, one at a time)",
            fresh.balance, fresh.transfer, samples))

        let start = ContinuousClock.now
        let cores = ProcessInfo.processInfo.activeProcessorCount
        let perSender = transactions / senders
        try await withThrowingTaskGroup(of: Void.self) { group in
            for worker in 0..<cores {
                group.addTask {
                    for (n, key) in keys.enumerated() where n % cores == worker {
                        for nonce in 0..<Int64(perSender) {
                            let answer = try await transport.roundTrip(Self.transfer(key, nonce: nonce, to: accounts[(n + 1) % accounts.count], chainID: chainID))
                            if nonce == 0, !String(decoding: answer, as: UTF8.self).contains("\"status\":\"success\"") {
                                throw ValidationErrorText("a history transfer was not included: \(String(decoding: answer.prefix(300), as: UTF8.self))")
                            }
                        }
                    }
                }
            }
            try await group.waitForAll()
        }
        let built = (ContinuousClock.now - start).seconds
        let rss1 = LoadBench.residentBytes()
        print(String(format: "  built %d transfers in %.1f s: %.0f tx/s on %d cores (signing in this process included)",
            perSender * senders, built, Double(perSender * senders) / built, cores))
        let grown = try await probe(transport, node, prober: prober, nonce: &proberNonce, accounts: accounts)
        print(String(format: "  after the history:  nat_getBalance %7.1f µs, transfer included %7.1f µs", grown.balance, grown.transfer))
        print(String(format: "  ratio after/fresh:  nat_getBalance %.2f, transfer %.2f (target: within 1.10)",
            grown.balance / fresh.balance, grown.transfer / fresh.transfer))
        print(String(format: "  resident memory: %.1f -> %.1f MiB, %.0f bytes per transaction kept (receipt, event, state)",
            Double(rss0) / 1_048_576, Double(rss1) / 1_048_576, Double(rss1 - rss0) / Double(max(1, perSender * senders))))
    }
}

/// A benchmark's failure, said in words.
struct ValidationErrorText: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
