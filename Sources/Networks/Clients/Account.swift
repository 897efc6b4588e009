/// A native account that signs and sends its own transactions, one at a time, in nonce order.
///
/// It learns its nonce from the node once and counts from there; after a refusal for a
/// wrong nonce it asks again. Every receipt's fee is added to `feesPaid`, reverted ones too.
/// A transaction whose answer is lost is looked up by its hash before it is sent again (the
/// same signed bytes), so it is never paid twice (`RPCClient.counters` counts this).
public actor Account {
    public nonisolated let key: KeyPair
    public nonisolated let chain: NativeChain
    public nonisolated let chainID: String
    public nonisolated var address: String { key.address }

    private var nextNonce: Int64?
    private var lock = SerialLock()

    /// Total gas fees of this account's included transactions, in wei.
    public private(set) var feesPaid: Int128 = 0
    /// Number of included transactions (successful and reverted).
    public private(set) var transactionCount = 0

    public init(key: KeyPair = KeyPair(), chain: NativeChain, chainID: String) {
        self.key = key
        self.chain = chain
        self.chainID = chainID
    }

    /// Signs `call` with the next nonce and sends it. Returns the receipt whether the call
    /// succeeded or reverted; throws `RPCError` when the node refused the transaction.
    /// `recordIntent`, when given, receives the signed transaction's nonce and hash before a
    /// byte is sent: a caller that keeps it durably can look the transaction's receipt up
    /// after a crash (`NativeChain.receiptIfIncluded`) and learn what it did.
    public func send(_ call: Call, recordIntent: (@Sendable (TransactionIntent) async throws -> Void)? = nil) async throws -> Receipt {
        await acquire()
        defer { release() }
        let nonce: Int64
        if let known = nextNonce { nonce = known } else { nonce = try await chain.nonce(of: address) }
        let envelope = NativeEnvelope(chainID: chainID, from: address, nonce: nonce, call: call)
        let signed = key.sign(envelope: envelope.json)
        let chain = self.chain
        if let recordIntent {
            do { try await recordIntent(TransactionIntent(sequence: nonce, hash: signed.hash)) } catch {
                nextNonce = nil
                throw error
            }
        }
        do {
            let receipt = try await LostWrite(rpc: chain.rpc, send: { try await chain.send(signed) },
                lookup: { try await chain.receiptIfIncluded(signed.hash) }).run()
            nextNonce = nonce + 1
            feesPaid += receipt.fee
            transactionCount += 1
            return receipt
        } catch let error as RPCError {
            if error.code == RPCErrorCode.wrongNonce { nextNonce = nil }
            throw error
        } catch {
            nextNonce = nil  // unknown outcome: ask the node next time
            throw error
        }
    }

    /// The account's NAT balance in wei.
    public nonisolated func balance() async throws -> Int128 { try await chain.balance(of: address) }

    private func acquire() async {
        await withCheckedContinuation { continuation in
            if !lock.enqueue(continuation) { continuation.resume() }
        }
    }

    private func release() { lock.release() }
}
