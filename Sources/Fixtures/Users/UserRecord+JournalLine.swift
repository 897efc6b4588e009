import Networks

/// A record's journal line written straight to bytes: the same JSON `Codable` reads back
/// (and `JSONEncoder` writes, keys sorted), at a fraction of `JSONEncoder`'s cost. Every
/// change of a user's book writes one, so on the load path it mattered (about a tenth of
/// the harness's CPU).
extension UserRecord {
    var journalLine: [UInt8] {
        var w = JournalLineWriter()
        w.open()
        w.key("address"); w.string(address)
        w.key("book"); w.book(book)
        w.key("given"); w.funds(given)
        w.key("label"); w.string(label)
        w.key("owner"); w.open()
        if let bootID = owner.bootID { w.key("bootID"); w.string(bootID) }
        w.key("host"); w.string(owner.host)
        w.key("pid"); w.number(owner.pid)
        if let ticks = owner.startTicks { w.key("startTicks"); w.number(ticks) }
        w.close()
        w.key("returned"); w.funds(returned)
        w.key("revision"); w.number(revision)
        w.key("role"); w.string(role.rawValue)
        if let run { w.key("run"); w.string(run) }
        w.key("seedHex"); w.string(seedHex)
        if let setIndex { w.key("setIndex"); w.number(setIndex) }
        w.key("status"); w.string(status.rawValue)
        if let userSet { w.key("userSet"); w.string(userSet) }
        w.close()
        return w.bytes
    }
}

/// Appends JSON: objects opened and closed, keys and values; commas are its business.
private struct JournalLineWriter {
    var bytes: [UInt8] = []

    init() { bytes.reserveCapacity(1024) }

    /// A comma unless this is the first member of its object or array.
    private mutating func separate() {
        if let last = bytes.last, last != UInt8(ascii: "{"), last != UInt8(ascii: "[") { bytes.append(UInt8(ascii: ",")) }
    }

    mutating func open() { bytes.append(UInt8(ascii: "{")) }
    mutating func close() { bytes.append(UInt8(ascii: "}")) }

    mutating func key(_ name: StaticString) {
        separate()
        bytes.append(UInt8(ascii: "\""))
        name.withUTF8Buffer { bytes.append(contentsOf: $0) }
        bytes.append(UInt8(ascii: "\""))
        bytes.append(UInt8(ascii: ":"))
    }

    mutating func string(_ s: String) { JSON.writeString(s, to: &bytes) }
    mutating func number(_ n: some BinaryInteger) { bytes.append(contentsOf: String(n).utf8) }
    mutating func bool(_ b: Bool) { bytes.append(contentsOf: (b ? "true" : "false").utf8) }

    mutating func funds(_ f: Funds) {
        open()
        key("fund"); number(f.fund)
        key("nat"); number(f.nat)
        key("und"); number(f.und)
        close()
    }

    mutating func intent(_ i: TransactionIntent) {
        open()
        key("hash"); string(i.hash)
        key("sequence"); number(i.sequence)
        close()
    }

    mutating func book(_ book: UserBook) {
        open()
        key("mintings"); bytes.append(UInt8(ascii: "["))
        for m in book.mintings {
            separate()
            open()
            key("agentFeeBips"); number(m.agentFeeBips)
            if let hash = m.paymentHash { key("paymentHash"); string(hash) }
            if let i = m.paymentIntent { key("paymentIntent"); intent(i) }
            key("reservation"); reservation(m.reservation)
            close()
        }
        bytes.append(UInt8(ascii: "]"))
        if let i = book.redeemIntent { key("redeemIntent"); intent(i) }
        key("redemptions"); bytes.append(UInt8(ascii: "["))
        for r in book.redemptions {
            separate()
            open()
            key("paymentFailed"); bool(r.paymentFailed)
            key("request"); request(r.request)
            key("status"); string(r.status)
            close()
        }
        bytes.append(UInt8(ascii: "]"))
        close()
    }

    mutating func reservation(_ r: CollateralReservation) {
        open()
        key("agent"); string(r.agent)
        key("deadline"); number(r.deadline)
        key("feeUBA"); number(r.feeUBA)
        key("lots"); number(r.lots)
        key("paymentAddress"); string(r.paymentAddress)
        key("paymentReference"); string(r.paymentReference)
        if let fee = r.reservationFee { key("reservationFee"); number(fee) }
        key("reservationID"); number(r.reservationID)
        key("valueUBA"); number(r.valueUBA)
        close()
    }

    mutating func request(_ r: RedemptionRequest) {
        open()
        key("agent"); string(r.agent)
        key("deadline"); number(r.deadline)
        key("feeUBA"); number(r.feeUBA)
        key("lots"); number(r.lots)
        key("payUBA"); number(r.payUBA)
        key("paymentReference"); string(r.paymentReference)
        key("requestID"); number(r.requestID)
        key("valueUBA"); number(r.valueUBA)
        close()
    }
}
