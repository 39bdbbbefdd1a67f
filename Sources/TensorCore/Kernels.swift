/// Element-wise kernels over raw `Float` buffers, vectorized.
///
/// Arithmetic kernels run 16 lanes at a time through `map`/`zip`; kernels that
/// need a select or a transcendental are plain loops over `VectorMath`'s scalar
/// forms, which LLVM vectorizes (Swift lowers `SIMD16` masks, min/max and
/// rounding to per-lane code, see `VectorMath`).
///
/// Each kernel takes counts and pointers, not tensors, so layers can run them
/// on slices of their buffers (one time step of an LSTM, one row of a batch).
/// Output may alias an input unless stated otherwise. A scalar loop handles
/// the tail that does not fill a full vector.
public enum Kernels {
    public typealias Lanes = SIMD16<Float>
    @usableFromInline static let width = 16

    @inlinable @inline(__always)
    static func load(_ p: UnsafePointer<Float>) -> Lanes {
        UnsafeRawPointer(p).loadUnaligned(as: Lanes.self)
    }

    @inlinable @inline(__always)
    static func store(_ v: Lanes, _ p: UnsafeMutablePointer<Float>) {
        UnsafeMutableRawPointer(p).storeBytes(of: v, as: Lanes.self)
    }

    /// Applies `f` lane-wise: `y[i] = f(x[i])`.
    @inlinable @inline(__always)
    public static func map(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, _ n: Int,
                           _ f: (Lanes) -> Lanes) {
        var i = 0
        while i + width <= n { store(f(load(x + i)), y + i); i += width }
        if i < n {
            var tail = Lanes(repeating: 0)
            for j in 0..<(n - i) { tail[j] = x[i + j] }
            let r = f(tail)
            for j in 0..<(n - i) { y[i + j] = r[j] }
        }
    }

    /// Applies `f` lane-wise to two inputs: `z[i] = f(x[i], y[i])`.
    @inlinable @inline(__always)
    public static func zip(_ x: UnsafePointer<Float>, _ y: UnsafePointer<Float>,
                           _ z: UnsafeMutablePointer<Float>, _ n: Int, _ f: (Lanes, Lanes) -> Lanes) {
        var i = 0
        while i + width <= n { store(f(load(x + i), load(y + i)), z + i); i += width }
        if i < n {
            var a = Lanes(repeating: 0), b = Lanes(repeating: 0)
            for j in 0..<(n - i) { a[j] = x[i + j]; b[j] = y[i + j] }
            let r = f(a, b)
            for j in 0..<(n - i) { z[i + j] = r[j] }
        }
    }

    /// z = x + y.
    public static func add(_ x: UnsafePointer<Float>, _ y: UnsafePointer<Float>, into z: UnsafeMutablePointer<Float>, count n: Int) {
        zip(x, y, z, n) { $0 + $1 }
    }

    /// z = x · y (element-wise).
    public static func multiply(_ x: UnsafePointer<Float>, _ y: UnsafePointer<Float>, into z: UnsafeMutablePointer<Float>, count n: Int) {
        zip(x, y, z, n) { $0 * $1 }
    }

    /// y += alpha · x.
    public static func axpy(_ alpha: Float, _ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, count n: Int) {
        zip(x, UnsafePointer(y), y, n) { $1 + alpha * $0 }
    }

    /// x *= alpha.
    public static func scale(_ x: UnsafeMutablePointer<Float>, by alpha: Float, count n: Int) {
        map(UnsafePointer(x), x, n) { $0 * alpha }
    }

    /// y = max(x, 0).
    public static func relu(_ x: UnsafePointer<Float>, into y: UnsafeMutablePointer<Float>, count n: Int) {
        for i in 0..<n { y[i] = Swift.max(x[i], 0) }
    }

    /// g = g where y > 0, else 0 (ReLU's backward from its output `y`).
    public static func reluBackward(output y: UnsafePointer<Float>, gradient g: UnsafeMutablePointer<Float>, count n: Int) {
        // Both loads unconditional: a load under the select kept LLVM from vectorizing (9% of CNN training).
        for i in 0..<n { let gi = g[i]; g[i] = y[i] > 0 ? gi : 0 }
    }

    /// y = 1 / (1 + e⁻ˣ).
    public static func sigmoid(_ x: UnsafePointer<Float>, into y: UnsafeMutablePointer<Float>, count n: Int) {
        for i in 0..<n { y[i] = VectorMath.sigmoid(x[i]) }
    }

    /// g *= y · (1 − y) (sigmoid's backward from its output `y`).
    public static func sigmoidBackward(output y: UnsafePointer<Float>, gradient g: UnsafeMutablePointer<Float>, count n: Int) {
        zip(y, UnsafePointer(g), g, n) { $1 * $0 * (1 - $0) }
    }

    /// y = tanh(x).
    public static func tanh(_ x: UnsafePointer<Float>, into y: UnsafeMutablePointer<Float>, count n: Int) {
        for i in 0..<n { y[i] = VectorMath.tanh(x[i]) }
    }

    /// g *= 1 − y² (tanh's backward from its output `y`).
    public static func tanhBackward(output y: UnsafePointer<Float>, gradient g: UnsafeMutablePointer<Float>, count n: Int) {
        zip(y, UnsafePointer(g), g, n) { $1 * (1 - $0 * $0) }
    }

    /// Adds `bias` (length `cols`) to every row of the `rows` × `cols` matrix `x`.
    public static func addRowVector(_ bias: UnsafePointer<Float>, to x: UnsafeMutablePointer<Float>, rows: Int, cols: Int) {
        for r in 0..<rows { add(x + r * cols, bias, into: x + r * cols, count: cols) }
    }

    /// sums[j] (+)= Σᵢ x[i, j] over the `rows` × `cols` matrix `x` (a bias gradient).
    ///
    /// Memory-bound (a GRU's [N·T, 3U] gradients are 38 MB for the seed), so the columns
    /// are cut over the threads in whole cache lines: each thread streams only its part of
    /// every row, and each sum still adds the rows in order (the same bits at any thread count).
    /// - Parameter accumulate: add to `sums` instead of overwriting it.
    public static func sumRows(_ x: UnsafePointer<Float>, rows: Int, cols: Int, into sums: UnsafeMutablePointer<Float>, accumulate: Bool = false) {
        if !accumulate { sums.update(repeating: 0, count: cols) }
        let line = 16, lines = (cols + line - 1) / line
        let sumLines = { (range: Range<Int>) in
            let first = range.lowerBound * line, count = Swift.min(range.upperBound * line, cols) - first
            for r in 0..<rows { add(sums + first, x + r * cols + first, into: sums + first, count: count) }
        }
        if Parallel.insidePieces || rows * cols < 1 << 16 { sumLines(0..<lines) } else { Parallel.forRanges(lines, grain: 4, sumLines) }
    }

    /// Softmax of each row of a `rows` × `cols` matrix, stable (max subtracted).
    public static func softmaxRows(_ x: UnsafePointer<Float>, into y: UnsafeMutablePointer<Float>, rows: Int, cols: Int) {
        for r in 0..<rows {
            let xr = x + r * cols, yr = y + r * cols
            let m = Reductions.max(xr, count: cols)
            for j in 0..<cols { yr[j] = VectorMath.exp(xr[j] - m) }
            let s = Reductions.sum(UnsafePointer(yr), count: cols)
            scale(yr, by: 1 / s, count: cols)
        }
    }
}
