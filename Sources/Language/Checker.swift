import Foundation
import LabData
import NeuralNet
import TensorCore
import Training

/// The static pass behind `lab check`: names defined before use, files that
/// exist, every model's shapes and parameter counts resolved — without loading
/// data or training. Sequence lengths come from `input N` or `tokenize maxlen=`.
public struct Checker {
    private struct DatasetFacts {
        var splits: Set<DatasetSplit> = []
        /// Splits loaded from their own files, which `split` and a new whole keep.
        var loaded: Set<DatasetSplit> = []
        var maxlen: Int?
        var words: Int?
        /// Loaded with `stream=true`: the rows stay on disk.
        var streamed = false
    }

    private var datasets: [String: DatasetFacts] = [:]
    private var models: [String: ModelDefinition] = [:]
    private var diagnostics: [Diagnostic] = []
    private var depth = 0
    /// Whether `set store=off` is in force.
    private var storeIsOff = false
    /// Warnings rendered with their locations (`t.exp:3:3: warning: …`): legal lines that are almost surely mistakes.
    public private(set) var warnings: [String] = []
    /// The models checked, with their total parameter count when their length is known.
    public private(set) var parameterCounts: [(model: String, count: Int?)] = []

    public init() {}

    /// Checks a parsed script (syntax diagnostics first) and returns every problem found.
    public mutating func check(_ script: ParsedScript) -> [Diagnostic] {
        diagnostics += script.diagnostics
        for command in script.commands { visit(command) }
        return diagnostics
    }

    private mutating func report(_ text: String, at location: SourceLocation) {
        diagnostics.append(Diagnostic(.runtime(text), at: location))
    }

    private mutating func visit(_ located: LocatedCommand) {
        let at = located.location
        switch located.command {
        case .set(let settings):
            for case .store(let path) in settings { storeIsOff = path == nil }
        case .seed, .help, .list, .record, .echo, .quit:
            break
        case .runs, .showRun, .compareRuns, .plotRuns, .exportRun, .serve:
            // What the store holds is known only when the script runs; that it is on, now.
            if storeIsOff { report("the run store is off (set store=off above); set store=\"FILE.sqlite\" to read one", at: at) }
        case .run(let path):
            guard depth < ScriptRunner.maximumDepth else { return report("scripts nested too deep", at: at) }
            do {
                let script = try ScriptRunner.parse(path: path)
                depth += 1
                _ = check(script)
                depth -= 1
            } catch {
                diagnostics.append(Diagnostic(error.problem, at: at))
            }
        case let .load(reference, path, options):
            guard FileManager.default.fileExists(atPath: path) else { return report("no file or folder at '\(path)'", at: at) }
            let kept = datasets[reference.name]?.loaded ?? []
            var facts = reference.split == nil ? DatasetFacts(splits: kept, loaded: kept) : datasets[reference.name] ?? DatasetFacts()
            if let split = reference.split {
                facts.splits.insert(split)
                facts.loaded.insert(split)
            } else {
                facts.streamed = options.stream
            }
            datasets[reference.name] = facts
        case let .loadModel(name, path):
            guard FileManager.default.fileExists(atPath: path) else { return report("no model file at '\(path)'", at: at) }
            models[name] = nil
            loadedModels.insert(name)
        case .describe(let reference), .show(let reference, _), .exportSplit(let reference, _):
            requireData(reference, at: at)
        case let .split(name, fractions, _):
            guard requireDataset(name, at: at) else { return }
            if datasets[name]!.streamed {
                return report("\(name) is streamed from its file and cannot be split; "
                              + "load held-out rows in memory with `load \(name).test from \"…\"` instead", at: at)
            }
            for (split, fraction) in [(DatasetSplit.train, fractions.train), (.val, fractions.val), (.test, fractions.test)] where fraction > 0 {
                if datasets[name]!.loaded.contains(split) {
                    return report("\(name).\(split.rawValue) was loaded from its own file and split never replaces it; "
                                  + "leave \(split.rawValue)= out to split \(name) into the other splits", at: at)
                }
                datasets[name]!.splits.insert(split)
            }
        case let .tokenize(name, options):
            guard requireDataset(name, at: at) else { return }
            datasets[name]!.maxlen = options.maxLength
            datasets[name]!.words = options.words
        case let .tokenizeLike(name, model):
            guard requireDataset(name, at: at), requireModel(model, at: at) else { return }
            // The model's own lengths are known only once it has trained (or from its file).
            datasets[name]!.maxlen = nil
            datasets[name]!.words = nil
        case let .export(name, _):
            if datasets[name] == nil && !isModel(name) { report("unknown model or dataset '\(name)'", at: at) }
        case let .model(name, definition):
            models[name] = definition
            warnings += definition.warnings.map { DiagnosticRenderer.warning($0.message, at: located.location(ofLayer: $0.layer)) }
            compiledMetrics[name] = nil
            loadedModels.remove(name)
            shapes(of: name, definition, length: definition.inputLength, at: located)
        case let .compile(name, options):
            guard requireModel(name, at: at), let definition = models[name] else { return }
            if options.loss == nil && definition.defaultLoss == nil {
                report("cannot infer a loss from the last layer of \(name); give compile a loss=", at: at)
            }
            compiledMetrics[name] = (options.metrics ?? [.accuracy]).map(\.key)
        case .summary(let name), .history(let name), .save(let name, _):
            _ = requireModel(name, at: at)
        case let .train(name, options):
            guard requireModel(name, at: at) else { return }
            checkMonitor(of: name, options, at: at)
            requireData(options.data, at: at)
            if let validation = options.validation { requireData(validation, at: at) }
            guard let definition = models[name], let facts = datasets[options.data.name] else { return }
            if let fixed = definition.inputLength, let maxlen = facts.maxlen, fixed != maxlen {
                report("\(name) takes input length \(fixed) but \(options.data.name) is padded to \(maxlen)", at: at)
            }
            if case let .embedding(inputDim, _)? = definition.layers.first, let words = facts.words, words > inputDim {
                report("\(options.data.name) keeps token ids up to \(words - 1) but \(name)'s embedding takes 0..<\(inputDim); use words=\(inputDim) or a larger embedding", at: at)
            }
            if definition.inputLength == nil, let maxlen = facts.maxlen {
                shapes(of: name, definition, length: maxlen, at: located, reportAt: at)
            }
        case let .evaluate(name, reference, _), let .report(name, reference, _), let .predictData(name, reference, _, _, _),
             let .plotROC(name, reference, _):
            _ = requireModel(name, at: at)
            requireData(reference, at: at)
            if case .plotROC = located.command { requireOneOutput(name, for: "plot … roc", at: at) }
            if case .predictData(_, _, _, .some, _) = located.command { requireOneOutput(name, for: "top=", at: at) }
        case let .predictText(name, _):
            _ = requireModel(name, at: at)
        case let .plot(names, _, _), let .compare(names):
            for name in names { _ = requireModel(name, at: at) }
        case .expect(let expectation):
            _ = requireModel(expectation.model, at: at)
        }
    }

    private var loadedModels: Set<String> = []

    /// Reports a model defined in the script whose last layer has more than one output, for the
    /// forms that rank rows by one score (a model loaded from a file is checked when it runs).
    private mutating func requireOneOutput(_ name: String, for form: String, at location: SourceLocation) {
        guard case let .dense(units, _)? = models[name]?.layers.last, units != 1 else { return }
        report("\(form) needs a binary model (one sigmoid output); \(name) ends in dense \(units)", at: location)
    }
    /// The metric keys of each compiled model defined in the script.
    private var compiledMetrics: [String: [String]] = [:]

    /// Reports a `monitor=` column the training will not record, when the model's metrics are known
    /// (a model loaded from a file brings its own; those are checked before its first epoch).
    private mutating func checkMonitor(of name: String, _ options: TrainOptions, at location: SourceLocation) {
        guard options.patience != nil || options.reduceFactor != nil || options.bestOnly, models[name] != nil else { return }
        var fit = FitOptions()
        fit.reduceFactor = options.reduceFactor
        fit.schedule = options.schedule
        let columns = Trainer.historyColumns(metrics: compiledMetrics[name] ?? ["accuracy"],
                                             validates: options.validation != nil || options.validationSplit != nil, options: fit)
        if !columns.contains(options.monitor.column) {
            report(TrainingError.unknownMonitor(options.monitor.column, columns: columns).description, at: location)
        }
    }

    private func isModel(_ name: String) -> Bool { models[name] != nil || loadedModels.contains(name) }

    private mutating func requireModel(_ name: String, at location: SourceLocation) -> Bool {
        guard isModel(name) else {
            report(Suggest.unknown("model", name, among: Array(models.keys) + loadedModels), at: location)
            return false
        }
        return true
    }

    private mutating func requireDataset(_ name: String, at location: SourceLocation) -> Bool {
        guard datasets[name] != nil else {
            report(Suggest.unknown("dataset", name, among: Array(datasets.keys)), at: location)
            return false
        }
        return true
    }

    private mutating func requireData(_ reference: DatasetReference, at location: SourceLocation) {
        guard requireDataset(reference.name, at: location), let split = reference.split else { return }
        if !(datasets[reference.name]!.splits.contains(split)) { report("\(reference) does not exist at this point", at: location) }
    }

    /// Resolves every layer's shape for `length`; errors go to the layer's line
    /// (or to `reportAt`, the `train` statement that binds the length).
    private mutating func shapes(of name: String, _ definition: ModelDefinition, length: Int?,
                                 at located: LocatedCommand, reportAt: SourceLocation? = nil) {
        do {
            try definition.requireVectorOutput(inputLength: length)
            try definition.requireMemoryForWeights(name: name, inputLength: length)
            if let length {
                var namer = LayerNamer()
                let counts = try Sequential(definition: definition, namer: &namer).parameterCounts(inputLength: length)
                parameterCounts.removeAll { $0.model == name }
                parameterCounts.append((name, CheckedSize.sum(counts)))
            } else if parameterCounts.allSatisfy({ $0.model != name }) {
                parameterCounts.append((name, nil))
            }
        } catch let error as ModelError {
            let location = reportAt ?? located.location(of: error)
            let prefix = reportAt == nil ? "" : "with input length \(length ?? 0), "
            report(prefix + error.description, at: location)
        } catch {
            report(String(describing: error), at: reportAt ?? located.location)
        }
    }
}
