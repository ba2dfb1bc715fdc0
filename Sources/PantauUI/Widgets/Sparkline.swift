/// A one-row chart of recent values with the eight block heights ▁▂▃▄▅▆▇█.
public enum Sparkline {
    static let blocks: [Unicode.Scalar] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]

    /// The last `width` values as block glyphs, scaled between their own minimum and maximum.
    public static func text(_ values: [Double], width: Int) -> String {
        guard width > 0, !values.isEmpty else { return "" }
        let shown = values.suffix(width)
        let lo = shown.min()!, hi = shown.max()!
        var out = String.UnicodeScalarView()
        for v in shown {
            let i = hi > lo ? Int(((v - lo) / (hi - lo) * 7).rounded()) : 3
            out.append(blocks[min(7, max(0, i))])
        }
        return String(out)
    }
}
