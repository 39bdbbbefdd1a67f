import COpenBLAS

/// Whether GEMM reads an operand as stored or transposed.
public enum Transpose: Sendable {
    /// op(A) = A.
    case none
    /// op(A) = Aᵀ.
    case transposed
}

/// The one matrix-multiply entry point of lab: every layer multiplies through
/// here, never through cblas directly, so shapes are checked in one place and
/// the backend can be swapped or counted in one place.
public enum GEMM {
    /// C ← alpha · op(A) · op(B) + beta · C, through OpenBLAS `cblas_sgemm`.
    ///
    /// Threading: OpenBLAS runs single-threaded; a product of at least
    /// `splitFLOPs` is cut into `Parallel.blockCount` blocks of C's rows (or
    /// columns, when C is wider than tall), each one `cblas_sgemm` that lab's
    /// threads take in turn. The cut depends on the shape alone: OpenBLAS's
    /// AVX2 (Haswell/Zen) kernels round an element differently depending on
    /// where it falls in their tile grid, so a cut by thread count would change
    /// the last bits when the thread count does. Inside `Parallel.forPieces`
    /// products are not split again. Measured: OpenBLAS's own pool spun in
    /// `sched_yield` against lab's threads between GEMMs (14-22% of CNN samples).
    ///
    /// op(A) is M×K, op(B) is K×N and C is M×N. With `beta: 1` the product is
    /// accumulated into C (how layers sum weight gradients over a batch).
    /// - Precondition: the shapes agree (a programmer error otherwise).
    public static func multiply(_ a: MatrixView, _ transA: Transpose,
                                _ b: MatrixView, _ transB: Transpose,
                                into c: MutableMatrixView, alpha: Float = 1, beta: Float = 0) {
        let (m, k) = dims(a, transA)
        let (kb, n) = dims(b, transB)
        precondition(k == kb, "GEMM inner dimensions differ: \(m)×\(k) · \(kb)×\(n)")
        precondition(c.rows == m && c.cols == n, "GEMM output is \(c.rows)×\(c.cols), expected \(m)×\(n)")
        if m == 0 || n == 0 { return }
        if k == 0 { scaleOutput(c, beta); return }
        _ = Parallel.threads      // first use makes OpenBLAS single-threaded
        let pieces = Parallel.insidePieces || flops(m: m, n: n, k: k) < splitFLOPs ? 1
            : Parallel.blockCount(max(m, n), minimumSize: 16)
        if pieces == 1 { sgemm(a, transA, b, transB, c, alpha, beta); return }
        Parallel.forPieces(pieces) { p in
            if m >= n {
                let r = Parallel.piece(p, of: pieces, count: m)
                let ap = transA == .none ? MatrixView(a.base + r.lowerBound * a.stride, rows: r.count, cols: a.cols, stride: a.stride)
                    : MatrixView(a.base + r.lowerBound, rows: a.rows, cols: r.count, stride: a.stride)
                sgemm(ap, transA, b, transB, MutableMatrixView(c.base + r.lowerBound * c.stride, rows: r.count, cols: n, stride: c.stride),
                      alpha, beta)
            } else {
                let r = Parallel.piece(p, of: pieces, count: n)
                let bp = transB == .none ? MatrixView(b.base + r.lowerBound, rows: b.rows, cols: r.count, stride: b.stride)
                    : MatrixView(b.base + r.lowerBound * b.stride, rows: r.count, cols: b.cols, stride: b.stride)
                sgemm(a, transA, bp, transB, MutableMatrixView(c.base + r.lowerBound, rows: m, cols: r.count, stride: c.stride),
                      alpha, beta)
            }
        }
    }

    /// Below this many FLOPs a product runs on one thread (a split costs a dispatch, ~10 µs).
    static let splitFLOPs = 2e6

    /// One single-threaded OpenBLAS call.
    private static func sgemm(_ a: MatrixView, _ transA: Transpose, _ b: MatrixView, _ transB: Transpose,
                              _ c: MutableMatrixView, _ alpha: Float, _ beta: Float) {
        let (m, k) = dims(a, transA), n = c.cols
        cblas_sgemm(CblasRowMajor, cblasFlag(transA), cblasFlag(transB),
                    Int32(m), Int32(n), Int32(k), alpha,
                    a.base, Int32(a.stride), b.base, Int32(b.stride),
                    beta, c.base, Int32(c.stride))
    }

    /// The same contract as `multiply`, computed with three plain loops in
    /// `Double`. The specification the tuned path is tested against; never used
    /// for real work.
    public static func naive(_ a: MatrixView, _ transA: Transpose,
                             _ b: MatrixView, _ transB: Transpose,
                             into c: MutableMatrixView, alpha: Float = 1, beta: Float = 0) {
        let (m, k) = dims(a, transA)
        let (kb, n) = dims(b, transB)
        precondition(k == kb, "GEMM inner dimensions differ: \(m)×\(k) · \(kb)×\(n)")
        precondition(c.rows == m && c.cols == n, "GEMM output is \(c.rows)×\(c.cols), expected \(m)×\(n)")
        for i in 0..<m {
            for j in 0..<n {
                var sum = 0.0
                for p in 0..<k {
                    let x = transA == .none ? a[i, p] : a[p, i]
                    let y = transB == .none ? b[p, j] : b[j, p]
                    sum += Double(x) * Double(y)
                }
                let old = beta == 0 ? 0 : Double(beta) * Double(c[i, j])
                c[i, j] = Float(Double(alpha) * sum + old)
            }
        }
    }

    /// Floating-point operations of one multiply: 2·M·N·K.
    public static func flops(m: Int, n: Int, k: Int) -> Double { 2 * Double(m) * Double(n) * Double(k) }

    private static func dims(_ x: MatrixView, _ t: Transpose) -> (Int, Int) {
        t == .none ? (x.rows, x.cols) : (x.cols, x.rows)
    }

    private static func cblasFlag(_ t: Transpose) -> CBLAS_TRANSPOSE {
        t == .none ? CblasNoTrans : CblasTrans
    }

    private static func scaleOutput(_ c: MutableMatrixView, _ beta: Float) {
        for i in 0..<c.rows {
            for j in 0..<c.cols { c[i, j] = beta == 0 ? 0 : beta * c[i, j] }
        }
    }
}
