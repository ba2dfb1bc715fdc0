/// Conversions and arithmetic that never trap: whatever a feed or a file carries, a value too
/// large for the integer type becomes its nearest bound. Drawing code uses these for every
/// number that comes from input (speeds, readings, thresholds, sizes, weights, durations).
extension FixedWidthInteger {
    /// `value` rounded toward zero, or the nearest bound of the type when it does not fit:
    /// +infinity and values past ``max`` give `max`, −infinity and values past ``min`` give
    /// `min`, and NaN gives zero. `Int(saturating: x.rounded())` rounds to the nearest.
    @inlinable
    public init<F: BinaryFloatingPoint>(saturating value: F) {
        if value.isNaN {
            self = 0
        } else if value >= F(Self.max) {
            // F(max) rounds up to a power of two when F cannot hold max exactly; anything below
            // it converts exactly (toward zero).
            self = .max
        } else if value <= F(Self.min) {
            self = .min
        } else {
            self.init(value)
        }
    }

    /// `self + other`, or the nearest bound when the sum does not fit.
    @inlinable
    public func addingSaturated(_ other: Self) -> Self {
        let (sum, overflow) = addingReportingOverflow(other)
        guard overflow else { return sum }
        return other > 0 ? .max : .min
    }

    /// `self - other`, or the nearest bound when the difference does not fit.
    @inlinable
    public func subtractingSaturated(_ other: Self) -> Self {
        let (difference, overflow) = subtractingReportingOverflow(other)
        guard overflow else { return difference }
        return other > 0 ? .min : .max
    }

    /// `self × other`, or the nearest bound when the product does not fit.
    @inlinable
    public func multipliedSaturated(by other: Self) -> Self {
        let (product, overflow) = multipliedReportingOverflow(by: other)
        guard overflow else { return product }
        return (self < 0) == (other < 0) ? .max : .min
    }
}

extension Sequence where Element: FixedWidthInteger {
    /// The sum of the elements, held at the type's bound instead of overflowing.
    @inlinable
    public func saturatingSum() -> Element { reduce(0) { $0.addingSaturated($1) } }
}
