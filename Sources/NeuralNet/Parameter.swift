import TensorCore

/// A trainable tensor of a layer with its gradient, named as Keras names it.
///
/// `name` is the part after the layer name (`kernel`, `recurrent_kernel`,
/// `bias`, `embeddings`); the full tensor name in model files is
/// `<layer name>.<name>`, e.g. `lstm_1.kernel`.
public final class Parameter {
    /// The Keras weight name within its layer.
    public let name: String
    /// The values, in Keras layout.
    public let value: Tensor
    /// The gradient accumulated by `backward` since the last `zeroGradient()`.
    public let gradient: Gradient

    /// A parameter with a dense gradient of the same shape as `value`.
    public init(name: String, value: Tensor) {
        self.name = name
        self.value = value
        self.gradient = .dense(Tensor(shape: value.shape))
    }

    /// A parameter whose gradient is kept as touched rows only (an embedding table).
    public init(name: String, sparseRowsOf value: Tensor) {
        self.name = name
        self.value = value
        self.gradient = .sparseRows(SparseRowGradient(rows: value.shape[0], width: value.shape[1]))
    }

    /// The same value and gradient under another name (a wrapper's view of a wrapped layer's parameter).
    public init(_ other: Parameter, renamed name: String) {
        self.name = name
        self.value = other.value
        self.gradient = other.gradient
    }

    /// Clears the gradient before the next batch.
    public func zeroGradient() {
        switch gradient {
        case .dense(let g): g.zero()
        case .sparseRows(let g): g.clear()
        }
    }
}

/// How a parameter's gradient is stored.
public enum Gradient {
    /// Same shape as the parameter.
    case dense(Tensor)
    /// Only the rows a batch touched (embedding tables).
    case sparseRows(SparseRowGradient)
}

/// The gradient of a [V, D] table as the rows a batch touched and their sums.
///
/// Accumulating a row costs O(D) and clearing costs O(touched rows), so an
/// embedding of 926,453 × 256 never moves a dense 237 M-float gradient.
/// A slot map of V `Int32` (allocated once) finds a row's slot in O(1).
public final class SparseRowGradient {
    /// V, the number of rows of the table.
    public let rowCount: Int
    /// D, the width of a row.
    public let width: Int
    /// The touched row indices, in order of first touch.
    public private(set) var touchedRows: [Int] = []
    /// The gradient rows: row `k` belongs to `touchedRows[k]`; shape [R, D].
    public let values: Tensor
    private var slotOfRow: [Int32]

    init(rows: Int, width: Int) {
        rowCount = rows
        self.width = width
        values = Tensor(shape: [0, width])
        slotOfRow = [Int32](repeating: -1, count: rows)
    }

    /// The slot of `row` in `values`, or nil when the batch did not touch it.
    @inline(__always) public func slot(ofRow row: Int) -> Int? {
        let s = slotOfRow[row]
        return s < 0 ? nil : Int(s)
    }

    /// The gradient row for `row`, zero-filled and registered on first touch.
    public func accumulator(forRow row: Int) -> UnsafeMutablePointer<Float> {
        if let s = slot(ofRow: row) { return values.data + s * width }
        let s = touchedRows.count
        touchedRows.append(row)
        slotOfRow[row] = Int32(s)
        let oldCount = values.count
        values.resizeKeeping(to: [s + 1, width], oldCount: oldCount)
        let p = values.data + s * width
        p.update(repeating: 0, count: width)
        return p
    }

    /// Forgets every touched row (O(touched rows)).
    public func clear() {
        for r in touchedRows { slotOfRow[r] = -1 }
        touchedRows.removeAll(keepingCapacity: true)
        values.resize(to: [0, width])
    }

    /// The gradient as a dense [V, D] tensor (for tests and small tables).
    public func dense() -> Tensor {
        let t = Tensor(shape: [rowCount, width])
        for (k, r) in touchedRows.enumerated() { (t.data + r * width).update(from: values.data + k * width, count: width) }
        return t
    }
}

extension Tensor {
    /// Resizes, keeping the first `oldCount` elements (grows capacity geometrically).
    func resizeKeeping(to newShape: [Int], oldCount: Int) {
        let n = newShape.reduce(1, *)
        if n > capacity {
            let saved = UnsafeMutablePointer<Float>.allocate(capacity: max(oldCount, 1))
            saved.update(from: data, count: oldCount)
            resize(to: [max(n, 2 * capacity)])
            data.update(from: saved, count: oldCount)
            saved.deallocate()
        }
        resize(to: newShape)
    }
}
