import PantauCore

extension UnitStatus {
    /// The words the board and pickers show: `en route`, `out of service`.
    public var label: String { rawValue.replacingOccurrences(of: "_", with: " ") }

    /// How the board colours it: available good, busy warning, out of service danger.
    var tone: BandTone {
        switch self {
        case .available: return .good
        case .dispatched, .enRoute: return .warning
        case .onScene: return .moderate
        case .outOfService: return .danger
        }
    }
}
