/// ISPU (Indeks Standar Pencemar Udara) categories, PermenLHK P.14/2020.
public enum ISPUCategory: Int, CaseIterable, Sendable {
    case baik, sedang, tidakSehat, sangatTidakSehat, berbahaya

    /// The category of an ISPU value: 0–50, 51–100, 101–200, 201–300, ≥301.
    public init(ispu: Double) {
        switch ispu {
        case ..<50.5: self = .baik
        case ..<100.5: self = .sedang
        case ..<200.5: self = .tidakSehat
        case ..<300.5: self = .sangatTidakSehat
        default: self = .berbahaya
        }
    }

    /// The official name (kept in Bahasa Indonesia whatever the UI language).
    public var label: String {
        switch self {
        case .baik: return "Baik"
        case .sedang: return "Sedang"
        case .tidakSehat: return "Tidak Sehat"
        case .sangatTidakSehat: return "Sangat Tidak Sehat"
        case .berbahaya: return "Berbahaya"
        }
    }

    /// green, blue, yellow, red, black (shown inverse/magenta on a dark terminal).
    public var tone: BandTone {
        switch self {
        case .baik: return .good
        case .sedang: return .moderate
        case .tidakSehat: return .warning
        case .sangatTidakSehat: return .danger
        case .berbahaya: return .extreme
        }
    }

    /// ISPU from a PM2.5 concentration (µg/m³) by linear interpolation over the breakpoints
    /// 0–15.5–55.4–150.4–250.4–500 → 0–50–100–200–300–500.
    public static func ispu(fromPM25 c: Double) -> Double {
        let bp: [(Double, Double)] = [(0, 0), (15.5, 50), (55.4, 100), (150.4, 200), (250.4, 300), (500, 500)]
        if c <= 0 { return 0 }
        for i in 1..<bp.count where c <= bp[i].0 {
            let (c0, i0) = bp[i - 1], (c1, i1) = bp[i]
            return i0 + (c - c0) * (i1 - i0) / (c1 - c0)
        }
        return 500
    }
}
