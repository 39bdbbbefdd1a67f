import TensorCore

/// A batch (or a whole dataset) as a model reads it: a dense tensor, or sparse CSR rows for a
/// model whose first layer is `dense` (vectorized text, libsvm features), never densified.
public enum ModelInput {
    /// [N, T] token ids as Float, or dense features [N, D] / [N, T, D].
    case dense(Tensor)
    /// [N, D] sparse rows.
    case sparse(SparseRows)

    /// N, the number of samples.
    public var rows: Int {
        switch self {
        case .dense(let t): t.shape.first ?? 0
        case .sparse(let s): s.rowCount
        }
    }

    /// T or D, the per-sample length the network is built for.
    public var sampleLength: Int {
        switch self {
        case .dense(let t): t.shape.count >= 2 ? t.shape[1] : 0
        case .sparse(let s): s.columnCount
        }
    }
}
