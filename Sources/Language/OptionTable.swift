import LabData
import NeuralNet
import Training

/// The kind of value a `key=` takes: what help shows after `=` and what completion offers.
enum OptionValueKind: Equatable {
    /// A whole number.
    case int
    /// A number.
    case number
    /// `true` or `false`.
    case bool
    /// One word of a closed set.
    case choice([String])
    /// Several words of a closed set, comma-separated.
    case choices([String])
    /// A dataset or split name (`reviews.val`).
    case dataset
    /// A double-quoted file path.
    case path
    /// A column, member or label value: a word, number or string.
    case text
    /// Several such values, comma-separated.
    case texts
}

/// One `key=` of a statement or layer, declared once: the binder allows it, help shows it, completion offers it.
struct OptionSpec: Equatable {
    /// The key, lower-case, without `=`.
    let name: String
    /// What the value is.
    let kind: OptionValueKind
    /// The value used when the key is absent, as users read it; nil when absence means "none".
    let defaultValue: String?
    /// One line: what the key does.
    let help: String

    init(_ name: String, _ kind: OptionValueKind, default defaultValue: String? = nil, _ help: String) {
        self.name = name
        self.kind = kind
        self.defaultValue = defaultValue
        self.help = help
    }

    /// The values completion offers after `key=`.
    var completions: [String] {
        switch kind {
        case .bool: ["true", "false"]
        case .choice(let words), .choices(let words): words
        case .int, .number, .dataset, .path, .text, .texts: []
        }
    }
}

/// Every option of every verb and layer kind; the one place that declares them.
///
/// `ArgumentBinder` allows exactly these keys, `HelpText` lists them with their defaults,
/// `Completion` offers their keys and values, and `OptionTableTests` checks that the parser
/// reads each one (and nothing else).
enum OptionTable {
    /// `compile`'s optimizer when `optimizer=` is not given (Keras's usual choice).
    static let defaultOptimizer = OptimizerKind.adam

    private static let batch = OptionSpec("batch", .int, default: String(FitOptions.defaultBatchSize),
                                          "samples per batch (Keras batch_size)")

    /// The `key=` options of `verb`.
    static func options(for verb: Verb) -> [OptionSpec] {
        switch verb {
        case .set: [OptionSpec("threads", .int, "worker threads for the numeric kernels"),
                    OptionSpec("store", .path, default: "runs/lab.sqlite next to the script", "the run store file, or off")]
        case .serve: [OptionSpec("port", .int, default: "8080", "the TCP port"),
                      OptionSpec("host", .text, default: "127.0.0.1", "the address to listen on, in quotes (\"0.0.0.0\": every interface)")]
        case .runs: [OptionSpec("model", .text, "only runs of this model"),
                     OptionSpec("n", .int, default: "20", "how many of the latest runs")]
        case .load: load
        case .show: [OptionSpec("n", .int, default: String(DatasetPreview.defaultRows), "rows to print")]
        case .split: split
        case .tokenize: tokenize
        case .vectorize: vectorize
        case .export: [OptionSpec("chunks", .int, "write libsvm rows into N files named by the path's %02d")]
        case .compile: compile
        case .train: train
        case .evaluate, .report: [batch]
        case .predict: [batch, OptionSpec("top", .int, "rows to list at each end: the most positive and the most negative")]
        case .word2vec: word2vec
        case .similar: [OptionSpec("n", .int, default: "10", "words to list")]
        case .seed, .param, .help, .list, .run, .record, .echo, .quit, .describe, .model, .summary, .history, .plot,
             .compare, .save, .expect: []
        }
    }

    /// The keys of `verb`, in declaration order.
    static func keys(for verb: Verb) -> [String] { options(for: verb).map(\.name) }

    private static let load = [
        OptionSpec("text", .text, "the text column (CSV/TSV)"),
        OptionSpec("label", .text, "the label column (CSV/TSV)"),
        OptionSpec("positive", .texts, "label values that mean 1"),
        OptionSpec("negative", .texts, "label values that mean 0"),
        OptionSpec("format", .choice(DataFormat.allCases.map(\.rawValue)), default: "from the file name",
                   "the file format"),
        OptionSpec("header", .bool, default: "true", "whether a CSV/TSV file starts with a header row"),
        OptionSpec("limit", .int, "read at most N rows"),
        OptionSpec("x", .text, "the inputs member of an .npz file"),
        OptionSpec("y", .text, "the labels member of an .npz file"),
        OptionSpec("features", .int, default: "the largest index", "the number of columns of libsvm rows"),
        OptionSpec("stream", .bool, default: "false", "keep the rows on disk (fastText, lines, or a glob of libsvm chunks)"),
    ]

    private static let word2vec = [
        OptionSpec("dim", .int, default: "100", "the vector width (gensim vector_size)"),
        OptionSpec("window", .int, default: "5", "the widest context on each side; each position draws 1…window"),
        OptionSpec("min_count", .int, default: "5", "leave out words seen fewer times"),
        OptionSpec("negative", .int, default: "5", "noise words per positive pair"),
        OptionSpec("epochs", .int, default: "5", "passes over the texts"),
        OptionSpec("sg", .choice(["0", "1"]), default: "0", "1: skip-gram; 0: CBOW with the context mean"),
        OptionSpec("sample", .number, default: "0.001", "frequent-word subsampling threshold; 0 keeps every word"),
        OptionSpec("alpha", .number, default: "0.025", "the starting learning rate"),
        OptionSpec("min_alpha", .number, default: "0.0001", "the learning rate at the end (linear decay)"),
    ]

    private static let split = [
        OptionSpec("train", .number, default: "0", "share of rows in NAME.train"),
        OptionSpec("val", .number, default: "0", "share of rows in NAME.val"),
        OptionSpec("test", .number, default: "0", "share of rows in NAME.test"),
        OptionSpec("shuffle", .bool, default: "true", "shuffle the rows before cutting"),
    ]

    private static let sequenceEnds = SequenceEnd.allCases.map(\.rawValue)

    private static let tokenize = [
        OptionSpec("words", .int, default: "all", "keep the N−1 most frequent words (Keras num_words)"),
        OptionSpec("maxlen", .int, default: "the longest text", "pad or cut every sequence to N tokens"),
        OptionSpec("padding", .choice(sequenceEnds), default: SequenceEnd.kerasDefault.rawValue, "the end that gets the padding"),
        OptionSpec("truncating", .choice(sequenceEnds), default: SequenceEnd.kerasDefault.rawValue, "the end cut from longer texts"),
        OptionSpec("oov", .bool, default: "false", "reserve index 1 for out-of-vocabulary words"),
    ]

    private static let vectorize = [
        OptionSpec("words", .int, default: "all", "keep the N terms of largest total count (scikit-learn max_features)"),
        OptionSpec("ngrams", .texts, default: "1,1", "the shortest and longest n-gram in words, as MIN,MAX (ngram_range)"),
        OptionSpec("min_df", .number, default: "1", "drop terms in fewer documents: a count (2) or a proportion (0.01)"),
        OptionSpec("max_df", .number, default: "1.0", "drop terms in more documents: a count (500) or a proportion (0.9)"),
        OptionSpec("binary", .bool, default: "false", "count each term at most once per document"),
        OptionSpec("lowercase", .bool, default: "true", "lower-case texts before finding tokens"),
        OptionSpec("sublinear_tf", .bool, default: "false", "tf-idf: use 1 + ln(count) as the term frequency"),
        OptionSpec("smooth_idf", .bool, default: "true", "tf-idf: idf = ln((1 + n) / (1 + df)) + 1"),
        OptionSpec("norm", .choice(VectorizerOptions.Norm.allCases.map(\.rawValue)), default: "l2", "tf-idf: scale each row"),
    ]

    private static let clipping = [
        OptionSpec("clipnorm", .number, "rescale each gradient tensor to L2 norm ≤ X"),
        OptionSpec("clipvalue", .number, "clamp each gradient element to [-X, X]"),
    ]

    private static let compile = [
        OptionSpec("loss", .choice(Loss.allCases.map(\.rawValue)), default: "from the last layer", "the loss"),
        OptionSpec("optimizer", .choice(OptimizerKind.allCases.map(\.rawValue)), default: defaultOptimizer.rawValue, "the optimizer"),
        OptionSpec("lr", .number, default: "\(OptimizerKind.adam.kerasDefault.learningRate) (sgd \(OptimizerKind.sgd.kerasDefault.learningRate))",
                   "the learning rate"),
        OptionSpec("momentum", .number, default: "0", "sgd momentum, in [0, 1)"),
        OptionSpec("nesterov", .bool, default: "false", "sgd Nesterov momentum"),
        OptionSpec("metrics", .choices(Metric.allCases.map(\.rawValue)), default: "accuracy", "metrics to log"),
        OptionSpec("sparse_update", .choice(SparseUpdate.allCases.map(\.rawValue)), default: SparseUpdate.dense.rawValue,
                   "embedding rows a batch misses: dense decays their moments (Keras), lazy leaves them (LazyAdam)"),
    ] + clipping

    private static let train = [
        OptionSpec("val", .dataset, "validation data evaluated after each epoch"),
        OptionSpec("validation_split", .number, "validate on the last F of the rows"),
        OptionSpec("epochs", .int, default: String(FitOptions.defaultEpochs), "epochs to run now"),
        batch,
        OptionSpec("shuffle", .bool, default: "true (streamed: false)", "reshuffle the rows every epoch"),
        OptionSpec("shuffle_buffer", .int, "shuffle a streamed file through N rows (tf.data), reseeded every epoch"),
        OptionSpec("class_weight", .choice(["balanced"]), "weigh each sample's loss by its class"),
        OptionSpec("monitor", .choice(HistoryKey.allNames), default: "val_loss",
                   "the column patience, reduce_lr and best_only watch"),
        OptionSpec("mode", .choice(MonitorMode.allCases.map(\.rawValue)), default: "auto", "whether monitor should fall or rise"),
        OptionSpec("min_delta", .number, default: "0", "the least change that counts as improving"),
        OptionSpec("patience", .int, "stop after N epochs without improvement"),
        OptionSpec("restore_best", .bool, default: "false", "with patience, end on the best epoch's weights"),
        OptionSpec("reduce_lr", .number, "multiply the rate by FACTOR on a plateau"),
        OptionSpec("reduce_patience", .int, default: String(FitOptions.defaultReducePatience),
                   "epochs without improvement before reduce_lr"),
        OptionSpec("min_lr", .number, default: "0", "the floor of reduce_lr"),
        OptionSpec("lr_schedule", .choice(ScheduleKind.allCases.map(\.rawValue)),
                   "set the rate at every step"),
        OptionSpec("decay_steps", .int, "the schedule's steps"),
        OptionSpec("decay_rate", .number, "the exponential schedule's rate"),
        OptionSpec("alpha", .number, default: "0", "the cosine schedule's floor, as a fraction of lr"),
        OptionSpec("checkpoint", .path, "save the experiment after every epoch"),
        OptionSpec("best_only", .bool, default: "false", "with checkpoint, save only when monitor improves"),
        OptionSpec("checkpoint_every", .int, "with checkpoint, also save every N steps, to resume mid-epoch"),
        OptionSpec("log", .path, "append one CSV row per finished epoch"),
        OptionSpec("tensorboard", .path, "write TensorBoard scalars per epoch into this folder"),
    ] + clipping

    // MARK: Layers

    /// Keras's positional parameters of `kind`, in order; each may also be written `key=`.
    static func positionals(for kind: LayerKind) -> [OptionSpec] {
        switch kind {
        case .input: [OptionSpec("length", .int, "the sample length")]
        case .embedding: [OptionSpec("input_dim", .int, "the vocabulary size"),
                          OptionSpec("output_dim", .int, "the vector size")]
        case .lstm, .gru, .simplernn, .cudnnlstm: [OptionSpec("units", .int, "the state size")]
        case .dense: [OptionSpec("units", .int, "the output size"), activation]
        case .conv1d: [OptionSpec("filters", .int, "the output channels"),
                       OptionSpec("kernel_size", .int, "the window length")]
        case .maxpool1d: [OptionSpec("pool_size", .int, default: "2", "the window length"),
                          OptionSpec("strides", .int, default: "pool_size", "the step")]
        case .dropout, .spatialdropout1d: [OptionSpec("rate", .number, "the share dropped, in [0, 1)")]
        case .globalmaxpool1d, .globalaveragepool1d, .flatten, .bidirectional: []
        }
    }

    /// The keyword-only options of `kind`.
    static func keywords(for kind: LayerKind) -> [OptionSpec] {
        switch kind {
        case .embedding: [OptionSpec("input_length", .int, "the sample length"),
                          OptionSpec("weights", .text, "word vectors (word2vec or load) for the tokenizer's words; other rows keep the initializer"),
                          OptionSpec("trainable", .bool, default: "true", "false freezes the table (Keras Non-trainable params)")]
        case .lstm: [returnSequences, recurrentActivation] + dropouts
        case .gru: [returnSequences, recurrentActivation,
                    OptionSpec("reset_after", .bool, default: "true", "apply the reset gate after the matrix product")]
            + dropouts
        case .simplernn: [returnSequences] + dropouts
        case .bidirectional: [OptionSpec("merge_mode", .choice(MergeMode.allCases.map(\.rawValue)), default: MergeMode.kerasDefault.rawValue,
                                         "how the two directions combine")]
        case .cudnnlstm: [returnSequences]
        case .conv1d: [OptionSpec("strides", .int, default: "1", "the step"),
                       OptionSpec("padding", .choice(Padding.allCases.map(\.rawValue)), default: "valid", "the borders"),
                       activation]
        case .input, .maxpool1d, .globalmaxpool1d, .globalaveragepool1d, .flatten, .dropout, .spatialdropout1d, .dense: []
        }
    }

    private static let activation = OptionSpec("activation", .choice(Activation.allCases.map(\.rawValue)), default: "linear",
                                               "the activation")
    private static let returnSequences = OptionSpec("return_sequences", .bool, default: "false",
                                                    "output every step, not only the last")
    private static let recurrentActivation = OptionSpec("recurrent_activation", .choice(RecurrentActivation.allCases.map(\.rawValue)),
                                                        default: "sigmoid", "the gates' activation")
    private static let dropouts = [OptionSpec("dropout", .number, default: "0", "input dropout rate, in [0, 1)"),
                                   OptionSpec("recurrent_dropout", .number, default: "0", "state dropout rate, in [0, 1)")]

    /// Every spec anywhere, for completing `key=` values whatever the statement.
    static let all: [OptionSpec] = Verb.allCases.flatMap(options(for:))
        + LayerKind.allCases.flatMap { positionals(for: $0) + keywords(for: $0) }
}
