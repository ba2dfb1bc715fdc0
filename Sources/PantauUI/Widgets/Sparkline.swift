import PantauCore

/// A one-row chart of recent values with the eight block heights ▁▂▃▄▅▆▇█ (or `_.,-~=*#` with
/// ``Glyphs/ascii``).
public enum Sparkline {
    /// The last `width` values as level glyphs, scaled between their own minimum and maximum.
    public static func text(_ values: [Double], width: Int, glyphs: Glyphs = .unicode) -> String {
        guard width > 0, !values.isEmpty else { return "" }
        let shown = values.suffix(width)
        let lo = shown.min()!, hi = shown.max()!
        let blocks = glyphs.sparkBlocks
        let top = blocks.count - 1
        var out = String.UnicodeScalarView()
        for v in shown {
            let i = hi > lo ? Int(saturating: ((v - lo) / (hi - lo) * Double(top)).rounded()) : top / 2
            out.append(blocks[min(top, max(0, i))])
        }
        return String(out)
    }
}
