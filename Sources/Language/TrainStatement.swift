import NeuralNet
import Training

/// The learning-rate schedules `train lr_schedule=` names.
enum ScheduleKind: String, CaseIterable {
    case exponential, cosine
}

extension StatementParser {
    /// Every history column `monitor=` may name (those of `HistoryKey`, `lr` included).
    static let monitorNames = HistoryKey.allNames

    /// `train MODEL on DATA.split [options]`, its options checked against each other.
    static func parseTrain(_ syntax: StatementSyntax, _ name: String) throws(Diagnostic) -> Command {
        var args = try ArgumentBinder(syntax, statement: name, options: OptionTable.options(for: .train))
        let model = try args.takeName("a model name")
        try args.keyword("on")
        let data = try args.takeDataset("a dataset split such as reviews.train")
        try args.finish()
        var options = TrainOptions(data: data, validation: try args.dataset("val"))
        var fit = FitOptions(epochs: try args.int("epochs", minimum: 1) ?? FitOptions.defaultEpochs,
                             batchSize: try args.int("batch", minimum: 1) ?? FitOptions.defaultBatchSize,
                             shuffle: try args.bool("shuffle"), checkpoint: try args.string("checkpoint"),
                             patience: try args.int("patience", minimum: 0), restoreBest: try args.bool("restore_best") ?? false)
        options.validationSplit = try args.double("validation_split", in: 0...1, excludingUpper: true,
                                                  expected: "a fraction in (0, 1)")
        if options.validationSplit == 0, let value = args.value(of: "validation_split") {
            throw Diagnostic(.invalidValue(got: value.text, expected: "a fraction in (0, 1)", subject: "'validation_split='"),
                             at: value.location)
        }
        if options.validationSplit != nil, args.has("val") {
            throw Diagnostic(.conflictingOptions("validation_split", with: "val", reason: "give one source of validation data"),
                             at: args.location(of: "validation_split"))
        }
        options.classWeight = try classWeight(args)
        fit.reduceFactor = try args.double("reduce_lr", in: 0...1, excludingUpper: true,
                                           expected: "a factor in (0, 1)").map(Float.init)
        if fit.reduceFactor == 0, let value = args.value(of: "reduce_lr") {
            throw Diagnostic(.invalidValue(got: value.text, expected: "a factor in (0, 1)", subject: "'reduce_lr='"),
                             at: value.location)
        }
        fit.reducePatience = try args.int("reduce_patience", minimum: 0) ?? FitOptions.defaultReducePatience
        fit.minLearningRate = Float(try args.double("min_lr", in: 0...Double.greatestFiniteMagnitude, expected: "a number ≥ 0") ?? 0)
        for key in ["reduce_patience", "min_lr"] where args.has(key) && fit.reduceFactor == nil {
            throw Diagnostic(.inapplicableOption(key, requirement: "reduce_lr="), at: args.location(of: key))
        }
        fit.schedule = try schedule(args)
        if fit.schedule != nil, fit.reduceFactor != nil {
            throw Diagnostic(.conflictingOptions("lr_schedule", with: "reduce_lr",
                                                 reason: "a schedule sets the rate at every step, so a plateau cannot lower it"),
                             at: args.location(of: "lr_schedule"))
        }
        fit.bestOnly = try args.bool("best_only") ?? false
        fit.checkpointEvery = try args.int("checkpoint_every", minimum: 1)
        for key in ["best_only", "checkpoint_every"] where args.has(key) && fit.checkpoint == nil {
            throw Diagnostic(.inapplicableOption(key, requirement: "checkpoint=\"FILE\""), at: args.location(of: key))
        }
        if fit.bestOnly, fit.checkpointEvery != nil {
            throw Diagnostic(.conflictingOptions("checkpoint_every", with: "best_only",
                                                 reason: "a save within an epoch would replace the best epoch's"),
                             at: args.location(of: "checkpoint_every"))
        }
        fit.shuffleBuffer = try args.int("shuffle_buffer", minimum: 1)
        if fit.shuffleBuffer != nil, fit.shuffle == false {
            throw Diagnostic(.conflictingOptions("shuffle_buffer", with: "shuffle",
                                                 reason: "shuffle=false keeps file order; a shuffle buffer shuffles"),
                             at: args.location(of: "shuffle_buffer"))
        }
        let watches = fit.patience != nil || fit.reduceFactor != nil || fit.bestOnly
        for key in ["monitor", "mode", "min_delta"] where args.has(key) && !watches {
            throw Diagnostic(.inapplicableOption(key, requirement: "patience=, reduce_lr= or best_only=true"),
                             at: args.location(of: key))
        }
        fit.monitor = Monitor(try monitor(args) ?? Monitor().column, mode: try args.choice("mode", category: "mode") ?? .auto,
                              minDelta: Float(try args.double("min_delta", in: 0...Double.greatestFiniteMagnitude,
                                                              expected: "a number ≥ 0") ?? 0))
        fit.log = try args.string("log")
        if args.has("clipnorm") || args.has("clipvalue") { fit.clipping = try clipping(args) }
        options.fit = fit
        options.tensorboard = try args.string("tensorboard")
        return .train(model: model, options: options)
    }

    /// `monitor=` as a lower-case history column name.
    private static func monitor(_ args: ArgumentBinder) throws(Diagnostic) -> String? {
        guard let word = try args.text("monitor") else { return nil }
        let column = word.lowercased()
        guard monitorNames.contains(column) else {
            throw Diagnostic(.unknownValue(word, category: "history column", suggestion: Suggest.closest(to: word, in: monitorNames)),
                             at: args.location(of: "monitor"))
        }
        return column
    }

    /// `class_weight=balanced` or `class_weight=0:1,1:3` (class index: weight ≥ 0).
    private static func classWeight(_ args: ArgumentBinder) throws(Diagnostic) -> ClassWeightOption? {
        guard let value = args.value(of: "class_weight") else { return nil }
        let expected = "balanced or class:weight pairs such as 0:1,1:3"
        if case .word(let word) = value.form {
            guard word.lowercased() == "balanced" else {
                throw Diagnostic(.unknownValue(word, category: "class weighting", suggestion: Suggest.closest(to: word, in: ["balanced"])),
                                 at: value.location)
            }
            return .balanced
        }
        var weights: [Int: Float] = [:]
        for item in ArgumentBinder.items(value) {
            guard case let .pair(key, weight) = item.form else {
                throw Diagnostic(.invalidValue(got: item.text, expected: expected, subject: "'class_weight='"), at: item.location)
            }
            let index = try ArgumentBinder.int(key, minimum: 0, subject: "a class index in 'class_weight='")
            guard weights[index] == nil else { throw Diagnostic(.duplicateOption("class_weight=\(index):"), at: key.location) }
            weights[index] = Float(try ArgumentBinder.double(weight, in: 0...Double.greatestFiniteMagnitude, excludingUpper: false,
                                                             expected: "a weight ≥ 0", subject: "'class_weight='"))
        }
        return .given(ClassWeights(weights))
    }

    /// `lr_schedule=` with its parameters; each parameter applies only to the schedules that use it.
    private static func schedule(_ args: ArgumentBinder) throws(Diagnostic) -> LearningRateSchedule? {
        let kind: ScheduleKind? = try args.choice("lr_schedule", category: "learning-rate schedule")
        for (key, uses) in [("decay_steps", [ScheduleKind.exponential, .cosine]), ("decay_rate", [.exponential]), ("alpha", [.cosine])]
            where args.has(key) && !(kind.map(uses.contains) ?? false) {
            let requirement = uses.map { "lr_schedule=\($0.rawValue)" }.joined(separator: " or ")
            throw Diagnostic(.inapplicableOption(key, requirement: requirement), at: args.location(of: key))
        }
        guard let kind else { return nil }
        guard let steps = try args.int("decay_steps", minimum: 1) else {
            throw Diagnostic(.missingValue(expected: "decay_steps=N (optimizer steps)", after: "lr_schedule=\(kind.rawValue)"),
                             at: args.location(of: "lr_schedule"))
        }
        switch kind {
        case .exponential:
            guard let rate = try args.double("decay_rate", in: Double.leastNonzeroMagnitude...Double.greatestFiniteMagnitude,
                                             expected: "a positive number") else {
                throw Diagnostic(.missingValue(expected: "decay_rate=R", after: "lr_schedule=exponential"),
                                 at: args.location(of: "lr_schedule"))
            }
            return .exponential(decayRate: rate, decaySteps: steps)
        case .cosine:
            return .cosine(decaySteps: steps, alpha: try args.double("alpha", in: 0...1, expected: "a fraction in [0, 1]") ?? 0)
        }
    }
}
