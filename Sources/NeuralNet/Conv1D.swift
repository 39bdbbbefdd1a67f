import TensorCore

/// Keras `Conv1D(filters, kernel_size, strides, padding, activation)` by im2col + one GEMM
/// (inference with kernel 3 and stride 1: Winograd F(4,3), `Conv1DWinograd`).
///
/// Input [N, L, C], output [N, L', F] with L' = ⌊(L − k) / s⌋ + 1 (`valid`) or
/// ⌈L / s⌉ (`same`, zero padding split as TensorFlow: the extra zero goes after).
/// `kernel` [k, C, F] glorot-uniform (fan-in k·C, fan-out k·F), `bias` [F] zeros.
/// Forward builds the patch matrix P [N·L', k·C] (cached for dW), then
/// y = act(P · K + b) with K viewed as [k·C, F].
///
/// Fast path: the N·L' output rows are cut into blocks of 512 from row 0 (so
/// results do not depend on the thread count); each thread takes a run of
/// blocks and per block does im2col, one single-threaded GEMM, bias and
/// activation, while the block is in L2. Inference keeps only one block of
/// patches per thread. Measured on the peer CNN's forward (batch 64, 2 threads,
/// other jobs running, interleaved A/B runs): 5.1-6.7 ms per batch for one im2col
/// of the whole batch, one split GEMM and a bias/activation pass; 4.2-5.6 ms
/// blocked (blocks of 128 and 1024 were slower).
public final class Conv1D: Layer {
    public let spec: LayerSpec
    public var name: String
    public private(set) var parameters: [Parameter] = []
    public var isBuilt: Bool { !parameters.isEmpty }
    /// F, the number of filters.
    public let filters: Int
    /// k, the window length.
    public let kernelSize: Int
    /// s, the step between windows.
    public let strides: Int
    /// How the input is padded.
    public let padding: Padding
    /// The activation applied after the bias.
    public let activation: Activation

    private let patches = Tensor(shape: [0])
    private let output = Tensor(shape: [0])
    private let outputGradient = Tensor(shape: [0])
    private let patchGradient = Tensor(shape: [0])
    private let inputGradient = Tensor(shape: [0])
    private let transformedKernel = Tensor(shape: [0])
    private var inputShape: [Int] = []

    /// An unbuilt convolution with `filters` filters of length `kernelSize`.
    public init(_ filters: Int, _ kernelSize: Int, strides: Int = 1, padding: Padding = .valid, activation: Activation = .linear) {
        self.filters = filters
        self.kernelSize = kernelSize
        self.strides = strides
        self.padding = padding
        self.activation = activation
        spec = .conv1D(filters: filters, kernelSize: kernelSize, strides: strides, padding: padding, activation: activation)
        name = spec.namePrefix
    }

    public func build(inputShape: [Int], using rng: inout RandomGenerator) throws {
        _ = try spec.outputShape(input: inputShape, position: 0)
        let c = inputShape[1]
        let kernel = Tensor(shape: [kernelSize, c, filters])
        Initializers.glorotUniform(kernel, fanIn: kernelSize * c, fanOut: kernelSize * filters, using: &rng)
        parameters = [Parameter(name: "kernel", value: kernel), Parameter(name: "bias", value: Tensor(shape: [filters]))]
    }

    private func geometry(_ length: Int) -> (out: Int, padLeft: Int) {
        if padding == .valid { return ((length - kernelSize) / strides + 1, 0) }
        let out = (length + strides - 1) / strides
        let total = max((out - 1) * strides + kernelSize - length, 0)
        return (out, total / 2)
    }

    /// x [N, L, C] → y [N, L', F]; caches the patches P (in training) and y.
    public func forward(_ x: Tensor, training: Bool, using rng: inout RandomGenerator) -> Tensor {
        let n = x.shape[0], l = x.shape[1], c = x.shape[2], k = kernelSize, s = strides, f = filters, kc = kernelSize * c
        let (lo, pad) = geometry(l)
        inputShape = x.shape
        if !training && k == 3 && s == 1 { return winogradForward(x, outputLength: lo, padLeft: pad) }
        // Blocks of `chunkRows` output rows from row 0, so every block's GEMM is
        // the same at any thread count; each thread takes a run of whole blocks.
        let rows = n * lo, chunk = Conv1D.chunkRows
        let blocks = (rows + chunk - 1) / chunk, pieces = Swift.max(1, Swift.min(Parallel.threads, blocks))
        if training { patches.resize(to: [rows, kc]) }
        output.resize(to: [n, lo, f])
        let xd = x.data, y = output.data, all = patches.data, act = activation
        let w = parameters[0].value.matrix(rows: kc), bias = UnsafePointer(parameters[1].value.data)
        Parallel.forPieces(pieces) { piece in
            let owned = Parallel.piece(piece, of: pieces, count: blocks)
            let range = (owned.lowerBound * chunk)..<Swift.min(owned.upperBound * chunk, rows)
            withUnsafeTemporaryAllocation(of: Float.self, capacity: training ? 0 : chunk * kc) { scratch in
                for first in stride(from: range.lowerBound, to: range.upperBound, by: chunk) {
                    let count = Swift.min(chunk, range.upperBound - first)
                    let p = training ? all + first * kc : scratch.baseAddress!
                    for r in 0..<count {
                        let row = first + r, sample = row / lo, j = row % lo
                        for tap in 0..<k {
                            let pos = j * s + tap - pad
                            let dst = p + r * kc + tap * c
                            if pos >= 0 && pos < l { dst.update(from: xd + (sample * l + pos) * c, count: c) }
                            else { dst.update(repeating: 0, count: c) }
                        }
                    }
                    let out = y + first * f
                    GEMM.multiply(MatrixView(UnsafePointer(p), rows: count, cols: kc), .none, w, .none,
                                  into: MutableMatrixView(out, rows: count, cols: f))
                    Kernels.addRowVector(bias, to: out, rows: count, cols: f)
                    act.forward(out, into: out, rows: count, cols: f)
                }
            }
        }
        return output
    }

    /// Inference for kernel 3, stride 1: `Conv1DWinograd`'s F(4,3), half the multiply-adds of im2col.
    /// The kernel's transform is redone per call (6·C·F values, small against a batch's products).
    private func winogradForward(_ x: Tensor, outputLength lo: Int, padLeft: Int) -> Tensor {
        let n = x.shape[0], l = x.shape[1], c = x.shape[2], f = filters, act = activation
        transformedKernel.resize(to: [Conv1DWinograd.points, c, f])
        Conv1DWinograd.transformKernel(parameters[0].value.data, channels: c, filters: f, into: transformedKernel.data)
        output.resize(to: [n, lo, f])
        let fused = act == .relu || act == .linear
        Conv1DWinograd.forward(x: x.data, samples: n, length: l, channels: c, u: transformedKernel.data, filters: f,
                               outputLength: lo, padLeft: padLeft, bias: parameters[1].value.data, relu: act == .relu,
                               into: output.data) { rows, count in
            if !fused { act.forward(rows, into: rows, rows: count, cols: f) }
        }
        return output
    }

    /// Output rows per block of the forward pass: patches (512 × k·C) and outputs
    /// (512 × F) of a block stay in L2 between im2col, GEMM and bias + activation.
    private static let chunkRows = 512

    /// dL/dy [N, L', F] → dL/dx [N, L, C]; accumulates dK = Pᵀ · dZ and db.
    public func backward(_ dy: Tensor) -> Tensor {
        let n = inputShape[0], l = inputShape[1], c = inputShape[2], k = kernelSize, s = strides, f = filters
        let (lo, pad) = geometry(l)
        guard case let .dense(dw) = parameters[0].gradient, case let .dense(db) = parameters[1].gradient else {
            preconditionFailure("conv1d gradients are dense")
        }
        outputGradient.copy(from: dy)
        activation.backward(output: output.data, gradient: outputGradient.data, rows: n * lo, cols: f)
        GEMM.multiply(patches.matrix, .transposed, outputGradient.matrix(rows: n * lo), .none, into: dw.mutableMatrix(rows: k * c), beta: 1)
        Kernels.sumRows(outputGradient.data, rows: n * lo, cols: f, into: db.data, accumulate: true)
        patchGradient.resize(to: [n * lo, k * c])
        GEMM.multiply(outputGradient.matrix(rows: n * lo), .none, parameters[0].value.matrix(rows: k * c), .transposed,
                      into: patchGradient.mutableMatrix)
        inputGradient.resize(to: inputShape)
        inputGradient.zero()
        let dp = patchGradient.data, dx = inputGradient.data
        Parallel.forRanges(n) { range in
            for sample in range {
                for j in 0..<lo {
                    for tap in 0..<k {
                        let pos = j * s + tap - pad
                        guard pos >= 0 && pos < l else { continue }
                        let dst = dx + (sample * l + pos) * c
                        Kernels.add(dst, dp + ((sample * lo + j) * k + tap) * c, into: dst, count: c)
                    }
                }
            }
        }
        return inputGradient
    }
}
