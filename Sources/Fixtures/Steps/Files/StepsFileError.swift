/// A config, workers or data file of a step run that cannot be used. The run stops before it
/// touches the network, with a message naming the file, the record and the field.
public struct StepsFileError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file's path.
    public let file: String
    /// The record inside it (`worker "buyer"`, `record 2 ("alice")`), when the problem is in one.
    public let record: String?
    /// The field (a dot path inside the record or the file), when the problem is in one.
    public let field: String?
    /// What is wrong and what was expected.
    public let problem: String

    public init(file: String, record: String? = nil, field: String? = nil, problem: String) {
        self.file = file
        self.record = record
        self.field = field
        self.problem = problem
    }

    public var description: String {
        var text = file
        if let record { text += ": \(record)" }
        if let field { text += ": field \"\(field)\"" }
        return text + ": " + problem
    }
}
