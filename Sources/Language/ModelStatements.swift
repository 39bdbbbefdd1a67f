import NeuralNet
import Training

/// The optimizers `compile optimizer=` names.
enum OptimizerKind: String, CaseIterable {
    case adam, sgd, rmsprop

    /// The optimizer with Keras's defaults.
    var kerasDefault: OptimizerSpec {
        switch self {
        case .adam: .adam()
        case .sgd: .sgd()
        case .rmsprop: .rmsprop()
        }
    }
}

extension StatementParser {
    /// `compile` and `summary`.
    static func parseModel(_ verb: Verb, _ syntax: StatementSyntax, _ name: String) throws(Diagnostic) -> Command {
        var args = try ArgumentBinder(syntax, statement: name, options: OptionTable.options(for: verb))
        let model = try args.takeName("a model name")
        try args.finish()
        switch verb {
        case .summary: return .summary(model: model)
        case .compile:
            let options = CompileOptions(loss: try args.choice("loss", category: "loss"),
                                         optimizer: try optimizer(args),
                                         metrics: try args.choices("metrics", category: "metric"),
                                         clipping: try clipping(args),
                                         sparseUpdate: try args.choice("sparse_update", category: "sparse update") ?? .dense)
            return .compile(model: model, options: options)
        default: preconditionFailure("not a model verb: \(verb)")
        }
    }

    /// `clipnorm=` and `clipvalue=` (positive numbers), as `compile` and `train` take them.
    static func clipping(_ args: ArgumentBinder) throws(Diagnostic) -> GradientClipping {
        let positive = Double.leastNonzeroMagnitude...Double.greatestFiniteMagnitude
        return GradientClipping(norm: try args.double("clipnorm", in: positive, expected: "a positive number").map(Float.init),
                                value: try args.double("clipvalue", in: positive, expected: "a positive number").map(Float.init))
    }

    private static func optimizer(_ args: ArgumentBinder) throws(Diagnostic) -> OptimizerSpec {
        let kind: OptimizerKind = try args.choice("optimizer", category: "optimizer") ?? OptionTable.defaultOptimizer
        let rate = try args.double("lr", in: Double.leastNonzeroMagnitude...Double.greatestFiniteMagnitude,
                                   expected: "a positive number").map(Float.init)
        for key in ["momentum", "nesterov"] where kind != .sgd && args.has(key) {
            throw Diagnostic(.inapplicableOption(key, requirement: "optimizer=sgd"), at: args.location(of: key))
        }
        switch kind {
        case .adam: return .adam(learningRate: rate ?? kind.kerasDefault.learningRate)
        case .rmsprop: return .rmsprop(learningRate: rate ?? kind.kerasDefault.learningRate)
        case .sgd:
            let momentum = try args.double("momentum", in: 0...1, excludingUpper: true, expected: "a number in [0, 1)")
            return .sgd(learningRate: rate ?? kind.kerasDefault.learningRate, momentum: Float(momentum ?? 0),
                        nesterov: try args.bool("nesterov") ?? false)
        }
    }
}
