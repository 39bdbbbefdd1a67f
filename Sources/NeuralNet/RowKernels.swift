import TensorCore

extension Kernels {
    /// Copies the row vector `row` (length `cols`) into every row of a `rows` × `cols` matrix
    /// whose rows are `stride` apart (default `cols`): the bias a GEMM then accumulates onto.
    static func fill(rows: Int, with row: UnsafePointer<Float>, into y: UnsafeMutablePointer<Float>, cols: Int, stride: Int? = nil) {
        let stride = stride ?? cols
        for r in 0..<rows { (y + r * stride).update(from: row, count: cols) }
    }
}
