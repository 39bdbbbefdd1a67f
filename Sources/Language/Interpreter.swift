import Dispatch
import Foundation
import LabData
import NeuralNet
import Rendering
import TensorCore
import Training

/// Carries out parsed commands against a `Session`.
///
/// The interpreter holds no training or data logic: every verb is a call into
/// LabData, NeuralNet, Training or Rendering plus the text it prints. Errors
/// come back as `Diagnostic`s at the statement's location; session state is
/// changed only by statements that succeed.
public final class Interpreter {
    /// What the caller should do after a statement.
    public enum Flow: Equatable {
        /// Go on with the next statement.
        case next
        /// `quit` or `exit`.
        case quit
    }

    /// The session this interpreter changes.
    public let session: Session
    /// Seconds on a monotonic clock (injected for reproducible tests).
    let clock: () -> Double

    public init(session: Session, clock: @escaping () -> Double = Interpreter.monotonicSeconds) {
        self.session = session
        self.clock = clock
    }

    /// Seconds since an arbitrary start, from the monotonic clock.
    public static func monotonicSeconds() -> Double { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }

    var console: Console { session.console }

    /// Executes one command.
    /// - Throws: a `Diagnostic` located at the statement (or inside a script it ran).
    public func execute(_ located: LocatedCommand) throws(Diagnostic) -> Flow {
        do {
            return try dispatch(located)
        } catch let diagnostic as Diagnostic {
            throw diagnostic
        } catch {
            throw Interpreter.diagnostic(for: error, at: located)
        }
    }

    /// The user-facing text of any error the libraries throw.
    static func describe(_ error: Error) -> String { String(describing: error) }

    private func dispatch(_ located: LocatedCommand) throws -> Flow {
        switch located.command {
        case .seed(let seed):
            session.rng = RandomGenerator(seed: seed)
            session.seed = seed
        case .set(let settings):
            for setting in settings {
                switch setting {
                case .threads(let n): Parallel.setThreads(n)
                case .store(let path): session.store = path.map(StoreChoice.path) ?? .off
                }
            }
        case .param(let values):
            session.parameterValues += values.map { "\($0.name)=\($0.text)" }
            // The values in force, so a log of the run says what it ran with.
            console.print("param " + values.map { "\($0.name)=\($0.text)" + ($0.isGiven ? " (given)" : "") }.joined(separator: " "))
        case .help(let verb):
            console.print(verb.map(HelpText.detail) ?? HelpText.overview)
        case .list:
            console.write(listing())
        case .run(let path):
            try ScriptRunner.run(path: path, in: self)
        case .record(let path):
            session.recordPath = path
            console.print(path.map { "recording to \($0)" + Interpreter.appendNote(path: $0) } ?? "recording off")
        case .echo(let text):
            console.print(text)
        case .quit:
            return .quit
        case let .load(reference, path, options):
            try load(reference, path: path, options: options)
        case let .loadModel(name, path):
            try loadModel(name, path: path, at: located)
        case .describe(let reference):
            try describe(reference, at: located)
        case let .show(reference, rows):
            console.print(DatasetPreview.text(try dataset(reference, at: located), n: rows))
        case let .split(name, fractions, shuffle):
            try split(name, fractions: fractions, shuffle: shuffle, at: located)
        case let .tokenize(name, options):
            try tokenize(name, options: options, at: located)
        case let .tokenizeLike(name, model):
            try tokenize(name, like: model, at: located)
        case let .vectorize(name, options):
            try vectorize(name, options: options, at: located)
        case let .exportSplit(reference, path, chunks):
            try export(try dataset(reference, at: located), to: path, chunks: chunks)
        case let .export(name, path, chunks):
            try export(name, path: path, chunks: chunks, at: located)
        case let .word2vec(name, reference, options):
            try word2vec(name, on: reference, options: options, at: located)
        case let .similar(name, word, n):
            try similar(name, to: word, count: n, at: located)
        case let .model(name, definition):
            try defineModel(name, definition, at: located)
        case let .compile(name, options):
            try compile(name, options: options, at: located)
        case .summary(let name):
            try summary(name, at: located)
        case let .train(name, options):
            try train(name, options: options, at: located)
        case let .evaluate(name, reference, batchSize):
            try evaluate(name, on: reference, batchSize: batchSize, at: located)
        case let .predictText(name, text):
            try predict(name, text: text, at: located)
        case let .report(name, reference, batchSize):
            try report(name, on: reference, batchSize: batchSize, at: located)
        case let .predictData(name, reference, path, top, batchSize):
            try predict(name, on: reference, to: path, top: top, batchSize: batchSize, at: located)
        case let .runs(model, limit):
            try listRuns(model: model, limit: limit, at: located)
        case .showRun(let id):
            try showRun(id, at: located)
        case .compareRuns(let ids):
            try compareRuns(ids, at: located)
        case let .plotRuns(ids, series, path):
            try plotRuns(ids, series: series, to: path, at: located)
        case let .exportRun(id, path):
            try exportRun(id, to: path, at: located)
        case let .serve(host, port):
            try serve(host: host, port: port, at: located)
        case .history(let name):
            let m = try model(name, at: located)
            console.write(HistoryTable.render(m.history, model: m.name))
        case let .plot(names, series, path):
            try plot(names, series: series, to: path, at: located)
        case let .plotROC(name, reference, path):
            try plotROC(name, on: reference, to: path, at: located)
        case .compare(let names):
            let rows = try names.map { n -> CompareTable.Row in
                let m = try model(n, at: located)
                return CompareTable.Row(model: m.name, history: m.history, parameters: m.network.parameterCount)
            }
            console.write(CompareTable.render(rows))
        case let .save(name, path) where session.wordVectors[name] != nil:
            try saveVectors(name, to: path)
        case let .save(name, path):
            try ModelFile.save(try model(name, at: located), to: path)
            noteFileWritten(path, role: "model file", model: name)
            console.print("saved \(name) to \(path)")
        case .expect(let expectation):
            try check(expectation, at: located)
        }
        return .next
    }

    /// `1 layer`, `3 layers`, `3,180 rows`: a grouped count with its noun, singular for one.
    static func count(_ n: Int, _ noun: String) -> String { "\(NumberFormat.grouped(n)) \(noun)\(n == 1 ? "" : "s")" }

    /// ` (appending after its 12 lines)` when `record` would add to a file that has lines already.
    static func appendNote(path: String) -> String {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8), !text.isEmpty else { return "" }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).count - (text.hasSuffix("\n") ? 1 : 0)
        return " (appending after its \(count(lines, "line")))"
    }

    /// `error` as a diagnostic at the statement.
    func failure(_ error: InterpreterError, at located: LocatedCommand) -> Diagnostic {
        Diagnostic(.interpreter(error), at: located.location)
    }

    /// `error` as a diagnostic with its caret at `word` (`.split` when given) in the statement.
    func failure(_ error: InterpreterError, at located: LocatedCommand, pointingAt word: String, split: String? = nil) -> Diagnostic {
        Diagnostic(.interpreter(error), at: located.location(ofWord: word, split: split))
    }

    /// The model called `name`, or a diagnostic naming the closest known name.
    func model(_ name: String, at located: LocatedCommand) throws -> Model {
        if let m = session.models[name] { return m }
        if session.datasets[name] != nil { throw failure(.datasetNotModel(name), at: located, pointingAt: name) }
        throw failure(.unknown("model", name, among: Array(session.models.keys)), at: located, pointingAt: name)
    }

    /// The dataset or split `reference` names.
    func dataset(_ reference: DatasetReference, at located: LocatedCommand) throws -> Dataset {
        let word = reference.name, split = reference.split?.rawValue
        guard let group = session.datasets[reference.name] else {
            if session.models[reference.name] != nil {
                throw failure(.modelNotDataset(reference.name), at: located, pointingAt: word, split: split)
            }
            throw failure(.unknown("dataset", reference.name, among: Array(session.datasets.keys)),
                          at: located, pointingAt: word, split: split)
        }
        guard let split = reference.split else {
            if let path = group.stream?.path ?? group.chunks?.pattern {
                throw failure(.streamedNotInMemory(dataset: reference.name, path: path), at: located, pointingAt: word)
            }
            guard let whole = group.primary else { throw failure(.holdsNoData(reference.name), at: located, pointingAt: word) }
            return whole
        }
        guard let d = group[split: split.rawValue] else {
            throw failure(.missingSplit(reference: reference.description, dataset: reference.name,
                                        splits: group.splits.map(\.name)),
                          at: located, pointingAt: word, split: split.rawValue)
        }
        return d
    }

    private func listing() -> String {
        if session.names.isEmpty { return "the session is empty: load a dataset or define a model\n" }
        var lines: [String] = []
        for name in session.names {
            if let g = session.datasets[name] {
                var parts: [String] = []
                if let c = g.chunks { parts.append("streamed from \(c.pattern) (\(Interpreter.count(c.paths.count, "file")), \(Interpreter.count(c.rows, "row")))") }
                if let s = g.stream { parts.append("streamed from \(s.path)" + (g.streamFit.map { " (\(Interpreter.count($0.rows, "row")))" } ?? "")) }
                if let w = g.whole { parts.append(Interpreter.count(w.count, "row")) }
                parts += g.splits.map { "\($0.name) \(NumberFormat.grouped($0.dataset.count))" }
                if let v = g.vectorizer {
                    parts.append("vectorized: \(v.options.text), \(NumberFormat.grouped(v.columnCount)) columns")
                }
                if let e = g.encoding {
                    parts.append("tokenized: \(e.tokenizer.numWords.map(NumberFormat.grouped) ?? "all") words, maxlen \(NumberFormat.grouped(e.maxlen))")
                }
                lines.append("dataset \(name): " + parts.joined(separator: ", "))
            } else if let v = session.wordVectors[name] {
                lines.append("vectors \(name): \(Interpreter.count(v.count, "word")) × \(v.dimension), \(v.source)")
            } else if let m = session.models[name] {
                let trained = m.history.epochs.isEmpty ? "untrained" : Interpreter.count(m.history.epochs.count, "epoch")
                lines.append("model \(name): \(Interpreter.count(m.network.layers.count, "layer")), "
                             + "\(NumberFormat.grouped(m.network.parameterCount)) params, \(trained)")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
