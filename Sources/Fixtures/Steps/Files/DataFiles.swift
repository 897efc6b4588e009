import Foundation
import Networks

/// The records a run seeds, read from the data files its config names (seed 001's
/// `data/<collection>.json`): each file is a JSON array of records of its collection's shape.
public struct DataFiles: Sendable, Equatable {
    /// Creators registered on a fresh creator-keys instance: `{"handle", "nat"?}`.
    public var creators: [CreatorRecord] = []
    /// Accounts funded with given balances: `{"label", "nat"?, "und"?}`.
    public var accounts: [AccountRecord] = []
    /// Private agents with their pools: `{"label", "fee_bips", "free_lots"?, "pool_collateral"?, ...}`.
    public var agents: [AgentRecord] = []

    /// A creator to register: its handle (SPEC 4's rules) and the NAT it is given for gas (default 1 NAT).
    public struct CreatorRecord: Sendable, Equatable {
        public var handle: String
        public var nat: Int128
    }

    /// An account to fund with `nat` wei and `und` drops.
    public struct AccountRecord: Sendable, Equatable {
        public var label: String
        public var nat: Int128
        public var und: Int128
    }

    /// A private agent to create with its pool (SPEC 7's admin call); unset values take the network's defaults.
    public struct AgentRecord: Sendable, Equatable {
        public var label: String
        public var feeBips: Int64
        public var freeLots: Int64?
        public var poolCollateral: Int128?
        public var vaultCollateral: Int128?
        public var underlyingBalance: Int128?
    }

    /// Reads every configured collection's file and checks it has at least `required_count` records.
    public static func load(_ config: StepsConfiguration) throws(StepsFileError) -> DataFiles {
        var data = DataFiles()
        for spec in config.collections.values.sorted(by: { $0.name < $1.name }) {
            let records = try spec.dataFile.map { name throws(StepsFileError) in
                try read(config.dataDirectory.appendingPathComponent(name), collection: spec.name)
            } ?? []
            guard records.count >= spec.requiredCount else {
                let file = spec.dataFile.map { config.dataDirectory.appendingPathComponent($0).path } ?? config.file.path
                throw StepsFileError(file: file, problem: "has \(records.count) \(spec.name) records; \(config.file.lastPathComponent) "
                    + "requires at least \(spec.requiredCount) (collections.\(spec.name).required_count)")
            }
            switch spec.name {
            case "creators": data.creators = try records.map(creator)
            case "accounts": data.accounts = try records.map(account)
            default: data.agents = try records.map(agent)
            }
            try checkUnique(records, field: spec.name == "creators" ? "handle" : "label")
        }
        return data
    }

    /// The records of a JSON array file, each named `record n ("label")` in errors.
    static func read(_ url: URL, collection: String) throws(StepsFileError) -> [(FileRecord, Int)] {
        let file = url.path
        guard let bytes = FileManager.default.contents(atPath: file) else {
            throw StepsFileError(file: file, problem: "cannot be read; collections.\(collection).data_file names it (relative to data_dir)")
        }
        let json: JSON
        do { json = try JSON.parse(Array(bytes)) } catch { throw StepsFileError(file: file, problem: "is not valid JSON: \(error)") }
        guard case .array(let items) = json else {
            throw StepsFileError(file: file, problem: "expected an array of \(collection) records, got \(json.typeName)")
        }
        return try items.enumerated().map { i, item throws(StepsFileError) in
            let label = (item["handle"] ?? item["label"])?.stringValue.map { " (\"\($0)\")" } ?? ""
            return (try FileRecord(file: file, record: "record \(i + 1)\(label)", json: item), i)
        }
    }

    static func creator(_ entry: (FileRecord, Int)) throws(StepsFileError) -> CreatorRecord {
        let r = entry.0
        try r.onlyFields(["handle", "nat"])
        let handle = try r.string("handle")
        // SPEC 4's handle rules, checked before anything is sent.
        guard (3...32).contains(handle.count) else { throw r.error("handle", "\"\(handle)\" has \(handle.count) characters; SPEC 4 allows 3 to 32") }
        guard handle.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "_") }) else {
            throw r.error("handle", "\"\(handle)\" has a character outside [a-z0-9_] (SPEC 4)")
        }
        return CreatorRecord(handle: handle, nat: try r.optionalAmount("nat", as: .nat) ?? Units.nat)
    }

    static func account(_ entry: (FileRecord, Int)) throws(StepsFileError) -> AccountRecord {
        let r = entry.0
        try r.onlyFields(["label", "nat", "und"])
        return AccountRecord(label: try label(r), nat: try r.optionalAmount("nat", as: .nat) ?? 0,
            und: try r.optionalAmount("und", as: .und) ?? 0)
    }

    static func agent(_ entry: (FileRecord, Int)) throws(StepsFileError) -> AgentRecord {
        let r = entry.0
        try r.onlyFields(["label", "fee_bips", "free_lots", "pool_collateral", "vault_collateral", "underlying_balance"])
        guard let fee = try r.optionalInt("fee_bips", in: 0...10_000) else { throw r.error("fee_bips", "missing; expected the agent's minting fee in bips") }
        return AgentRecord(label: try label(r), feeBips: fee, freeLots: try r.optionalInt("free_lots", in: 1...1_000_000),
            poolCollateral: try r.optionalAmount("pool_collateral", as: .nat), vaultCollateral: try r.optionalAmount("vault_collateral", as: .nat),
            underlyingBalance: try r.optionalAmount("underlying_balance", as: .und))
    }

    static func label(_ r: FileRecord) throws(StepsFileError) -> String {
        let label = try r.string("label")
        guard !label.isEmpty, label.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-") }) else {
            throw r.error("label", "\"\(label)\" is not a label of letters, digits, _ and -")
        }
        return label
    }

    /// Refuses a second record with the same handle or label, naming both.
    static func checkUnique(_ records: [(FileRecord, Int)], field: String) throws(StepsFileError) {
        var seen: [String: Int] = [:]
        for (record, index) in records {
            guard let value = record.object[field]?.stringValue else { continue }
            if let first = seen[value] { throw record.error(field, "\"\(value)\" is also the \(field) of record \(first + 1)") }
            seen[value] = index
        }
    }
}
