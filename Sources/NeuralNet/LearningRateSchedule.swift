import Foundation

/// A learning rate that changes with every optimizer step (Keras `LearningRateSchedule`).
///
/// `step` is the optimizer's `iterations` before the update, as Keras evaluates a schedule.
/// - `exponential`: `lr · rate^(step / steps)` (Keras `ExponentialDecay`, `staircase=False`).
/// - `cosine`: `lr · ((1 − α) · ½(1 + cos(π · min(step, steps) / steps)) + α)` (Keras `CosineDecay`).
public enum LearningRateSchedule: Equatable, Sendable {
    /// Keras `ExponentialDecay(initial, decay_steps, decay_rate)`.
    case exponential(decayRate: Double, decaySteps: Int)
    /// Keras `CosineDecay(initial, decay_steps, alpha)`.
    case cosine(decaySteps: Int, alpha: Double)

    /// The rate at optimizer step `step` for an initial rate `initial`.
    public func rate(initial: Float, step: Int) -> Float {
        switch self {
        case let .exponential(decayRate, decaySteps):
            return Float(Double(initial) * pow(decayRate, Double(step) / Double(decaySteps)))
        case let .cosine(decaySteps, alpha):
            let progress = Double(min(step, decaySteps)) / Double(decaySteps)
            let cosine = 0.5 * (1 + cos(Double.pi * progress))
            return Float(Double(initial) * ((1 - alpha) * cosine + alpha))
        }
    }
}

/// Keras optimizer gradient clipping, applied to each gradient before the update.
///
/// `norm` rescales a tensor whose L2 norm exceeds it to that norm (`clipnorm`, per tensor, as
/// `tf.clip_by_norm`); `value` then clamps every element to [−value, value] (`clipvalue`).
/// An embedding's sparse gradient is clipped over its touched rows, which hold all its non-zeros.
public struct GradientClipping: Codable, Equatable, Sendable {
    /// `clipnorm`, or nil.
    public var norm: Float?
    /// `clipvalue`, or nil.
    public var value: Float?

    /// Clipping with the given bounds (nil: none).
    public init(norm: Float? = nil, value: Float? = nil) {
        self.norm = norm
        self.value = value
    }

    /// Whether either bound is set.
    public var isActive: Bool { norm != nil || value != nil }

    /// Clips `count` gradient values in place.
    public func apply(_ g: UnsafeMutablePointer<Float>, count: Int) {
        if let norm {
            var squares = 0.0
            for i in 0..<count { squares += Double(g[i]) * Double(g[i]) }
            let l2 = squares.squareRoot()
            if l2 > Double(norm) {
                let scale = Float(Double(norm) / l2)
                for i in 0..<count { g[i] *= scale }
            }
        }
        if let value {
            for i in 0..<count { g[i] = min(max(g[i], -value), value) }
        }
    }
}
