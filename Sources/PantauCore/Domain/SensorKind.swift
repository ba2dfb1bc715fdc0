/// What a sensor measures (feed-format `sensor`). Unknown kinds are kept by name.
public enum SensorKind: Hashable, Sendable, Comparable {
    case waterLevel, rainfall, ispu, pm25, pm10, temperature, humidity, noise
    case other(String)

    public init(name: String) {
        switch name {
        case "water_level": self = .waterLevel
        case "rainfall": self = .rainfall
        case "ispu": self = .ispu
        case "pm25": self = .pm25
        case "pm10": self = .pm10
        case "temperature": self = .temperature
        case "humidity": self = .humidity
        case "noise": self = .noise
        default: self = .other(name)
        }
    }

    /// The feed-format name.
    public var name: String {
        switch self {
        case .waterLevel: return "water_level"
        case .rainfall: return "rainfall"
        case .ispu: return "ispu"
        case .pm25: return "pm25"
        case .pm10: return "pm10"
        case .temperature: return "temperature"
        case .humidity: return "humidity"
        case .noise: return "noise"
        case .other(let n): return n
        }
    }

    /// A short label for a table column.
    public var label: String {
        switch self {
        case .waterLevel: return "water"
        case .rainfall: return "rain"
        case .ispu: return "ISPU"
        case .pm25: return "PM2.5"
        case .pm10: return "PM10"
        case .temperature: return "temp"
        case .humidity: return "humid"
        case .noise: return "noise"
        case .other(let n): return n
        }
    }

    /// The unit when a reading carries none.
    public var defaultUnit: String {
        switch self {
        case .waterLevel: return "cm"
        case .rainfall: return "mm/h"
        case .ispu: return "index"
        case .pm25, .pm10: return "µg/m³"
        case .temperature: return "°C"
        case .humidity: return "%"
        case .noise: return "dB"
        case .other: return ""
        }
    }

    var order: Int {
        switch self {
        case .waterLevel: return 0
        case .rainfall: return 1
        case .ispu: return 2
        case .pm25: return 3
        case .pm10: return 4
        case .temperature: return 5
        case .humidity: return 6
        case .noise: return 7
        case .other: return 8
        }
    }

    public static func < (a: Self, b: Self) -> Bool {
        a.order != b.order ? a.order < b.order : a.name < b.name
    }
}

/// Written as its feed-format name (`water_level`, or the unknown kind's own name).
extension SensorKind: Codable {
    public init(from decoder: any Decoder) throws {
        self.init(name: try decoder.singleValueContainer().decode(String.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(name)
    }
}
