import CNcurses

/// Hands out ncurses colour pairs lazily, one per distinct (foreground, background), and
/// remembers them. Pair 0 (the terminal's default colours) needs no allocation. Pair numbers
/// never exceed the terminal's `COLOR_PAIRS` − 1: when they are used up (or `init_pair`
/// refuses one), further combinations get nil and the caller draws them with attributes only.
struct ColorPairAllocator {
    private struct Colors: Hashable {
        var fg: Int32
        var bg: Int32
    }

    private var pairs: [Colors: Int32?] = [:]
    private var next: Int32 = 1
    private let maxPair: Int32
    private let pairZero: Colors

    /// - Parameters:
    ///   - maxPair: the highest pair number the terminal allows (`COLOR_PAIRS` − 1), ≤ 0
    ///     without colour.
    ///   - defaultColors: whether pair 0 is (−1, −1) (after `use_default_colors`) rather
    ///     than white on black.
    init(maxPair: Int, defaultColors: Bool) {
        self.maxPair = Int32(clamping: maxPair)
        pairZero = defaultColors ? Colors(fg: -1, bg: -1) : Colors(fg: 7, bg: 0)
    }

    /// The pair for `fg` on `bg` (terminal colour numbers, −1 = default), allocating it on
    /// first use; nil when no pair is left for it.
    mutating func pair(fg: Int32, bg: Int32) -> Int32? {
        let key = Colors(fg: fg, bg: bg)
        if key == pairZero { return 0 }
        if let pair = pairs[key] { return pair }
        var pair: Int32?
        if next <= maxPair, pantau_init_pair(next, fg, bg) == 0 {
            pair = next
            next += 1
        }
        pairs.updateValue(pair, forKey: key) // a refusal is remembered too
        return pair
    }

    /// How many pairs have been allocated (diagnostics).
    var allocated: Int { Int(next - 1) }
}
