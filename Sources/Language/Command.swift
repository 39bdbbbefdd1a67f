import LabData
import NeuralNet

/// One parsed statement of the lab language, with every value already typed.
///
/// The parser produces these; the interpreter executes them. Names of datasets
/// and models stay strings (they are the user's own words); everything from a
/// closed set (layers, activations, losses, optimizers, metrics, formats) is an enum.
public enum Command: Equatable, Sendable {
    /// `seed N`: reseed the session's one generator.
    case seed(UInt64)
    /// `set threads=N`: session settings.
    case set([Setting])
    /// `param NAME=VALUE …`: script parameters, with the values in force (defaults or given).
    case param([ScriptParameters.Value])
    /// `help [VERB]`: all verbs, or the forms of one.
    case help(Verb?)
    /// `list`: datasets and models of the session.
    case list
    /// `run "file.exp"`: replay a script inside this session.
    case run(path: String)
    /// `record "file.exp"` (path) or `record off` (nil).
    case record(path: String?)
    /// `echo "text"`: print a line.
    case echo(String)
    /// `quit` or `exit`.
    case quit
    /// `load NAME[.split] from "path" options…`: read a dataset (any path but `.safetensors`).
    case load(DatasetReference, path: String, options: LoadOptions)
    /// `load NAME from "file.safetensors"`: read a saved model.
    case loadModel(name: String, path: String)
    /// `describe NAME[.split]`: rows, label balance, length percentiles, vocabulary.
    case describe(DatasetReference)
    /// `show NAME[.split] n=5`: the first rows.
    case show(DatasetReference, rows: Int)
    /// `split NAME train= val= test= shuffle=`: creates `NAME.train`, `NAME.val`, `NAME.test`.
    case split(dataset: String, fractions: SplitFractions, shuffle: Bool)
    /// `tokenize NAME words= maxlen= …`: fit a Keras tokenizer and pad every split.
    case tokenize(dataset: String, options: TokenizeOptions)
    /// `tokenize NAME like MODEL`: apply the tokenizer and padding a model was trained with (saved in its file).
    case tokenizeLike(dataset: String, model: String)
    /// `vectorize NAME counts|tfidf words= ngrams= …`: fit scikit-learn's CountVectorizer or
    /// TfidfVectorizer on NAME.train (else NAME) and turn every split into sparse rows.
    case vectorize(dataset: String, options: VectorizerOptions)
    /// `export NAME.split to "file.csv"`: padded token ids of one split; to `"f.svm"`: libsvm rows,
    /// `chunks=N` with `%02d` in the path for N files.
    case exportSplit(DatasetReference, path: String, chunks: Int? = nil)
    /// `export NAME to "file.csv"`: a model's history, or all of a dataset when NAME is a dataset.
    case export(name: String, path: String, chunks: Int? = nil)
    /// `word2vec NAME on DATA[.split] dim= window= …`: train word vectors (gensim `Word2Vec` semantics).
    case word2vec(name: String, data: DatasetReference, options: Word2VecOptions)
    /// `similar NAME "word" n=10`: the words nearest to one by cosine similarity.
    case similar(vectors: String, word: String, count: Int)
    /// `model NAME` … `end`: define a model.
    case model(name: String, definition: ModelDefinition)
    /// `compile NAME loss= optimizer= lr= metrics=…`.
    case compile(model: String, options: CompileOptions)
    /// `summary NAME`: the Keras summary table.
    case summary(model: String)
    /// `train NAME on DATA.split val=… epochs=… batch=…`.
    case train(model: String, options: TrainOptions)
    /// `evaluate NAME on DATA.split [batch=N]`.
    case evaluate(model: String, data: DatasetReference, batchSize: Int)
    /// `predict NAME "text"`: the model's output for one text.
    case predictText(model: String, text: String)
    /// `report NAME on DATA.split [batch=N]`: confusion matrix and scikit-learn's classification report.
    case report(model: String, data: DatasetReference, batchSize: Int)
    /// `predict NAME on DATA.split [to "file.csv"] [top=N] [batch=N]`: predictions for a split, written as CSV
    /// and/or the N most positive and most negative rows printed.
    case predictData(model: String, data: DatasetReference, path: String?, top: Int?, batchSize: Int)
    /// `history NAME`: one row per epoch.
    case history(model: String)
    /// `plot NAME[,NAME…] [loss,val_loss] [to "file.svg"]`: a chart in the terminal or an SVG file.
    case plot(models: [String], series: [HistoryKey], path: String?)
    /// `plot NAME roc on DATA.split [to "file.svg"]`: a binary model's ROC curve with its AUC.
    case plotROC(model: String, data: DatasetReference, path: String?)
    /// `compare NAME NAME…`: one row per model.
    case compare(models: [String])
    /// `save NAME to "file.safetensors"`.
    case save(model: String, path: String)
    /// `expect NAME [last|best|test] METRIC OP NUMBER`: fails the script when false.
    case expect(Expectation)
    /// `runs [where model=NAME] [n=20]`: recent runs of the run store.
    case runs(model: String?, limit: Int)
    /// `show run N`: one stored run.
    case showRun(Int64)
    /// `compare run N run M…`: stored train runs side by side.
    case compareRuns([Int64])
    /// `plot run N,M… [loss,val_loss] [to "file.svg"]`: stored histories in one chart.
    case plotRuns([Int64], series: [HistoryKey], path: String?)
    /// `export run N to "file.csv"`: a stored run's history as CSV.
    case exportRun(Int64, path: String)
    /// `serve [port=8080] [host=127.0.0.1]`: the runs page over HTTP while the session goes on.
    case serve(host: String, port: Int)
}

/// A session setting given to `set`.
public enum Setting: Equatable, Sendable {
    /// `threads=N`: compute threads for everything after.
    case threads(Int)
    /// `store="runs/lab.sqlite"` (a path) or `store=off` (nil): where runs are recorded.
    case store(String?)
}

/// A dataset, or one split of it (`reviews` or `reviews.train`).
public struct DatasetReference: Hashable, Sendable, CustomStringConvertible {
    /// The dataset's name as the user wrote it.
    public var name: String
    /// The split, or nil for the whole dataset.
    public var split: DatasetSplit?

    /// A reference to `name`, or to its `split` when given.
    public init(name: String, split: DatasetSplit? = nil) {
        self.name = name
        self.split = split
    }

    /// `name` or `name.split`.
    public var description: String { split.map { "\(name).\($0.rawValue)" } ?? name }
}

/// The splits `split` creates and `load NAME.split` fills.
public enum DatasetSplit: String, CaseIterable, Sendable {
    /// `NAME.train`, `NAME.val`, `NAME.test`.
    case train, val, test
}
