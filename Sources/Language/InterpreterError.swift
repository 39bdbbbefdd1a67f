/// Why the interpreter could not carry out a statement that parsed, for reasons of its own
/// (names, session state, expectations); library errors keep their own types and are mapped in
/// `Interpreter.diagnostic(for:at:)`. `message` is the one place that words them.
public enum InterpreterError: Equatable, Sendable {
    /// No model, dataset or "model or dataset" (`kind`) called `name`; `suggestion` is the closest known name.
    case unknownName(kind: String, name: String, suggestion: String?)
    /// A model was needed and `name` is a dataset.
    case datasetNotModel(String)
    /// A dataset was needed and `name` is a model.
    case modelNotDataset(String)
    /// A model may not take the name of a dataset.
    case nameTakenByDataset(String)
    /// The whole of a streamed dataset was asked for by a statement that needs its rows in memory.
    case streamedNotInMemory(dataset: String, path: String)
    /// A dataset group with neither rows nor splits.
    case holdsNoData(String)
    /// `reference` (`reviews.val`) names a split the dataset lacks; `splits` are those it has.
    case missingSplit(reference: String, dataset: String, splits: [String])
    /// `tokenize DATA like MODEL` with a model that carries no tokenizer.
    case noTokenizer(model: String, dataset: String)
    /// `export MODEL` before it has trained.
    case noHistoryToExport(String)
    /// `compile` without `loss=` on a model whose last layer implies none.
    case cannotInferLoss(model: String)
    /// The model's shapes do not fit the data; `reason` is the model error's text.
    case cannotTrain(model: String, data: String, reason: String)
    /// Ctrl-C ended training in a script; the model keeps `keptEpochs` epochs.
    case interrupted(model: String, epoch: Int, keptEpochs: Int)
    /// `plot` of a column the history lacks.
    case missingHistoryColumn(model: String, column: String, isValidation: Bool, untrained: Bool)
    /// `expect MODEL test val_…`: test results have no `val_` columns.
    case testColumnWithValPrefix(String)
    /// `expect MODEL test …` before any `evaluate`.
    case notEvaluated(model: String)
    /// `expect MODEL test …` after the model trained past its test result, measured at `label`.
    case staleTestResult(model: String, label: String)
    /// `expect` of a value the history does not hold yet (`subject`: `m best val_auc`).
    case noValueYet(subject: String)
    /// A file or folder could not be created.
    case cannotWrite(path: String, reason: String)
    /// `serve` in a session that cannot serve (a library user's).
    case serveUnavailable
    /// A run-store verb while recording is off.
    case storeOff
    /// `compare run` / `plot run` / `export run` of an evaluate or report run.
    case notATrainRun(id: Int64, kind: String)
    /// `plot run N COLUMN` where run N has no such column.
    case missingRunColumn(id: Int64, column: String, columns: [String])
    /// `expect` whose comparison does not hold.
    case expectationFailed(subject: String, shown: String, comparison: String, bound: Double)
    /// A data file without the column (or npz member, `entry`) a `load` option named.
    case missingEntry(path: String, entry: String, name: String, available: [String])
    /// `run` nested `depth` deep, most likely a script running itself.
    case scriptsNestedTooDeep(depth: Int, path: String)
    /// A script file that cannot be read.
    case unreadableScript(String)
    /// A script file that is not UTF-8.
    case scriptNotUTF8(String)
    /// `report`/`plot … roc` on a split that is unlabelled (`labels` nil) or labelled otherwise than the model's classes.
    case labelsDoNotMatch(reference: String, labels: String?, model: String, classes: Int)
    /// A form (`plot … roc`, `top=`) that needs one sigmoid output, on a model with `outputs`.
    case needsBinaryModel(form: String, model: String, outputs: Int)
    /// The model's predictions on `reference` hold NaN.
    case predictsNaN(model: String, reference: String)
    /// A ROC curve on a split whose rows are all one class.
    case oneClassOnly(reference: String)
    /// `lab check`: a file a statement reads (`kind`: "file or folder", "model file") is not there.
    case noFile(path: String, kind: String)
    /// `lab check`: a split used before any statement makes it.
    case splitNotMadeYet(String)
    /// `lab check`: a model with a fixed input length trained on data padded to another.
    case inputLengthMismatch(model: String, length: Int, dataset: String, maxlen: Int)
    /// `lab check`: `tokenize words=` keeps more ids than the model's first embedding takes.
    case vocabularyExceedsEmbedding(dataset: String, words: Int, model: String, inputDim: Int)
    /// `lab check`: a model whose layers do not fit together; `reason` is the model error's text.
    case modelShapes(model: String, reason: String)

    /// A name already used by another kind of thing (`kind`: "a model", "word vectors").
    case nameTaken(name: String, kind: String)
    /// `word2vec` on a dataset of token arrays, not texts.
    case needsTexts(reference: String)
    /// `similar` of a word the table lacks.
    case noVector(word: String, vectors: String, count: Int)
    /// `weights=` vectors whose width differs from the embedding's.
    case vectorsDimension(vectors: String, dimension: Int, outputDim: Int)
    /// `weights=` vectors with no tokenizer to map words to rows: none, or several candidates.
    case noTokenizerForVectors(vectors: String, candidates: [String])

    /// An unknown `kind` called `name`, suggesting the closest of `names`.
    static func unknown(_ kind: String, _ name: String, among names: [String]) -> InterpreterError {
        .unknownName(kind: kind, name: name, suggestion: Suggest.closest(to: name, in: names))
    }

    /// The message, as the user reads it after `error:`.
    public var message: String {
        switch self {
        case let .unknownName(kind, name, suggestion):
            "unknown \(kind) '\(name)'" + (suggestion.map { " — did you mean '\($0)'?" } ?? "")
        case .datasetNotModel(let name): "'\(name)' is a dataset, not a model"
        case let .cannotWrite(path, reason): "cannot write \(path): \(reason)"
        case .serveUnavailable: "serve runs in the lab REPL or as lab serve"
        case .storeOff: "the run store is off: set store=\"runs/lab.sqlite\" to record and read runs"
        case let .notATrainRun(id, kind): "run \(id) is \(kind == "evaluate" ? "an" : "a") \(kind) run; only train runs have a history"
        case let .missingRunColumn(id, column, columns):
            "run \(id) has no \(column) column" + (columns.isEmpty ? " (it has no epochs)" : " (it has \(columns.joined(separator: ", ")))")
        case .modelNotDataset(let name): "'\(name)' is a model, not a dataset"
        case .nameTakenByDataset(let name): "'\(name)' is already a dataset; choose another name"
        case let .streamedNotInMemory(name, path):
            "'\(name)' is streamed from \(path) and not held in memory: only describe, tokenize "
                + "and train read it (load held-out rows with `load \(name).test from \"…\"`)"
        case .holdsNoData(let name): "\(name) holds no data"
        case let .missingSplit(reference, name, splits):
            "\(reference) does not exist"
                + (splits.isEmpty ? "; split it first (split \(name) train=0.8 val=0.1 test=0.1)"
                                  : " (it has \(splits.map { "\(name).\($0)" }.joined(separator: ", ")))")
        case let .noTokenizer(model, dataset):
            "\(model) has no tokenizer (it was not trained on tokenized text); "
                + "tokenize \(dataset) with `tokenize \(dataset) words=… maxlen=…`"
        case .noHistoryToExport(let name): "\(name) has no history to export (train it first)"
        case .cannotInferLoss(let model): "cannot infer a loss from the last layer of \(model); give compile a loss="
        case let .cannotTrain(model, data, reason): "\(model) cannot train on \(data): \(reason)"
        case let .interrupted(model, epoch, kept):
            "training stopped by Ctrl-C during epoch \(epoch); \(model) keeps its weights and \(Interpreter.count(kept, "recorded epoch"))"
        case let .missingHistoryColumn(model, column, isValidation, untrained):
            "\(model) has no \(column) in its history"
                + (isValidation ? " (train it with val=…)" : (untrained ? " (train it first)" : ""))
        case .testColumnWithValPrefix(let column): "test values have no val_ prefix: write `test \(column.dropFirst(4))`"
        case .notEvaluated(let model): "\(model) has not been evaluated; run `evaluate \(model) on …` first"
        case let .staleTestResult(model, label):
            "\(model)'s test result was measured \(label) and \(model) has trained since; run `evaluate \(model) on …` again"
        case .noValueYet(let subject): "\(subject) has no value yet"
        case let .expectationFailed(subject, shown, comparison, bound):
            "expectation failed: \(subject) is \(shown), expected \(comparison) \(bound)"
        case let .missingEntry(path, entry, name, available):
            "\(path): no \(entry) '\(name)'" + (Suggest.closest(to: name, in: available).map { " — did you mean '\($0)'?" } ?? "")
                + " (\(entry)s: \(available.joined(separator: ", ")))"
        case let .scriptsNestedTooDeep(depth, path): "scripts nested \(depth) deep: does \(path) run itself?"
        case .unreadableScript(let path): "cannot read script '\(path)'"
        case .scriptNotUTF8(let path): "'\(path)' is not UTF-8 text"
        case let .labelsDoNotMatch(reference, labels, model, classes):
            "\(reference) \(labels.map { "is labelled \($0)" } ?? "has no labels"), not with \(model)'s \(Interpreter.count(classes, "class"))"
        case let .needsBinaryModel(form, model, outputs):
            "\(form) needs a binary model (one sigmoid output); \(model) has \(outputs) outputs"
        case let .predictsNaN(model, reference): "\(model) predicts NaN on \(reference)"
        case .oneClassOnly(let reference): "\(reference) holds only one class; a ROC curve needs both"
        case let .noFile(path, kind): "no \(kind) at '\(path)'"
        case .splitNotMadeYet(let reference): "\(reference) does not exist at this point"
        case let .inputLengthMismatch(model, length, dataset, maxlen):
            "\(model) takes input length \(length) but \(dataset) is padded to \(maxlen)"
        case let .vocabularyExceedsEmbedding(dataset, words, model, inputDim):
            "\(dataset) keeps token ids up to \(words - 1) but \(model)'s embedding takes 0..<\(inputDim); "
                + "use words=\(inputDim) or a larger embedding"
        case .modelShapes(_, let reason): reason
        case let .nameTaken(name, kind): "'\(name)' is already \(kind); choose another name"
        case .needsTexts(let reference): "\(reference) holds token arrays, not texts; word2vec reads texts"
        case let .noVector(word, vectors, count):
            "'\(word)' has no vector in \(vectors) (\(Interpreter.count(count, "word")); words rarer than min_count are left out)"
        case let .vectorsDimension(vectors, dimension, outputDim):
            "\(vectors) holds \(dimension)-dimensional vectors but the embedding's rows are \(outputDim) wide; "
                + "write embedding V \(dimension) or use vectors of width \(outputDim)"
        case let .noTokenizerForVectors(vectors, candidates):
            candidates.isEmpty
                ? "weights=\(vectors) needs a tokenized dataset to say which word each row is; tokenize one first"
                : "weights=\(vectors): several tokenized datasets (\(candidates.joined(separator: ", "))) could say which word each row is; "
                    + "train the vectors on one with word2vec \(vectors) on DATA.train"
        }
    }
}
