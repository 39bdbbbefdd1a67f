import TensorCore

/// Keras `Conv1D(filters, kernel_size, strides, padding, activation)` by im2col + one GEMM.
///
/// Input [N, L, C], output [N, L', F] with L' = ⌊(L − k) / s⌋ + 1 (`valid`) or
/// ⌈L / s⌉ (`same`, zero padding split as TensorFlow: the extra zero goes after).
/// `kernel` [k, C, F] glorot-uniform (fan-in k·C, fan-out k·F), `bias` [F] zeros.
/// Forward builds the patch matrix P [N·L', k·C] (cached for dW), then
/// y = act(P · K + b) with K viewed as [k·C, F].
///
/// Fast path: the GEMM writes P · K, then one parallel pass per block of rows
/// adds the bias and applies the activation while the block is in cache
/// (filling the bias first and activating afterwards made two more passes over
/// the N·L'·F output).
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

    /// x [N, L, C] → y [N, L', F]; caches the patches P and y.
    public func forward(_ x: Tensor, training: Bool, using rng: inout RandomGenerator) -> Tensor {
        let n = x.shape[0], l = x.shape[1], c = x.shape[2], k = kernelSize, s = strides, f = filters
        let (lo, pad) = geometry(l)
        inputShape = x.shape
        patches.resize(to: [n * lo, k * c])
        let p = patches.data, xd = x.data
        Parallel.forRanges(n * lo, grain: max(1, 4096 / (k * c))) { range in
            for row in range {
                let sample = row / lo, j = row % lo
                for tap in 0..<k {
                    let pos = j * s + tap - pad
                    let dst = p + row * k * c + tap * c
                    if pos >= 0 && pos < l { dst.update(from: xd + (sample * l + pos) * c, count: c) }
                    else { dst.update(repeating: 0, count: c) }
                }
            }
        }
        let w = parameters[0].value, b = parameters[1].value
        output.resize(to: [n, lo, f])
        GEMM.multiply(patches.matrix, .none, w.matrix(rows: k * c), .none, into: output.mutableMatrix(rows: n * lo))
        let y = output.data, bias = UnsafePointer(b.data), act = activation
        Parallel.forRanges(n * lo, grain: max(1, 16_384 / f)) { rows in
            let start = y + rows.lowerBound * f
            Kernels.addRowVector(bias, to: start, rows: rows.count, cols: f)
            act.forward(start, into: start, rows: rows.count, cols: f)
        }
        return output
    }

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
