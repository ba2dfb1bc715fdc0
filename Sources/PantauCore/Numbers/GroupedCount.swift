/// A count written with its thousands grouped (`960,000`), for counts people read at a glance
/// on the status line; the grouping is fixed (not the process's locale) like the rest of the
/// dashboard's text.
public enum GroupedCount {
    /// `n` in digits, a comma between each group of three (`-1,234,567`).
    public static func text(_ n: Int) -> String {
        let digits = String(n.magnitude)
        var out = n < 0 ? "-" : ""
        out.reserveCapacity(digits.count + digits.count / 3 + 1)
        for (i, c) in digits.enumerated() {
            if i > 0, (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return out
    }
}
