import TensorCore

/// The per-sequence dropout masks of a recurrent layer for one batch (Keras's `dropout` and `recurrent_dropout`).
///
/// In training, `draw` fills an input mask [N, D] and a recurrent mask [N, U]
/// (input first) from the passed-in generator, each element 0 or 1/(1 − rate),
/// so a seed replays the same masks; each mask is fixed over all T steps, as
/// Keras draws one per sequence. A zero rate, or inference, leaves that mask
/// inactive and costs nothing.
///
/// Keras parity: the recurrent mask multiplies h_{t−1} where it enters the
/// recurrent kernel; the carried state (the GRU's z ⊙ h_{t−1}, the LSTM's c)
/// is never masked. Keras 2's `implementation=1` (what tf.keras switches to
/// under `recurrent_dropout`) draws one such mask per gate instead of one
/// shared mask: the same expected behaviour, other random numbers.
final class RecurrentDropoutMasks {
    /// The two rates.
    let rates: RecurrentDropout
    /// The input mask [N, D], valid while `inputActive`.
    let input = Tensor(shape: [0])
    /// The recurrent-state mask [N, U], valid while `recurrentActive`.
    let recurrent = Tensor(shape: [0])
    /// Whether the last `draw` masked the inputs.
    private(set) var inputActive = false
    /// Whether the last `draw` masked the recurrent state.
    private(set) var recurrentActive = false
    /// x ⊙ input mask [N, T, D].
    private let maskedInput = Tensor(shape: [0])

    init(_ rates: RecurrentDropout) { self.rates = rates }

    /// Draws this batch's masks for N samples of D features into U units (none unless `training`).
    func draw(samples n: Int, features d: Int, units u: Int, training: Bool, using rng: inout RandomGenerator) {
        inputActive = training && rates.input > 0
        recurrentActive = training && rates.recurrent > 0
        if inputActive { Self.drawMask(input, shape: [n, d], rate: rates.input, using: &rng) }
        if recurrentActive { Self.drawMask(recurrent, shape: [n, u], rate: rates.recurrent, using: &rng) }
    }

    /// x [N, T, D] with every step's features times the sample's input mask; x itself when inactive.
    func maskInput(_ x: Tensor) -> Tensor {
        guard inputActive else { return x }
        maskedInput.resize(to: x.shape)
        Self.multiplySteps(x.data, mask: input.data, into: maskedInput.data, shape: x.shape)
        return maskedInput
    }

    /// dL/d(x ⊙ mask) [N, T, D] → dL/dx, in place (nothing when inactive).
    func unmaskInputGradient(_ g: Tensor) {
        guard inputActive else { return }
        Self.multiplySteps(g.data, mask: input.data, into: g.data, shape: g.shape)
    }

    /// The rows of `samples` [m, U] times their recurrent masks, in place (nothing when inactive);
    /// row i is `stride` after row i − 1.
    func maskRecurrent(_ rows: UnsafeMutablePointer<Float>, samples: Range<Int>, units u: Int, stride: Int) {
        guard recurrentActive else { return }
        for (i, sample) in samples.enumerated() {
            Kernels.multiply(rows + i * stride, recurrent.data + sample * u, into: rows + i * stride, count: u)
        }
    }

    private static func drawMask(_ mask: Tensor, shape: [Int], rate: Float, using rng: inout RandomGenerator) {
        let keep = 1 - rate, scale = 1 / keep
        BatchShare.fill(mask, rows: shape[0], rowShape: Array(shape.dropFirst())) { target, count in
            for i in 0..<count { target[i] = rng.uniform() < keep ? scale : 0 }
        }
    }

    /// z[n, t, :] = x[n, t, :] ⊙ mask[n, :] for x of shape [N, T, D].
    private static func multiplySteps(_ x: UnsafePointer<Float>, mask: UnsafePointer<Float>, into z: UnsafeMutablePointer<Float>,
                                      shape: [Int]) {
        let n = shape[0], t = shape[1], d = shape[2]
        for i in 0..<n {
            for step in 0..<t {
                let offset = (i * t + step) * d
                Kernels.multiply(x + offset, mask + i * d, into: z + offset, count: d)
            }
        }
    }
}

extension Tensor {
    /// Step `step`'s rows of `samples` in a batch-major [N, T, C] tensor as an m × C matrix (rows T·C apart).
    func stepRows(_ step: Int, samples: Range<Int>) -> MutableMatrixView {
        let t = shape[1], c = shape[2]
        return MutableMatrixView(data + (samples.lowerBound * t + step) * c, rows: samples.count, cols: c, stride: t * c)
    }

    /// The rows of `samples` in an [N, C] tensor as an m × C matrix.
    func sampleRows(_ samples: Range<Int>) -> MutableMatrixView {
        let c = shape[1]
        return MutableMatrixView(data + samples.lowerBound * c, rows: samples.count, cols: c)
    }
}

/// How the recurrent layers cut a batch for their time loops: by its size alone, into
/// `Parallel.blockCount` contiguous slices of at least `LSTMRecurrence.minimumSliceRows`
/// samples, which lab's threads take in turn. Samples are independent within the
/// recurrence, so each slice walks all T steps with its own single-threaded GEMMs;
/// the cut never depends on the thread count, so neither do the results.
enum BatchSlices {
    /// Runs `body` on each slice of `n` samples.
    static func forEach(_ n: Int, _ body: (Range<Int>) -> Void) {
        let pieces = Parallel.blockCount(n, minimumSize: LSTMRecurrence.minimumSliceRows)
        Parallel.forPieces(pieces) { p in body(Parallel.piece(p, of: pieces, count: n)) }
    }
}
