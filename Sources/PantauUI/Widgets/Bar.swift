import PantauCore

/// A horizontal bar for a fraction 0…1, drawn with eighth blocks: `█████▍    ` (or `#####:    `
/// with ``Glyphs/ascii``).
public enum Bar {
    public static func text(fraction: Double, width: Int, glyphs: Glyphs = .unicode) -> String {
        guard width > 0 else { return "" }
        let f = min(1, max(0, fraction.isFinite ? fraction : 0))
        let eighths = Int(saturating: (f * Double(width) * 8).rounded())
        var out = String.UnicodeScalarView()
        let full = eighths / 8
        for _ in 0..<full { out.append(glyphs.barFull) }
        if full < width {
            out.append(glyphs.barPartials[eighths % 8])
            for _ in (full + 1)..<width { out.append(" ") }
        }
        return String(out)
    }
}
