import Foundation
import TensorCore

/// How a loss combines per-sample losses (Keras `reduction`).
public enum LossReduction: String, Sendable, CaseIterable {
    /// The mean over the batch (Keras's default `sum_over_batch_size`).
    case mean
    /// The sum over the batch.
    case sum
}

/// Loss values and gradients with Keras semantics, computed in `Double`.
///
/// Shapes: predictions P [N, C]; targets [N, 1] 0/1 (binary), [N, C] one-hot
/// (categorical), [N] class indices (sparse categorical), [N, C] (mse).
/// Per-sample losses average over the last axis where Keras does (binary, mse).
/// Probabilities are clipped to [1e-7, 1 − 1e-7] as Keras clips them.
extension Loss {
    /// Keras's `epsilon()`, the clipping bound of probability losses.
    public static let epsilon = 1e-7

    /// The reduced loss of a batch; with `sampleWeights` (one per sample) each sample's loss is
    /// multiplied by its weight before reducing, and the mean still divides by N (Keras 2).
    public func value(predictions p: Tensor, targets y: Tensor, reduction: LossReduction = .mean,
                      sampleWeights: [Float]? = nil) -> Double {
        let n = p.shape[0], c = p.count / max(n, 1), eps = Loss.epsilon
        var total = 0.0
        for s in 0..<n {
            let row = p.data + s * c
            var sample = 0.0
            switch self {
            case .binaryCrossentropy:
                for j in 0..<c {
                    let q = min(max(Double(row[j]), eps), 1 - eps), t = Double(y.data[s * c + j])
                    sample -= t * log(q) + (1 - t) * log(1 - q)
                }
                sample /= Double(c)
            case .categoricalCrossentropy:
                var sum = 0.0
                for j in 0..<c { sum += Double(row[j]) }
                for j in 0..<c where y.data[s * c + j] != 0 {
                    sample -= Double(y.data[s * c + j]) * log(min(max(Double(row[j]) / sum, eps), 1 - eps))
                }
            case .sparseCategoricalCrossentropy:
                var sum = 0.0
                for j in 0..<c { sum += min(max(Double(row[j]), eps), 1 - eps) }
                let k = Int(y.data[s])
                sample = -log(min(max(Double(row[k]), eps), 1 - eps)) + log(sum)
            case .meanSquaredError:
                for j in 0..<c { let d = Double(row[j]) - Double(y.data[s * c + j]); sample += d * d }
                sample /= Double(c)
            }
            total += sample * Double(sampleWeights?[s] ?? 1)
        }
        return reduction == .mean ? total / Double(max(n, 1)) : total
    }

    /// dL/dP into `gradient` (resized to P's shape), the derivative of `value`
    /// including Keras's clipping (zero where a probability is clipped).
    public func gradient(predictions p: Tensor, targets y: Tensor, reduction: LossReduction = .mean, into g: Tensor) {
        let n = p.shape[0], c = p.count / max(n, 1), eps = Loss.epsilon
        let scale = reduction == .mean ? 1 / Double(max(n, 1)) : 1
        g.resize(to: p.shape)
        for s in 0..<n {
            let row = p.data + s * c, out = g.data + s * c
            func inRange(_ q: Double) -> Bool { q > eps && q < 1 - eps }
            switch self {
            case .binaryCrossentropy:
                for j in 0..<c {
                    let q = Double(row[j]), t = Double(y.data[s * c + j])
                    out[j] = inRange(q) ? Float(scale * (-t / q + (1 - t) / (1 - q)) / Double(c)) : 0
                }
            case .categoricalCrossentropy:
                var sum = 0.0
                for j in 0..<c { sum += Double(row[j]) }
                var weighted = 0.0
                var dq = [Double](repeating: 0, count: c)
                for j in 0..<c {
                    let q = Double(row[j]) / sum
                    dq[j] = inRange(q) ? -Double(y.data[s * c + j]) / q : 0
                    weighted += dq[j] * q
                }
                for j in 0..<c { out[j] = Float(scale * (dq[j] - weighted) / sum) }
            case .sparseCategoricalCrossentropy:
                var sum = 0.0
                for j in 0..<c { sum += min(max(Double(row[j]), eps), 1 - eps) }
                let k = Int(y.data[s])
                for j in 0..<c {
                    let q = Double(row[j])
                    out[j] = inRange(q) ? Float(scale * ((j == k ? -1 / q : 0) + 1 / sum)) : 0
                }
            case .meanSquaredError:
                for j in 0..<c { out[j] = Float(scale * 2 * (Double(row[j]) - Double(y.data[s * c + j])) / Double(c)) }
            }
        }
    }

    /// Whether the loss fuses with a final `activation`: binary cross-entropy with
    /// sigmoid, (sparse) categorical cross-entropy with softmax.
    public func fuses(with activation: Activation) -> Bool {
        switch self {
        case .binaryCrossentropy: activation == .sigmoid
        case .categoricalCrossentropy, .sparseCategoricalCrossentropy: activation == .softmax
        case .meanSquaredError: false
        }
    }

    /// dL/dZ for the logits Z of a fused final activation: (P − Y) / scale, stable
    /// where the separate derivatives would divide by a tiny probability.
    /// - Precondition: `fuses(with:)` the final activation.
    public func logitGradient(probabilities p: Tensor, targets y: Tensor, reduction: LossReduction = .mean, into g: Tensor) {
        let n = p.shape[0], c = p.count / max(n, 1)
        var scale = reduction == .mean ? 1 / Float(max(n, 1)) : 1
        if self == .binaryCrossentropy { scale /= Float(c) }
        g.resize(to: p.shape)
        for s in 0..<n {
            for j in 0..<c {
                let target: Float = self == .sparseCategoricalCrossentropy ? (Int(y.data[s]) == j ? 1 : 0) : y.data[s * c + j]
                g.data[s * c + j] = scale * (p.data[s * c + j] - target)
            }
        }
    }
}
