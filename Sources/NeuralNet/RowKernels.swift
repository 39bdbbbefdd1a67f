import TensorCore

extension Kernels {
    /// Copies the row vector `row` (length `cols`) into every row of a `rows` × `cols` matrix
    /// (the bias a GEMM then accumulates onto).
    static func fill(rows: Int, with row: UnsafePointer<Float>, into y: UnsafeMutablePointer<Float>, cols: Int) {
        for r in 0..<rows { (y + r * cols).update(from: row, count: cols) }
    }
}
