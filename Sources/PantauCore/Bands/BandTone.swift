/// How alarming a derived band is, independent of colour: the view maps tones to a theme.
public enum BandTone: Int, Comparable, Sendable {
    case neutral = 0, good, moderate, warning, danger, extreme

    public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }
}

/// A derived band: its official label and its tone.
public struct Band: Hashable, Sendable {
    public var label: String
    public var tone: BandTone

    public init(_ label: String, _ tone: BandTone) {
        self.label = label
        self.tone = tone
    }
}
