/// Rows of a sparse matrix in compressed sparse row (CSR) form: [N, D] with only the non-zeros stored.
///
/// Row r holds the pairs `columns[rowStarts[r]..<rowStarts[r + 1]]` / `values[…]`, columns
/// ascending (scipy's `csr_matrix` with sorted indices). Memory is 8 bytes per non-zero plus
/// 8 per row, whatever D is: 1 M rows × 2²⁰ columns × 50 non-zeros take about 410 MB.
public struct SparseRows: Equatable, Sendable {
    /// D, the number of columns.
    public let columnCount: Int
    /// N + 1 offsets into `columns` and `values`; `rowStarts[0] == 0`.
    public private(set) var rowStarts: [Int]
    /// The column of each non-zero, ascending within a row.
    public private(set) var columns: [Int32]
    /// The value of each non-zero.
    public private(set) var values: [Float]

    /// An empty matrix of `columnCount` columns, to be filled with `append(row:)`.
    public init(columnCount: Int) {
        self.columnCount = columnCount
        rowStarts = [0]
        columns = []
        values = []
    }

    /// A matrix from CSR arrays already checked by the caller.
    /// - Precondition: offsets start at 0, never decrease, end at the number of non-zeros; columns lie in 0..<columnCount.
    public init(columnCount: Int, rowStarts: [Int], columns: [Int32], values: [Float]) {
        precondition(rowStarts.first == 0 && rowStarts.last == columns.count && columns.count == values.count)
        self.columnCount = columnCount
        self.rowStarts = rowStarts
        self.columns = columns
        self.values = values
    }

    /// N, the number of rows.
    public var rowCount: Int { rowStarts.count - 1 }
    /// The number of stored non-zeros.
    public var nonZeroCount: Int { columns.count }

    /// Appends a row of (column, value) pairs.
    /// - Precondition: columns ascending, each in 0..<columnCount.
    public mutating func append<S: Sequence>(row pairs: S) where S.Element == (Int32, Float) {
        for (c, v) in pairs {
            precondition(c >= 0 && Int(c) < columnCount, "column \(c) outside 0..<\(columnCount)")
            columns.append(c)
            values.append(v)
        }
        rowStarts.append(columns.count)
    }

    /// Appends a row given as parallel arrays of columns and values.
    /// - Precondition: columns ascending, each in 0..<columnCount; as many values as columns.
    public mutating func append(columns rowColumns: [Int32], values rowValues: [Float]) {
        precondition(rowColumns.count == rowValues.count)
        if let first = rowColumns.first, let last = rowColumns.last {
            precondition(first >= 0 && Int(last) < columnCount, "columns \(first)…\(last) outside 0..<\(columnCount)")
        }
        columns.append(contentsOf: rowColumns)
        values.append(contentsOf: rowValues)
        rowStarts.append(columns.count)
    }

    /// Reserves room for `rows` more rows and `nonZeros` more non-zeros.
    public mutating func reserve(rows: Int, nonZeros: Int) {
        rowStarts.reserveCapacity(rowStarts.count + rows)
        columns.reserveCapacity(columns.count + nonZeros)
        values.reserveCapacity(values.count + nonZeros)
    }

    /// The (column, value) pairs of row `r`.
    public func row(_ r: Int) -> [(column: Int, value: Float)] {
        (rowStarts[r]..<rowStarts[r + 1]).map { (Int(columns[$0]), values[$0]) }
    }

    /// The rows at `indices`, in that order (a split, or one mini-batch).
    /// - Precondition: every index is in 0..<rowCount.
    public func gather<C: Collection>(_ indices: C) -> SparseRows where C.Element == Int {
        var out = SparseRows(columnCount: columnCount)
        out.reserve(rows: indices.count, nonZeros: indices.reduce(0) { $0 + rowStarts[$1 + 1] - rowStarts[$1] })
        for i in indices {
            out.columns.append(contentsOf: columns[rowStarts[i]..<rowStarts[i + 1]])
            out.values.append(contentsOf: values[rowStarts[i]..<rowStarts[i + 1]])
            out.rowStarts.append(out.columns.count)
        }
        return out
    }

    /// The same rows side by side with `other`'s (rows of `other` after these).
    /// - Precondition: the same column count.
    public mutating func append(rowsOf other: SparseRows) {
        precondition(other.columnCount == columnCount)
        let base = columns.count
        columns.append(contentsOf: other.columns)
        values.append(contentsOf: other.values)
        rowStarts.append(contentsOf: other.rowStarts.dropFirst().map { $0 + base })
    }

    /// The dense [N, D] matrix (the naive twin tests compare the sparse kernels with).
    public func densified() -> Tensor {
        let t = Tensor(shape: [rowCount, columnCount])
        for r in 0..<rowCount {
            for k in rowStarts[r]..<rowStarts[r + 1] { t.data[r * columnCount + Int(columns[k])] = values[k] }
        }
        return t
    }

    /// out [N, U] += X [N, D] · W [D, U], touching only W's rows of the stored columns.
    /// Rows are independent, so they run in parallel with the same bits at any thread count.
    /// - Precondition: `weights` has D rows; `out` holds N × U floats.
    public func multiply(_ weights: Tensor, accumulatingInto out: UnsafeMutablePointer<Float>) {
        let units = weights.shape.last ?? 1
        precondition(weights.count == columnCount * units, "weights \(weights.shape) for \(columnCount) columns")
        let w = weights.data
        rowStarts.withUnsafeBufferPointer { starts in
            columns.withUnsafeBufferPointer { cols in
                values.withUnsafeBufferPointer { vals in
                    let pieces = Parallel.blockCount(rowCount, minimumSize: 64)
                    Parallel.forPieces(pieces) { p in
                        for r in Parallel.piece(p, of: pieces, count: rowCount) {
                            let y = out + r * units
                            for k in starts[r]..<starts[r + 1] {
                                Kernels.axpy(vals[k], w + Int(cols[k]) * units, y, count: units)
                            }
                        }
                    }
                }
            }
        }
    }

    /// dW [D, U] += Xᵀ [D, N] · dZ [N, U], touching only the rows of W's gradient of the stored
    /// columns (the weight gradient of a first dense layer; no input gradient is formed).
    /// Rows are added in order, so the sum is the same at any thread count.
    /// - Precondition: `gradient` holds N × U floats; `into` has D rows of U.
    public func transposedMultiply(_ gradient: UnsafePointer<Float>, units: Int, accumulatingInto dw: Tensor) {
        precondition(dw.count == columnCount * units, "gradient \(dw.shape) for \(columnCount) columns")
        let d = dw.data
        for r in 0..<rowCount {
            let g = gradient + r * units
            for k in rowStarts[r]..<rowStarts[r + 1] {
                Kernels.axpy(values[k], g, d + Int(columns[k]) * units, count: units)
            }
        }
    }
}
