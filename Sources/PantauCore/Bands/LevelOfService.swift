/// Level of Service A–F from the ratio of speed to free-flow speed.
public enum LevelOfService: String, CaseIterable, Sendable {
    case a = "A", b = "B", c = "C", d = "D", e = "E", f = "F"

    public init(speedRatio r: Double) {
        switch r {
        case 0.85...: self = .a
        case 0.67...: self = .b
        case 0.50...: self = .c
        case 0.40...: self = .d
        case 0.30...: self = .e
        default: self = .f
        }
    }
}

/// Tones and names of Waze jam levels 0–5.
public enum JamLevel {
    public static func label(_ level: Int) -> String {
        switch level {
        case ...0: return "free"
        case 1: return "light"
        case 2: return "moderate"
        case 3: return "heavy"
        case 4: return "severe"
        default: return "stopped"
        }
    }

    public static func tone(_ level: Int) -> BandTone {
        switch level {
        case ...0: return .good
        case 1: return .good
        case 2: return .moderate
        case 3: return .warning
        case 4: return .danger
        default: return .extreme
        }
    }
}
