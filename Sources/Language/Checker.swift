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
    /// Files the script writes before it may read them (`export … to "runs/train_%02d.svm" chunks=10`).
    private var writtenFiles: [String] = []
    private var models: [String: ModelDefinition] = [:]
    /// Word-vector tables defined so far, with their width when the script says it (`word2vec dim=`).
    private var vectors: [String: Int?] = [:]
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

    /// Reports what running the statement would fail with, in the interpreter's own words.
    private mutating func report(_ problem: InterpreterError, at location: SourceLocation) {
        diagnostics.append(Diagnostic(.interpreter(problem), at: location))
    }

    /// Reports a library error (data, model, training) the statement would throw when run.
    private mutating func report(_ error: any Error, at location: SourceLocation) {
        diagnostics.append(Diagnostic(.runtime(Interpreter.describe(error)), at: location))
    }

    private mutating func visit(_ located: LocatedCommand) {
        let at = located.location
        switch located.command {
        case .set(let settings):
            for case .store(let path) in settings { storeIsOff = path == nil }
        case .seed, .param, .help, .list, .record, .echo, .quit:
            break
        case .runs, .showRun, .compareRuns, .plotRuns, .exportRun, .serve:
            // What the store holds is known only when the script runs; that it is on, now.
            if storeIsOff { report(.storeOff, at: at) }
        case .run(let path):
            guard depth < ScriptRunner.maximumDepth else { return report(.scriptsNestedTooDeep(depth: depth, path: path), at: at) }
            do {
                let script = try ScriptRunner.parse(path: path)
                depth += 1
                _ = check(script)
                depth -= 1
            } catch {
                diagnostics.append(Diagnostic(error.problem, at: at))
            }
        case let .load(reference, path, options):
            guard exists(path) else { return report(.noFile(path: path, kind: "file or folder"), at: at) }
            if reference.split == nil, options == LoadOptions(), WordVectorFile.looksLikeVectors(path: path) {
                vectors[reference.name] = .some(nil)
                return
            }
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
            guard FileManager.default.fileExists(atPath: path) else { return report(.noFile(path: path, kind: "model file"), at: at) }
            models[name] = nil
            loadedModels.insert(name)
        case .describe(let reference), .show(let reference, _):
            requireData(reference, at: at)
        case let .exportSplit(reference, path, chunks):
            requireData(reference, at: at)
            noteWritten(path, chunks: chunks, at: at)
        case let .split(name, fractions, _):
            guard requireDataset(name, at: at) else { return }
            if datasets[name]!.streamed {
                return report(DataError.streamNotSplittable(dataset: name), at: at)
            }
            for (split, fraction) in [(DatasetSplit.train, fractions.train), (.val, fractions.val), (.test, fractions.test)] where fraction > 0 {
                if datasets[name]!.loaded.contains(split) {
                    return report(DataError.splitLoadedFromFile(dataset: name, split: split.rawValue), at: at)
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
        case let .vectorize(name, _):
            guard requireDataset(name, at: at) else { return }
            if datasets[name]!.streamed {
                return report(DataError.streamNotVectorizable(dataset: name), at: at)
            }
            // The column count comes from the data, so models trained on it get their length at train time.
            datasets[name]!.maxlen = nil
            datasets[name]!.words = nil
        case let .export(name, path, chunks):
            if datasets[name] == nil && !isModel(name) {
                report(.unknown("model or dataset", name, among: Array(datasets.keys) + Array(models.keys) + loadedModels), at: at)
            }
            noteWritten(path, chunks: chunks, at: at)
        case let .model(name, definition):
            models[name] = definition
            checkWeights(of: definition, at: located)
            warnings += definition.warnings.map { DiagnosticRenderer.warning($0.message, at: located.location(ofLayer: $0.layer)) }
            compiledMetrics[name] = nil
            loadedModels.remove(name)
            shapes(of: name, definition, length: definition.inputLength, at: located)
        case let .compile(name, options):
            guard requireModel(name, at: at), let definition = models[name] else { return }
            if options.loss == nil && definition.defaultLoss == nil {
                report(.cannotInferLoss(model: name), at: at)
            }
            compiledMetrics[name] = (options.metrics ?? [.accuracy]).map(\.key)
        case .save(let name, _) where vectors[name] != nil:
            break
        case .summary(let name), .history(let name), .save(let name, _):
            _ = requireModel(name, at: at)
        case let .word2vec(name, reference, options):
            requireData(reference, at: at)
            vectors[name] = options.dimension
        case let .similar(name, _, _):
            if vectors[name] == nil { report(.unknown("word vectors", name, among: Array(vectors.keys)), at: at) }
        case let .train(name, options):
            guard requireModel(name, at: at) else { return }
            checkMonitor(of: name, options, at: at)
            requireData(options.data, at: at)
            if let validation = options.validation { requireData(validation, at: at) }
            guard let definition = models[name], let facts = datasets[options.data.name] else { return }
            if let fixed = definition.inputLength, let maxlen = facts.maxlen, fixed != maxlen {
                report(.inputLengthMismatch(model: name, length: fixed, dataset: options.data.name, maxlen: maxlen), at: at)
            }
            if case let .embedding(inputDim, _)? = definition.layers.first, let words = facts.words, words > inputDim {
                report(.vocabularyExceedsEmbedding(dataset: options.data.name, words: words, model: name, inputDim: inputDim), at: at)
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

    /// Reports `weights=` names that are not word vectors, and widths that differ from the embedding's.
    private mutating func checkWeights(of definition: ModelDefinition, at located: LocatedCommand) {
        for setup in definition.embeddingSetups ?? [] {
            guard let name = setup.vectors else { continue }
            let at = located.location(ofLayer: setup.layer)
            guard let known = vectors[name] else {
                report(.unknown("word vectors", name, among: Array(vectors.keys)), at: at)
                continue
            }
            if let width = known, case let .embedding(_, outputDim) = definition.layers[setup.layer], width != outputDim {
                report(.vectorsDimension(vectors: name, dimension: width, outputDim: outputDim), at: at)
            }
        }
    }

    /// Reports a model defined in the script whose last layer has more than one output, for the
    /// forms that rank rows by one score (a model loaded from a file is checked when it runs).
    private mutating func requireOneOutput(_ name: String, for form: String, at location: SourceLocation) {
        guard case let .dense(units, _)? = models[name]?.layers.last, units != 1 else { return }
        report(.needsBinaryModel(form: form, model: name, outputs: units), at: location)
    }
    /// The metric keys of each compiled model defined in the script.
    private var compiledMetrics: [String: [String]] = [:]

    /// Reports a `monitor=` column the training will not record, when the model's metrics are known
    /// (a model loaded from a file brings its own; those are checked before its first epoch).
    private mutating func checkMonitor(of name: String, _ options: TrainOptions, at location: SourceLocation) {
        let fit = options.fit
        guard fit.patience != nil || fit.reduceFactor != nil || fit.bestOnly, models[name] != nil else { return }
        let columns = Trainer.historyColumns(metrics: compiledMetrics[name] ?? ["accuracy"],
                                             validates: options.validation != nil || options.validationSplit != nil, options: fit)
        if !columns.contains(fit.monitor.column) {
            report(TrainingError.unknownMonitor(fit.monitor.column, columns: columns), at: location)
        }
    }

    private func isModel(_ name: String) -> Bool { models[name] != nil || loadedModels.contains(name) }

    /// Whether `path` (or a glob) names files that exist now or that an earlier `export` writes.
    private func exists(_ path: String) -> Bool {
        if FileManager.default.fileExists(atPath: path) { return true }
        if writtenFiles.contains(where: { fnmatch(path, $0, 0) == 0 }) { return true }
        return LibSVMChunks.isPattern(path) && (try? LibSVMChunks.matches(path)).map { !$0.isEmpty } == true
    }

    /// Records the files an `export` writes; a `chunks=` path without its `%02d` is reported.
    private mutating func noteWritten(_ path: String, chunks: Int?, at location: SourceLocation) {
        do {
            writtenFiles += try LibSVMExport.paths(path, chunks: chunks)
        } catch {
            report(error, at: location)
        }
    }

    private mutating func requireModel(_ name: String, at location: SourceLocation) -> Bool {
        guard isModel(name) else {
            report(.unknown("model", name, among: Array(models.keys) + loadedModels), at: location)
            return false
        }
        return true
    }

    private mutating func requireDataset(_ name: String, at location: SourceLocation) -> Bool {
        guard datasets[name] != nil else {
            report(.unknown("dataset", name, among: Array(datasets.keys)), at: location)
            return false
        }
        return true
    }

    private mutating func requireData(_ reference: DatasetReference, at location: SourceLocation) {
        guard requireDataset(reference.name, at: location), let split = reference.split else { return }
        if !(datasets[reference.name]!.splits.contains(split)) { report(.splitNotMadeYet(reference.description), at: location) }
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
            report(reportAt == nil ? .modelShapes(model: name, reason: error.description)
                                   : .modelShapes(model: name, reason: "with input length \(length ?? 0), \(error.description)"),
                   at: location)
        } catch {
            report(error, at: reportAt ?? located.location)
        }
    }
}
