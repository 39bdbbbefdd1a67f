import TensorCore

/// A named dataset with optional splits `train`, `val`, `test`, as the session holds it.
///
/// `load NAME from …` sets the whole; `load NAME.train from …` sets one split
/// (taking an existing sibling's label mapping so every split shares classes);
/// `split NAME …` cuts the whole into splits; `tokenize NAME …` fits one
/// tokenizer on `train` when it exists (else on the whole) and applies it to
/// the whole and every split. A streamed group (`load NAME from … stream=true`)
/// keeps its whole on disk: `tokenize` fits in one pass over the file, its
/// in-memory splits take the stream's labels and tokenizer, and `split` is
/// refused. A split loaded from its own file is never removed by `split`.
/// Every mutation either succeeds or leaves the group as it was.
public final class DatasetGroup: @unchecked Sendable {
    /// The split names, in their fixed order.
    public static let splitNames = ["train", "val", "test"]

    /// The dataset's name in the session.
    public let name: String
    /// The data loaded as a whole (`load NAME from`), if any.
    public private(set) var whole: Dataset?
    /// The splits present, in the order train, val, test.
    public private(set) var splits: [(name: String, dataset: Dataset)] = []
    /// The names of the splits loaded from their own files (`load NAME.test from …`), which `split` keeps.
    public private(set) var loadedSplits: Set<String> = []
    /// How `tokenize` turned the group's texts into ids: the fitted tokenizer and the padding,
    /// once it has run. Models trained on the group carry it; streamed batches apply it per batch.
    public private(set) var encoding: TextEncoding?
    /// The fitted vectorizer, once `vectorize` has run (and no `tokenize` since).
    public private(set) var vectorizer: TextVectorizer?

    /// The file the group streams from (`load NAME from … stream=true`), if any; its rows stay on disk.
    public private(set) var stream: StreamingText?
    /// For a stream, after `tokenize`: the samples one pass yields, the label mapping and the drops.
    public private(set) var streamFit: (rows: Int, mapping: LabelMapping, drops: DropReport)?

    /// The libsvm chunk files the group streams from (`load NAME from "dir/train_*.svm" stream=true`), if any.
    public private(set) var chunks: LibSVMChunks?

    /// An empty group.
    public init(name: String) { self.name = name }

    /// A group whose whole is streamed from libsvm chunk files, one chunk in memory at a time.
    public init(name: String, chunks: LibSVMChunks) {
        self.name = name
        self.chunks = chunks
    }

    /// A group whose whole is streamed from a file; splits may still be loaded in memory.
    public init(name: String, stream: StreamingText) {
        self.name = name
        self.stream = stream
    }

    /// A group holding `dataset` as its whole.
    public init(name: String, whole: Dataset) {
        self.name = name
        self.whole = whole
    }

    /// The split called `name`, or nil.
    public subscript(split name: String) -> Dataset? { splits.first { $0.name == name }?.dataset }

    /// The data a bare `NAME` refers to: the whole, else the train split.
    public var primary: Dataset? { whole ?? self[split: "train"] }

    /// Every dataset in the group: the whole, then the splits in order.
    public var all: [Dataset] { (whole.map { [$0] } ?? []) + splits.map(\.dataset) }

    /// Sets split `name` (`load NAME.train from …`), relabeling it with a sibling's mapping.
    /// - Throws: `DataError.invalidRequest` for an unknown split name, or what relabeling throws.
    public func setSplit(_ name: String, _ dataset: Dataset) throws {
        guard Self.splitNames.contains(name) else {
            throw DataError.invalidRequest(reason: "unknown split '\(name)': use \(Self.splitNames.joined(separator: ", "))")
        }
        var d = dataset
        if let fit = streamFit, d.isText, fit.mapping.kind != .unlabeled, d.labelMapping.kind != .unlabeled {
            d = try d.relabeled(with: fit.mapping)
        } else if let sibling = splits.first(where: { $0.name != name })?.dataset ?? whole, sibling.isText, d.isText,
           sibling.labelMapping.kind != .unlabeled, d.labelMapping.kind != .unlabeled {
            d = try d.relabeled(with: merged(sibling.labelMapping, d))
        }
        if let encoding, d.isText { apply(encoding, to: d) }
        if let vectorizer, let texts = d.texts { d.sparseInputs = vectorizer.transform(texts) }
        var s = splits.filter { $0.name != name }
        s.append((name, d))
        splits = Self.ordered(s)
        loadedSplits.insert(name)
    }

    /// `splits` in the fixed order train, val, test.
    private static func ordered(_ splits: [(name: String, dataset: Dataset)]) -> [(name: String, dataset: Dataset)] {
        splits.sorted { splitNames.firstIndex(of: $0.name)! < splitNames.firstIndex(of: $1.name)! }
    }

    /// `group` (a new whole or stream loaded under this group's name) with this group's loaded
    /// splits carried over: their labels mapped as the new data's and their token ids cleared, since
    /// the new group has not been tokenized.
    /// - Throws: what relabeling a split throws; this group is left as it was.
    public func carryingLoadedSplits(into group: DatasetGroup) throws -> DatasetGroup {
        for (splitName, d) in splits where loadedSplits.contains(splitName) {
            try group.setSplit(splitName, d.isText ? d.withoutTokens() : d)
        }
        return group
    }

    /// The sibling's mapping, extended with any new class of `d` (for multi-class string labels).
    private func merged(_ m: LabelMapping, _ d: Dataset) -> LabelMapping {
        guard m.kind == .classes else { return m }
        var out = m
        for raw in Set(d.labels).sorted() where out.table[raw] == nil {
            out.table[raw] = out.classNames.count
            out.classNames.append(raw)
        }
        return out
    }

    /// Cuts the whole into train/val/test (`split NAME train=0.8 val=0.1 test=0.1 shuffle=true`).
    ///
    /// Counts: train = ⌊N·train⌋, val = ⌊N·val⌋, test = the rest when the
    /// fractions sum to 1, else ⌊N·test⌋. With `shuffle`, rows are permuted by
    /// `rng` first (the same seed gives the same splits); otherwise file order.
    /// Splits loaded from their own files stay; the splits of an earlier `split` are replaced.
    /// - Throws: `DataError.invalidRequest` for fractions outside [0, 1] or summing above 1, no whole
    ///   dataset, or a fraction for a split that was loaded from its own file.
    public func split(train: Double, val: Double = 0, test: Double = 0, shuffle: Bool = true,
                      using rng: inout RandomGenerator) throws {
        if stream != nil || chunks != nil {
            throw DataError.streamNotSplittable(dataset: name)
        }
        guard let whole else { throw DataError.invalidRequest(reason: "\(name) has no whole dataset to split (load \(name) from …)") }
        let parts = [train, val, test]
        guard parts.allSatisfy({ $0 >= 0 && $0 <= 1 }), parts.reduce(0, +) <= 1 + 1e-9, train > 0 else {
            throw DataError.invalidRequest(reason: "split fractions must lie in [0, 1], train > 0, and sum to at most 1 (got train=\(train) val=\(val) test=\(test))")
        }
        if let clash = zip(Self.splitNames, parts).first(where: { split, part in part > 0 && loadedSplits.contains(split) })?.0 {
            throw DataError.splitLoadedFromFile(dataset: name, split: clash)
        }
        let n = whole.count
        let order = shuffle ? rng.permutation(n) : Array(0..<n)
        let nTrain = Int((Double(n) * train).rounded(.down)), nVal = Int((Double(n) * val).rounded(.down))
        let nTest = abs(parts.reduce(0, +) - 1) < 1e-9 ? n - nTrain - nVal : Int((Double(n) * test).rounded(.down))
        var made: [(String, Dataset)] = []
        var start = 0
        for (splitName, size) in zip(Self.splitNames, [nTrain, nVal, nTest]) where parts[Self.splitNames.firstIndex(of: splitName)!] > 0 {
            made.append((splitName, whole.subset(Array(order[start..<(start + size)]), source: "\(name).\(splitName)")))
            start += size
        }
        splits = Self.ordered(made + splits.filter { loadedSplits.contains($0.name) })
    }

    /// Fits a tokenizer and pads every text dataset of the group (`tokenize NAME words= maxlen=`).
    ///
    /// Fitted on the train split when present, else on the whole; applied to
    /// the whole and all splits: `sequences` get the ids, `inputs` the [N, T] padding.
    /// - Parameters:
    ///   - words: Keras `num_words` (nil keeps all).
    ///   - maxlen: T (nil: the longest fitted sequence).
    ///   - oov: reserve index 1 for out-of-vocabulary words (token `<OOV>`).
    /// - Throws: `DataError.invalidRequest` when the group has no text.
    public func tokenize(words: Int?, maxlen: Int?, padding: SequenceEnd = .kerasDefault, truncating: SequenceEnd = .kerasDefault,
                         oov: Bool = false) throws {
        if let words, words < 1 { throw DataError.invalidRequest(reason: "words= must be at least 1 (got \(words))") }
        if let maxlen, maxlen < 1 { throw DataError.invalidRequest(reason: "maxlen= must be at least 1 (got \(maxlen))") }
        var t = Tokenizer(numWords: words, oovToken: oov ? "<OOV>" : nil)
        if let stream {
            guard let maxlen else {
                throw DataError.invalidRequest(reason: "\(name) is streamed: give tokenize a maxlen= (finding the longest text would take another pass over the file)")
            }
            try requireMemory(rows: splits.map(\.dataset).filter(\.isText).map(\.count), maxlen: maxlen)
            // One bounded-memory pass over the file fits the tokenizer and counts rows and labels.
            let fit = try stream.fitTokenizer(&t)
            try adopt(TextEncoding(tokenizer: t, maxlen: maxlen, padding: padding, truncating: truncating), stream: fit)
            return
        }
        guard let fitOn = self[split: "train"] ?? whole else {
            throw DataError.invalidRequest(reason: chunks == nil ? "\(name) holds no data to tokenize"
                                                                 : "\(name) streams libsvm features: there is nothing to tokenize")
        }
        guard let texts = fitOn.texts else {
            throw DataError.invalidRequest(reason: "\(name) holds arrays, not texts: it is tokenized already")
        }
        let fitted = t.fitSequences(on: texts)
        let length = max(maxlen ?? fitted.reduce(0) { max($0, $1.count) }, 1)
        try apply(TextEncoding(tokenizer: t, maxlen: length, padding: padding, truncating: truncating), fitted: (fitOn, fitted))
    }

    /// Applies an encoding fitted elsewhere (a model's own) to every text dataset of the group
    /// (`tokenize NAME like MODEL`): the group then holds that encoding, as if fitted here.
    /// A streamed group makes one pass over its file to count rows and labels.
    /// - Throws: `DataError.invalidRequest` when the group holds no text, or what reading a stream throws.
    public func tokenize(like encoding: TextEncoding) throws {
        if let stream {
            try adopt(encoding, stream: try stream.scan())
            return
        }
        guard all.contains(where: \.isText) else {
            throw DataError.invalidRequest(reason: all.isEmpty ? "\(name) holds no data to tokenize"
                                                                : "\(name) holds arrays, not texts: it is tokenized already")
        }
        try apply(encoding)
    }

    /// Takes `encoding` as a streamed group's after one pass over its file found `fit`: the
    /// splits held in memory take the stream's label mapping and the encoding's ids.
    private func adopt(_ encoding: TextEncoding, stream fit: (rows: Int, mapping: LabelMapping, drops: DropReport)) throws {
        var relabeled: [(name: String, dataset: Dataset)] = []
        for (splitName, d) in splits {
            let same = !d.isText || fit.mapping.kind == .unlabeled || d.labelMapping.kind == .unlabeled
            relabeled.append((splitName, same ? d : try d.relabeled(with: fit.mapping)))
        }
        for (_, d) in relabeled where d.isText { apply(encoding, to: d) }
        splits = relabeled
        streamFit = fit
        self.encoding = encoding
    }

    /// Pads every text dataset of an in-memory group with `encoding`, once their [N, T] inputs fit in memory;
    /// `fitted` gives one dataset's ids already computed while fitting.
    private func apply(_ encoding: TextEncoding, fitted: (dataset: Dataset, sequences: [[Int32]])? = nil) throws {
        try requireMemory(rows: all.filter(\.isText).map(\.count), maxlen: encoding.maxlen)
        for d in all where d.isText { apply(encoding, to: d, sequences: fitted?.dataset === d ? fitted?.sequences : nil) }
        self.encoding = encoding
    }

    /// Refuses padding `rows` texts to `maxlen` ids when the [N, T] inputs cannot fit in memory.
    private func requireMemory(rows: [Int], maxlen: Int) throws(MemoryError) {
        let total = CheckedSize.sum(rows) ?? Int.max
        try MemoryBudget.require(MemoryBudget.floatBytes(CheckedSize.product([total, maxlen])),
                                 for: "padding \(total) rows of \(name) to maxlen=\(maxlen)")
    }

    private func apply(_ encoding: TextEncoding, to d: Dataset, sequences: [[Int32]]? = nil) {
        let seqs = sequences ?? encoding.tokenizer.sequences(for: d.texts ?? [])
        d.sequences = seqs
        d.inputs = PadSequences.pad(seqs, maxlen: encoding.maxlen, padding: encoding.padding, truncating: encoding.truncating)
        d.sparseInputs = nil
        vectorizer = nil
    }

    /// Fits scikit-learn's `CountVectorizer`/`TfidfVectorizer` and turns every text dataset of the group
    /// into sparse rows (`vectorize NAME tfidf …`).
    ///
    /// Fitted on the train split when present, else on the whole, so held-out rows never shape the
    /// vocabulary or idf; applied to the whole and all splits (and to splits loaded later). Token ids
    /// of an earlier `tokenize` are dropped.
    /// - Throws: `DataError.streamNotVectorizable` for a streamed group; `invalidRequest` for a group without texts or options
    ///   scikit-learn refuses; the group is left as it was.
    public func vectorize(_ options: VectorizerOptions) throws {
        if stream != nil || chunks != nil {
            throw DataError.streamNotVectorizable(dataset: name)
        }
        guard let fitOn = self[split: "train"] ?? whole else {
            throw DataError.invalidRequest(reason: "\(name) holds no data to vectorize")
        }
        guard let texts = fitOn.texts else {
            throw DataError.invalidRequest(reason: "\(name) holds arrays, not texts: there is nothing to vectorize")
        }
        let v = try TextVectorizer(fitting: texts, options: options)
        for d in all {
            guard let texts = d.texts else { continue }
            d.sparseInputs = v.transform(texts)
            d.inputs = nil
            d.sequences = nil
        }
        vectorizer = v
        encoding = nil
    }
}
