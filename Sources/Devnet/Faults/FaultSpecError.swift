/// A fault or planted-bug spec that cannot be used. The message names the switch, the part
/// that is wrong, what is wrong with it, and the grammar the part must follow.
public struct FaultSpecError: Error, Sendable, Equatable, CustomStringConvertible {
    /// `faults` or `plant`.
    public let setting: String
    /// The offending part of the spec, as given.
    public let part: String
    public let problem: String
    public let grammar: String

    public var description: String { "\(setting) part \"\(part)\": \(problem); expected \(grammar)" }
}
