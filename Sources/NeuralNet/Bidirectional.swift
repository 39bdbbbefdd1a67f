import TensorCore

/// Keras `Bidirectional(layer, merge_mode)`: one recurrent layer reads the sequence forwards, a copy reads it backwards.
///
/// Input [N, T, D]. The backward copy reads x with its time axis reversed; with
/// `return_sequences` its outputs are reversed back so step t of both lines up,
/// otherwise its last state (after reading x_0) is used. The two outputs [N, U]
/// or [N, T, U] merge as `concat` (forward then backward, [.., 2U]), `sum`,
/// `mul` or `ave`. Parameters: the forward layer's then the backward layer's,
/// each initialised as Keras initialises that layer; Keras names them
/// `forward_lstm_1` and `backward_lstm_1` after the wrapped layer's own name, so
/// model files hold `bidirectional_1.forward_lstm_1.kernel`, ….
public final class Bidirectional: Layer {
    public let spec: LayerSpec
    public var name: String
    public private(set) var parameters: [Parameter] = []
    public var isBuilt: Bool { forwardLayer.isBuilt && backwardLayer.isBuilt }
    /// The layer reading forwards and its copy reading backwards.
    public let forwardLayer: any Layer
    public let backwardLayer: any Layer
    /// How the two outputs combine.
    public let mergeMode: MergeMode
    /// The wrapped layer's own Keras name (`lstm_1`), from which both copies are named.
    public private(set) var wrappedName: String
    private let returnSequences: Bool

    /// x with its time axis reversed [N, T, D].
    private let reversedInput = Tensor(shape: [0])
    /// The backward layer's output aligned with the forward one's.
    private let backwardOutput = Tensor(shape: [0])
    private let output = Tensor(shape: [0])
    /// The forward layer's output of the last forward (its own buffer, valid until its next forward).
    private var forwardOutput = Tensor(shape: [0])
    /// dL/dy split into the two layers' shares (the backward one in its own time order).
    private let forwardOutputGradient = Tensor(shape: [0])
    private let backwardOutputGradient = Tensor(shape: [0])
    private let inputGradient = Tensor(shape: [0])
    /// Room to reverse a gradient's time axis.
    private let scratch = Tensor(shape: [0])

    /// Wraps `layer` (an unbuilt `LSTM`, `GRU` or `SimpleRNN`) and `backward`, an unbuilt copy of it.
    public init(_ layer: any Layer, mergeMode: MergeMode = .concat, backward: any Layer) {
        precondition(layer.spec == backward.spec, "a Bidirectional's two layers share one spec")
        forwardLayer = layer
        backwardLayer = backward
        self.mergeMode = mergeMode
        spec = .bidirectional(layer.spec, mergeMode: mergeMode)
        name = spec.namePrefix
        wrappedName = layer.namePrefix
        switch layer.spec {
        case let .lstm(_, sequences, _, _), let .gru(_, sequences, _, _, _), let .simpleRNN(_, sequences, _): returnSequences = sequences
        default: returnSequences = false
        }
        nameParts()
    }

    public func takeNames(from namer: inout LayerNamer) {
        wrappedName = namer.nextName(for: forwardLayer.namePrefix)
        name = namer.nextName(for: namePrefix)
        nameParts()
    }

    public var fileName: String { "\(name)/\(wrappedName)" }

    /// `bidirectional_1/lstm_1` → `bidirectional_1.forward_lstm_1.kernel`, …, `bidirectional_1.backward_lstm_1.bias`.
    /// A file name without the wrapped part (a damaged file) yields names no file holds, reported as missing tensors.
    public func tensorNames(fileName: String) -> [String] {
        let parts = fileName.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        let outer = parts[0], inner = parts.count > 1 ? parts[1] : ""
        return forwardLayer.parameters.map { "\(outer).forward_\(inner).\($0.name)" }
            + backwardLayer.parameters.map { "\(outer).backward_\(inner).\($0.name)" }
    }

    public func build(inputShape: [Int], using rng: inout RandomGenerator) throws {
        _ = try spec.outputShape(input: inputShape, position: 0)
        try forwardLayer.build(inputShape: inputShape, using: &rng)
        try backwardLayer.build(inputShape: inputShape, using: &rng)
        nameParts()
    }

    /// Names both copies and their parameters after the wrapped layer's name.
    private func nameParts() {
        forwardLayer.name = "forward_\(wrappedName)"
        backwardLayer.name = "backward_\(wrappedName)"
        parameters = forwardLayer.parameters.map { Parameter($0, renamed: "\(forwardLayer.name).\($0.name)") }
            + backwardLayer.parameters.map { Parameter($0, renamed: "\(backwardLayer.name).\($0.name)") }
    }

    /// x [N, T, D] → [N, (2)U] or [N, T, (2)U]; the forward layer draws its dropout masks first.
    public func forward(_ x: Tensor, training: Bool, using rng: inout RandomGenerator) -> Tensor {
        let forwardY = forwardLayer.forward(x, training: training, using: &rng)
        forwardOutput = forwardY
        reversedInput.resize(to: x.shape)
        Self.reverseSteps(x, into: reversedInput)
        let backwardY = backwardLayer.forward(reversedInput, training: training, using: &rng)
        backwardOutput.resize(to: backwardY.shape)
        if returnSequences { Self.reverseSteps(backwardY, into: backwardOutput) } else { backwardOutput.copy(from: backwardY) }
        let u = forwardY.shape.last!, rows = forwardY.count / u
        output.resize(to: Array(forwardY.shape.dropLast()) + [mergeMode == .concat ? 2 * u : u])
        let f = forwardY.data, b = backwardOutput.data, y = output.data
        switch mergeMode {
        case .concat:
            for i in 0..<rows {
                (y + 2 * i * u).update(from: f + i * u, count: u)
                (y + (2 * i + 1) * u).update(from: b + i * u, count: u)
            }
        case .sum: Kernels.add(f, b, into: y, count: rows * u)
        case .mul: Kernels.multiply(f, b, into: y, count: rows * u)
        case .ave:
            Kernels.add(f, b, into: y, count: rows * u)
            Kernels.scale(y, by: 0.5, count: rows * u)
        }
        return output
    }

    /// dL/dy → dL/dx [N, T, D], the sum of both layers' input gradients (the backward one re-reversed).
    public func backward(_ dy: Tensor) -> Tensor {
        let u = backwardOutput.shape.last!, rows = backwardOutput.count / u
        forwardOutputGradient.resize(to: backwardOutput.shape)
        backwardOutputGradient.resize(to: backwardOutput.shape)
        let g = dy.data, df = forwardOutputGradient.data, db = backwardOutputGradient.data
        switch mergeMode {
        case .concat:
            for i in 0..<rows {
                df.advanced(by: i * u).update(from: g + 2 * i * u, count: u)
                db.advanced(by: i * u).update(from: g + (2 * i + 1) * u, count: u)
            }
        case .sum:
            df.update(from: g, count: rows * u)
            db.update(from: g, count: rows * u)
        case .mul:
            Kernels.multiply(g, backwardOutput.data, into: df, count: rows * u)
            Kernels.multiply(g, forwardOutput.data, into: db, count: rows * u)
        case .ave:
            df.update(from: g, count: rows * u)
            Kernels.scale(df, by: 0.5, count: rows * u)
            db.update(from: df, count: rows * u)
        }
        if returnSequences {
            scratch.copy(from: backwardOutputGradient)
            Self.reverseSteps(scratch, into: backwardOutputGradient)
        }
        inputGradient.copy(from: forwardLayer.backward(forwardOutputGradient))
        let reversed = backwardLayer.backward(backwardOutputGradient)
        scratch.resize(to: reversed.shape)
        Self.reverseSteps(reversed, into: scratch)
        Kernels.add(inputGradient.data, scratch.data, into: inputGradient.data, count: inputGradient.count)
        return inputGradient
    }

    /// z[n, t] = x[n, T − 1 − t] for x [N, T, C].
    private static func reverseSteps(_ x: Tensor, into z: Tensor) {
        let n = x.shape[0], t = x.shape[1], c = x.count / max(n * t, 1)
        for i in 0..<n {
            for step in 0..<t { (z.data + (i * t + step) * c).update(from: x.data + (i * t + t - 1 - step) * c, count: c) }
        }
    }
}
