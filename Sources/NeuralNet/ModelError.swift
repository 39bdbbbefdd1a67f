/// A mistake in a model definition or in the data given to a model.
///
/// Every case names the layer by its position in the stack (0-based) and its
/// language keyword, so the command language can point at the line that
/// defined it. `description` is the text users see.
public enum ModelError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A layer cannot take the shape the layer below it produces.
    /// `expected` is written like `(batch, steps, features)`; `got` is the per-sample shape (nil = unknown length).
    case incompatibleShape(layer: Int, kind: String, expected: String, got: [Int?])
    /// A layer argument is out of range, e.g. `dense 0` or `dropout 1.5`.
    case invalidArgument(layer: Int, kind: String, message: String)
    /// A layer's output would have no elements, e.g. a convolution longer than its input.
    case emptyOutput(layer: Int, kind: String, input: [Int?])
    /// A size computed from the layer's arguments does not fit in a 64-bit count,
    /// e.g. `dense 4611686018427387904` after `flatten`.
    case tooLarge(layer: Int, kind: String, what: String)
    /// A layer needs a known size that depends on the sequence length, which is not bound yet.
    case unknownLength(layer: Int, kind: String)
    /// The last layer still has a steps axis (e.g. `dense` over a sequence with no `flatten` or pooling
    /// before it), but every loss takes one vector per sample.
    case sequenceOutput(layer: Int, kind: String, output: [Int?])
    /// The model has no layers.
    case emptyModel
    /// No loss can be inferred from the last layer; `compile` must name one.
    case cannotInferLoss(lastLayer: String)
    /// A batch does not match the built model or the compiled loss.
    case batchShape(what: String, expected: String, got: [Int])
    /// The targets do not fit the last layer's `units` outputs under `loss`; `targets`
    /// describes what they are; `kind` is the layer's name. The message names the layer to change.
    case targetsDoNotFitOutput(loss: String, lastLayer: Int, kind: String, units: Int, targets: String, advice: String)
    /// A target outside [0, 1] for binary cross-entropy, e.g. class index 2 of three classes into `dense 1 sigmoid`.
    case binaryTargetOutOfRange(Float)
    /// A token id is outside `0..<inputDim` of the first embedding.
    case tokenOutOfRange(id: Float, inputDim: Int)

    public var description: String {
        switch self {
        case let .incompatibleShape(_, kind, expected, got):
            return "\(kind) expects \(expected) but gets \(ModelError.batchShape(got))"
        case let .invalidArgument(_, kind, message):
            return "\(kind): \(message)"
        case let .emptyOutput(_, kind, input):
            return "\(kind) has no output for input \(ModelError.batchShape(input))"
        case let .tooLarge(_, kind, what):
            return "\(kind): \(what) is too large to count (more than 2⁶³ − 1); use smaller sizes"
        case let .unknownLength(_, kind):
            return "\(kind) needs a known sequence length; give the model `input N` or train it on data first"
        case let .sequenceOutput(_, kind, output):
            return "\(kind) outputs \(ModelError.batchShape(output)), one vector per step, but the loss needs one per sample; "
                + "add flatten or globalmaxpool1d before it"
        case .emptyModel:
            return "the model has no layers"
        case let .cannotInferLoss(last):
            return "cannot infer a loss from the last layer (\(last)); give compile a loss="
        case let .batchShape(what, expected, got):
            return "\(what) should be \(expected) but is \(got.map(String.init).joined(separator: "×"))"
        case let .targetsDoNotFitOutput(loss, _, kind, units, targets, advice):
            return "\(loss) on \(targets) does not fit the last layer (\(kind), \(units) output\(units == 1 ? "" : "s") per sample): \(advice)"
        case let .binaryTargetOutOfRange(value):
            let shown = value.isFinite && value.rounded() == value && value.magnitude < 1e15 ? String(Int(value)) : "\(value)"
            return "a target is \(shown) but binary_crossentropy takes targets in [0, 1]; for more than two classes end with dense N softmax"
        case let .tokenOutOfRange(id, inputDim):
            let shown = id.isFinite && id.magnitude < 1e15 && id.rounded() == id ? String(Int(id)) : "\(id)"
            return "token id \(shown) is outside the embedding's 0..<\(inputDim); tokenize with words ≤ \(inputDim)"
        }
    }

    /// The position of the layer at fault, when the error is about one layer.
    public var layerIndex: Int? {
        switch self {
        case let .incompatibleShape(layer, _, _, _), let .invalidArgument(layer, _, _),
             let .emptyOutput(layer, _, _), let .unknownLength(layer, _), let .tooLarge(layer, _, _),
             let .sequenceOutput(layer, _, _), let .targetsDoNotFitOutput(_, layer, _, _, _, _):
            return layer
        case .emptyModel, .cannotInferLoss, .batchShape, .tokenOutOfRange, .binaryTargetOutOfRange:
            return nil
        }
    }

    /// A per-sample shape written with its batch dimension: `(batch, 400, 32)`, unknown sizes as `None`.
    public static func batchShape(_ shape: [Int?]) -> String {
        "(" + (["batch"] + shape.map { $0.map(String.init) ?? "None" }).joined(separator: ", ") + ")"
    }
}
