extension LoadReportDocument {
    /// Fees the users paid, in base units: gas and reservation fees in wei (NAT), underlying
    /// payment fees in drops (UND).
    public struct Fees: Sendable, Equatable, Codable {
        public var gas: BaseUnits
        public var underlying: BaseUnits
        public var reservation: BaseUnits

        public init(_ spent: LoadReport.Spent) {
            gas = BaseUnits(spent.gas)
            underlying = BaseUnits(spent.underlying)
            reservation = BaseUnits(spent.reservation)
        }
    }

    /// NAT (wei), UND (drops) and FUND (uba) in base units.
    public struct Amounts: Sendable, Equatable, Codable {
        public var nat: BaseUnits
        public var und: BaseUnits
        public var fund: BaseUnits

        public init(_ funds: Funds) {
            nat = BaseUnits(funds.nat)
            und = BaseUnits(funds.und)
            fund = BaseUnits(funds.fund)
        }

        /// The amounts as `Funds`.
        public var funds: Funds { Funds(nat: nat.value, und: und.value, fund: fund.value) }
    }

    /// What the funder gave the users and got back when they were collected.
    public struct FundsMoved: Sendable, Equatable, Codable {
        public var given: Amounts
        public var returned: Amounts
    }
}
