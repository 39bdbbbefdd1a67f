/// Reductions over raw `Float` buffers.
///
/// Sums accumulate in 16 lanes and combine the lanes in a fixed order, so the
/// result is the same on every run (not the same as a sequential sum).
public enum Reductions {
    public typealias Lanes = SIMD16<Float>

    /// Σ x[i].
    public static func sum(_ x: UnsafePointer<Float>, count n: Int) -> Float {
        var acc = Lanes(repeating: 0)
        var i = 0
        while i + 16 <= n { acc += UnsafeRawPointer(x + i).loadUnaligned(as: Lanes.self); i += 16 }
        var s = acc.sum()
        while i < n { s += x[i]; i += 1 }
        return s
    }

    /// Σ x[i]·y[i].
    public static func dot(_ x: UnsafePointer<Float>, _ y: UnsafePointer<Float>, count n: Int) -> Float {
        var acc = Lanes(repeating: 0)
        var i = 0
        while i + 16 <= n {
            acc += UnsafeRawPointer(x + i).loadUnaligned(as: Lanes.self) * UnsafeRawPointer(y + i).loadUnaligned(as: Lanes.self)
            i += 16
        }
        var s = acc.sum()
        while i < n { s += x[i] * y[i]; i += 1 }
        return s
    }

    /// The largest element (−∞ for an empty buffer).
    public static func max(_ x: UnsafePointer<Float>, count n: Int) -> Float {
        var m = -Float.infinity
        for i in 0..<n where x[i] > m { m = x[i] }
        return m
    }

    /// The index of the first largest element (0 for an empty buffer).
    public static func argmax(_ x: UnsafePointer<Float>, count n: Int) -> Int {
        var best = 0
        for i in 0..<n where x[i] > x[best] { best = i }
        return best
    }

    /// The arithmetic mean (0 for an empty buffer).
    public static func mean(_ x: UnsafePointer<Float>, count n: Int) -> Float {
        n == 0 ? 0 : sum(x, count: n) / Float(n)
    }
}
