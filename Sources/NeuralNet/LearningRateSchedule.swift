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
