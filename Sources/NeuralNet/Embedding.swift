import TensorCore

/// Keras `Embedding(input_dim, output_dim)`: token ids → learned vectors.
///
/// Input [N, T] token ids stored as exact `Float`s; output [N, T, D] with
/// D = `outputDim`. The table `embeddings` is [V, D], V = `inputDim`,
/// initialized uniform in ±0.05 (Keras `RandomUniform`). Index 0 is an
/// ordinary row (Keras `mask_zero=False`). The gradient is sparse: backward
/// touches only the rows of the batch's ids.
public final class Embedding: Layer {
    public let spec: LayerSpec
    public var name: String
    public private(set) var parameters: [Parameter] = []
    public var isBuilt: Bool { !parameters.isEmpty }
    /// V, the number of rows.
    public let inputDim: Int
    /// D, the vector width.
    public let outputDim: Int

    /// Whether the optimizer updates the table (Keras `trainable`); a frozen table skips its gradient.
    public var trainable = true
    /// Rows that `build` sets after the initializer (word vectors); the initializer still draws every row,
    /// so the generator moves on exactly as for a table without them.
    public var initialRows: InitialRows?

    private let output = Tensor(shape: [0])
    private let inputGradient = Tensor(shape: [0])
    private var ids: [Int32] = []
    private var slots: [Int32] = []

    /// An unbuilt embedding of `inputDim` rows of width `outputDim`.
    public init(_ inputDim: Int, _ outputDim: Int) {
        self.inputDim = inputDim
        self.outputDim = outputDim
        spec = .embedding(inputDim: inputDim, outputDim: outputDim)
        name = spec.namePrefix
    }

    public func build(inputShape: [Int], using rng: inout RandomGenerator) throws {
        _ = try spec.outputShape(input: inputShape, position: 0)
        let table = Tensor(shape: [inputDim, outputDim])
        Initializers.uniform(table, low: -0.05, high: 0.05, using: &rng)
        if let initial = initialRows {
            precondition(initial.values.count == initial.rows.count * outputDim, "initial rows of width \(outputDim)")
            initial.values.withUnsafeBufferPointer { v in
                for (k, row) in initial.rows.enumerated() where row >= 0 && row < inputDim {
                    (table.data + row * outputDim).update(from: v.baseAddress! + k * outputDim, count: outputDim)
                }
            }
        }
        parameters = [Parameter(name: "embeddings", sparseRowsOf: table)]
    }

    /// Gathers rows: x [N, T] ids → y [N, T, D]; caches the ids.
    /// - Precondition: every id is an integer in 0..<V (`Sequential.checkBatch` reports it as an error).
    public func forward(_ x: Tensor, training: Bool, using rng: inout RandomGenerator) -> Tensor {
        let table = parameters[0].value.data
        let d = outputDim
        output.resize(to: x.shape + [d])
        ids.removeAll(keepingCapacity: true)
        for i in 0..<x.count {
            let id = Int(x.data[i])
            precondition(id >= 0 && id < inputDim && Float(id) == x.data[i], "token id \(x.data[i]) outside 0..<\(inputDim)")
            ids.append(Int32(id))
        }
        let out = output.data
        ids.withUnsafeBufferPointer { idp in
            Parallel.forRanges(idp.count, grain: max(1, 16_384 / d)) { range in
                for i in range { (out + i * d).update(from: table + Int(idp[i]) * d, count: d) }
            }
        }
        return output
    }

    /// Scatter-adds dy [N, T, D] into the touched rows of the table gradient;
    /// returns a zero [N, T] (ids have no gradient).
    ///
    /// Rows are registered serially (slots in order of first touch), then the
    /// adds run on all threads, each owning a range of slots and adding its rows'
    /// contributions in batch order, so sums are the same on every run.
    public func backward(_ dy: Tensor) -> Tensor {
        inputGradient.resize(to: Array(output.shape.dropLast()))
        inputGradient.zero()
        guard trainable else { return inputGradient }
        guard case let .sparseRows(grad) = parameters[0].gradient else { preconditionFailure("embedding gradient is sparse") }
        let d = outputDim
        slots.removeAll(keepingCapacity: true)
        for id in ids { _ = grad.accumulator(forRow: Int(id)); slots.append(Int32(grad.slot(ofRow: Int(id))!)) }
        let values = grad.values.data, g = dy.data, touched = grad.touchedRows.count
        slots.withUnsafeBufferPointer { slotOf in
            Parallel.forRanges(touched, grain: max(1, 4096 / d)) { owned in
                for i in 0..<slotOf.count where owned.contains(Int(slotOf[i])) {
                    let row = values + Int(slotOf[i]) * d
                    Kernels.add(row, g + i * d, into: row, count: d)
                }
            }
        }
        return inputGradient
    }
}

/// Rows an embedding table starts from instead of its initializer: row `rows[k]` gets
/// `values[k·D ..< (k+1)·D]`.
public struct InitialRows: Sendable {
    /// The table rows, each in 0..<V.
    public var rows: [Int]
    /// Their values, [rows.count, D] row-major.
    public var values: [Float]

    public init(rows: [Int], values: [Float]) {
        self.rows = rows
        self.values = values
    }
}
