import Foundation

/// Fills the placeholders of the simulator's Indonesian text patterns.
enum SimText {
    /// Replaces `{kel}`, `{street}`, `{spot}`, `{road}`, `{depth}` and `{agency}`.
    /// `street`, when given, is used for `{street}` (so a title names the street of the address).
    static func fill(_ pattern: String, district: SimDistrict, street: String? = nil, road: String? = nil,
                     depth: Int = 0, agency: String = "", _ r: inout SimRandom) -> String {
        guard pattern.contains("{") else { return pattern }
        var s = pattern
        if s.contains("{kel}") { s = s.replacingOccurrences(of: "{kel}", with: r.pick(district.kelurahan)) }
        if s.contains("{street}") { s = s.replacingOccurrences(of: "{street}", with: street ?? r.pick(district.streets)) }
        if s.contains("{spot}") { s = s.replacingOccurrences(of: "{spot}", with: r.pick(district.floodSpots)) }
        if s.contains("{road}") { s = s.replacingOccurrences(of: "{road}", with: road ?? street ?? r.pick(district.streets)) }
        if s.contains("{depth}") { s = s.replacingOccurrences(of: "{depth}", with: String(depth)) }
        if s.contains("{agency}") { s = s.replacingOccurrences(of: "{agency}", with: agency) }
        return s
    }
}
