/// A read-only row-major matrix inside some storage: `rows` × `cols`, with
/// consecutive rows `stride` elements apart (`stride ≥ cols`), as BLAS's `lda`.
public struct MatrixView {
    public let base: UnsafePointer<Float>
    public let rows: Int
    public let cols: Int
    public let stride: Int

    public init(_ base: UnsafePointer<Float>, rows: Int, cols: Int, stride: Int? = nil) {
        precondition(rows >= 0 && cols >= 0, "negative matrix size \(rows)×\(cols)")
        self.base = base
        self.rows = rows
        self.cols = cols
        self.stride = stride ?? max(cols, 1)
        precondition(self.stride >= max(cols, 1), "stride \(self.stride) < cols \(cols)")
    }

    /// The element at row `i`, column `j`.
    @inlinable public subscript(i: Int, j: Int) -> Float { base[i * stride + j] }
}

/// A writable row-major matrix view; see `MatrixView`.
public struct MutableMatrixView {
    public let base: UnsafeMutablePointer<Float>
    public let rows: Int
    public let cols: Int
    public let stride: Int

    public init(_ base: UnsafeMutablePointer<Float>, rows: Int, cols: Int, stride: Int? = nil) {
        precondition(rows >= 0 && cols >= 0, "negative matrix size \(rows)×\(cols)")
        self.base = base
        self.rows = rows
        self.cols = cols
        self.stride = stride ?? max(cols, 1)
        precondition(self.stride >= max(cols, 1), "stride \(self.stride) < cols \(cols)")
    }

    /// The same matrix, read-only.
    public var readOnly: MatrixView { MatrixView(UnsafePointer(base), rows: rows, cols: cols, stride: stride) }

    /// The element at row `i`, column `j`.
    @inlinable public subscript(i: Int, j: Int) -> Float {
        get { base[i * stride + j] }
        nonmutating set { base[i * stride + j] = newValue }
    }
}
