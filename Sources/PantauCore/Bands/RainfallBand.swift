/// Rainfall intensity in mm/h: light < 5, moderate 5–10, heavy 10–20, very heavy > 20.
public enum RainfallBand: Int, CaseIterable, Sendable {
    case none, light, moderate, heavy, veryHeavy

    public init(mmPerHour v: Double) {
        switch v {
        case ..<0.1: self = .none
        case ..<5: self = .light
        case ..<10: self = .moderate
        case ...20: self = .heavy
        default: self = .veryHeavy
        }
    }

    public var label: String {
        switch self {
        case .none: return "no rain"
        case .light: return "light"
        case .moderate: return "moderate"
        case .heavy: return "heavy"
        case .veryHeavy: return "very heavy"
        }
    }

    public var tone: BandTone {
        switch self {
        case .none: return .neutral
        case .light: return .good
        case .moderate: return .moderate
        case .heavy: return .warning
        case .veryHeavy: return .danger
        }
    }
}
