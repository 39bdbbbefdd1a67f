/// A dense, contiguous, row-major array of `Float` with a shape.
///
/// `Tensor` is a reference type on purpose: layers own preallocated buffers
/// (activations cached for backward, gradients, scratch space) and write into
/// them in place, so the cost of every buffer stays visible and nothing is
/// copied behind the caller's back. Storage is 64-byte aligned for AVX-512
/// loads and may be larger than `count` after `resize(to:)` shrinks it.
///
/// Token ids travel as `Float` too: every integer below 2²⁴ (16.7 M) is exact,
/// far above any vocabulary the seeds use (largest: 1,177,502).
public final class Tensor: @unchecked Sendable {
    /// The extent of each dimension, outermost first.
    public private(set) var shape: [Int]
    /// The number of elements, the product of `shape`.
    public private(set) var count: Int
    /// The number of elements the storage can hold without reallocating.
    public private(set) var capacity: Int
    /// The first element. Valid for `count` elements; reallocated by `resize(to:)` only when growing past `capacity`.
    public private(set) var data: UnsafeMutablePointer<Float>

    /// A zero-filled tensor.
    /// - Parameter shape: dimensions, each ≥ 0.
    public init(shape: [Int]) {
        precondition(shape.allSatisfy { $0 >= 0 }, "negative dimension in \(shape)")
        self.shape = shape
        self.count = shape.reduce(1, *)
        self.capacity = max(count, 1)
        self.data = Tensor.allocate(capacity)
        data.initialize(repeating: 0, count: capacity)
    }

    /// A tensor with every element equal to `value`.
    public convenience init(shape: [Int], repeating value: Float) {
        self.init(shape: shape)
        data.update(repeating: value, count: count)
    }

    /// A tensor holding `values` in row-major order.
    /// - Precondition: `values.count` equals the product of `shape`.
    public convenience init(shape: [Int], values: [Float]) {
        self.init(shape: shape)
        precondition(values.count == count, "\(values.count) values for shape \(shape)")
        values.withUnsafeBufferPointer { data.update(from: $0.baseAddress!, count: count) }
    }

    deinit { data.deallocate() }

    private static func allocate(_ n: Int) -> UnsafeMutablePointer<Float> {
        UnsafeMutableRawPointer.allocate(byteCount: n * MemoryLayout<Float>.stride, alignment: 64)
            .bindMemory(to: Float.self, capacity: n)
    }

    /// Gives the tensor a new shape, reusing its storage when it is large enough.
    ///
    /// Layers call this at the start of `forward` so a smaller last batch reuses
    /// the buffers of a full one. Contents are unspecified afterwards, except that
    /// a reallocation zero-fills.
    public func resize(to newShape: [Int]) {
        let n = newShape.reduce(1, *)
        if n > capacity {
            data.deallocate()
            capacity = n
            data = Tensor.allocate(n)
            data.initialize(repeating: 0, count: n)
        }
        shape = newShape
        count = n
    }

    /// Changes the shape without touching the elements.
    /// - Precondition: the new shape has the same element count.
    public func reshape(to newShape: [Int]) {
        precondition(newShape.reduce(1, *) == count, "cannot reshape \(shape) to \(newShape)")
        shape = newShape
    }

    /// The elements as an array, row-major (for tests and small outputs).
    public var values: [Float] { Array(UnsafeBufferPointer(start: data, count: count)) }

    /// Element access by flat row-major index.
    public subscript(_ i: Int) -> Float {
        get { precondition(i >= 0 && i < count); return data[i] }
        set { precondition(i >= 0 && i < count); data[i] = newValue }
    }

    /// Element access by one index per dimension.
    public subscript(index: Int...) -> Float {
        get { data[flatIndex(index)] }
        set { data[flatIndex(index)] = newValue }
    }

    private func flatIndex(_ index: [Int]) -> Int {
        precondition(index.count == shape.count, "index \(index) for shape \(shape)")
        var flat = 0
        for (i, d) in zip(index, shape) {
            precondition(i >= 0 && i < d, "index \(index) out of range for shape \(shape)")
            flat = flat * d + i
        }
        return flat
    }

    /// Sets every element to zero.
    public func zero() { data.update(repeating: 0, count: count) }

    /// Copies the elements of `other`, taking its shape.
    public func copy(from other: Tensor) {
        resize(to: other.shape)
        data.update(from: other.data, count: count)
    }

    /// A new tensor with the same shape and elements.
    public func copy() -> Tensor {
        let t = Tensor(shape: shape)
        t.data.update(from: data, count: count)
        return t
    }

    /// The tensor as a matrix of `rows` × `count / rows`, for GEMM.
    public func matrix(rows: Int) -> MatrixView {
        precondition(rows > 0 && count % rows == 0, "cannot view \(shape) as \(rows) rows")
        return MatrixView(UnsafePointer(data), rows: rows, cols: count / rows)
    }

    /// The tensor as a writable matrix of `rows` × `count / rows`, for GEMM.
    public func mutableMatrix(rows: Int) -> MutableMatrixView {
        precondition(rows > 0 && count % rows == 0, "cannot view \(shape) as \(rows) rows")
        return MutableMatrixView(data, rows: rows, cols: count / rows)
    }

    /// A 2-D tensor as a matrix; higher ranks fold all but the last dimension into rows.
    public var matrix: MatrixView { matrix(rows: count / max(shape.last ?? 1, 1)) }

    /// A writable view with all but the last dimension folded into rows.
    public var mutableMatrix: MutableMatrixView { mutableMatrix(rows: count / max(shape.last ?? 1, 1)) }
}

extension Tensor: CustomStringConvertible {
    /// Shape and the first few elements, e.g. `Tensor[2, 3]([1.0, 2.0, 3.0, …])`.
    public var description: String {
        let head = values.prefix(8).map { "\($0)" }.joined(separator: ", ")
        return "Tensor\(shape)([\(head)\(count > 8 ? ", …" : "")])"
    }
}
