/// Flood alert levels for a water gauge. A lower number is more dangerous.
public enum FloodAlertLevel: Int, CaseIterable, Comparable, Sendable {
    case siaga1 = 1, siaga2 = 2, siaga3 = 3, siaga4 = 4

    public static func < (a: Self, b: Self) -> Bool { a.rawValue > b.rawValue } // more dangerous is "greater"

    /// e.g. `Siaga 2 Siaga`, `Siaga 1 Awas`.
    public var label: String {
        switch self {
        case .siaga4: return "Siaga 4 Normal"
        case .siaga3: return "Siaga 3 Waspada"
        case .siaga2: return "Siaga 2 Siaga"
        case .siaga1: return "Siaga 1 Awas"
        }
    }

    public var tone: BandTone {
        switch self {
        case .siaga4: return .good
        case .siaga3: return .warning
        case .siaga2: return .danger
        case .siaga1: return .extreme
        }
    }
}

/// A gauge's thresholds in cm: at or above `waspada` is Siaga 3, `siaga` Siaga 2, `awas` Siaga 1.
public struct GaugeThresholds: Hashable, Sendable, Codable {
    public var waspada: Double
    public var siaga: Double
    public var awas: Double

    public init(waspada: Double, siaga: Double, awas: Double) {
        self.waspada = waspada
        self.siaga = siaga
        self.awas = awas
    }

    public func level(for cm: Double) -> FloodAlertLevel {
        if cm >= awas { return .siaga1 }
        if cm >= siaga { return .siaga2 }
        if cm >= waspada { return .siaga3 }
        return .siaga4
    }

    /// Pintu Air Sepuluh (Bendung Pasar Baru) on the Cisadane: 300 / 380 / 450 cm.
    public static let pintuAirSepuluh = GaugeThresholds(waspada: 300, siaga: 380, awas: 450)
    /// Used for a gauge with no configured thresholds.
    public static let fallback = GaugeThresholds(waspada: 150, siaga: 200, awas: 250)

    /// Defaults for the simulated gauges, by station id.
    public static let defaults: [String: GaugeThresholds] = [
        "pa-sepuluh": .pintuAirSepuluh,
        "pa-cisadane-karawaci": GaugeThresholds(waspada: 320, siaga: 400, awas: 470),
        "situ-cipondoh": GaugeThresholds(waspada: 180, siaga: 220, awas: 260),
        "kali-angke-ciledug": GaugeThresholds(waspada: 150, siaga: 200, awas: 250),
        "kali-sabi-cibodas": GaugeThresholds(waspada: 120, siaga: 160, awas: 200),
        "kali-cirarab-periuk": GaugeThresholds(waspada: 130, siaga: 170, awas: 210),
        "kali-angke-larangan": GaugeThresholds(waspada: 150, siaga: 200, awas: 250),
    ]
}
