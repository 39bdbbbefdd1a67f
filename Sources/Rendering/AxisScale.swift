import Foundation

/// A chart axis: its range, its tick values and how many decimals their labels need.
public struct AxisScale: Equatable, Sendable {
    /// The value at the axis start.
    public var lower: Double
    /// The value at the axis end (greater than `lower`).
    public var upper: Double
    /// Tick values inside [lower, upper], ascending.
    public var ticks: [Double]
    /// Decimals in tick labels.
    public var decimals: Int

    /// A value axis with "nice" ticks (1, 2 or 5 × 10ᵏ apart, the step nearest to an even split) and bounds widened to the ticks
    /// around `low…high`. A flat range is widened by 10% of its value (or ±1 at zero).
    /// - Parameters:
    ///   - low: the smallest finite value.
    ///   - high: the largest finite value.
    ///   - tickCount: about how many ticks to place.
    public static func values(low: Double, high: Double, tickCount: Int) -> AxisScale {
        var low = low, high = high
        if low == high {
            let pad = low == 0 ? 1 : abs(low) * 0.1
            low -= pad
            high += pad
        }
        let step = niceStep((high - low) / Double(max(tickCount - 1, 1)))
        let first = (low / step).rounded(.down), last = (high / step).rounded(.up)
        let ticks = stride(from: first, through: last, by: 1).map { $0 * step }
        return AxisScale(lower: first * step, upper: last * step, ticks: ticks, decimals: decimals(step))
    }

    /// An epoch axis from `first` to `last` exactly, ticks at whole multiples of a nice step
    /// (or at both ends when no multiple falls inside).
    /// A single epoch sits in the middle of [first − 1, first + 1] with one tick.
    public static func epochs(first: Double, last: Double, tickCount: Int) -> AxisScale {
        if first == last { return AxisScale(lower: first - 1, upper: first + 1, ticks: [first], decimals: 0) }
        let step = max(1, niceStep((last - first) / Double(max(tickCount - 1, 1))))
        let ticks = stride(from: (first / step).rounded(.up), through: (last / step).rounded(.down), by: 1).map { $0 * step }
        return AxisScale(lower: first, upper: last, ticks: ticks.isEmpty ? [first, last] : ticks, decimals: decimals(step))
    }

    /// The fraction of the axis at `value`: 0 at `lower`, 1 at `upper`.
    public func fraction(_ value: Double) -> Double { (value - lower) / (upper - lower) }

    /// A tick label with `decimals` decimals: `0.25`, `10`.
    public func label(_ value: Double) -> String {
        String(format: "%.\(decimals)f", value == 0 ? 0 : value)
    }

    /// The value of the form 1, 2 or 5 × 10ᵏ nearest to `raw` on a log scale.
    private static func niceStep(_ raw: Double) -> Double {
        let magnitude = pow(10, log10(raw).rounded(.down))
        return [1.0, 2, 5, 10].map { $0 * magnitude }.min { abs(log($0 / raw)) < abs(log($1 / raw)) }!
    }

    private static func decimals(_ step: Double) -> Int { max(0, Int(-(log10(step) + 1e-9).rounded(.down))) }
}
