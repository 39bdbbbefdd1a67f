import TensorCore

/// Keras 2's `Tokenizer`: a word index fitted on texts, turning texts into token id sequences.
///
/// Keras parity (keras_preprocessing 1.1.2, `Tokenizer(num_words, filters, lower, split=' ', oov_token)`):
/// - `fit(on:)` counts words (see `WordSplitter`) over the texts in order;
///   words are ranked by count, ties kept in first-appearance order (a stable
///   sort), index 1 = most frequent. With an OOV token it takes index 1 and
///   the words follow from 2.
/// - `sequences(for:)` maps each word to its index; words with index ≥
///   `numWords` are dropped, or become the OOV index when there is an OOV
///   token; unknown words likewise. `numWords` nil (or 0) keeps every word.
/// Fitting more than once accumulates counts, as Keras does. Encodes to JSON
/// (options, and word counts in first-appearance order) so a saved model can
/// tokenize raw text exactly as at training time.
public struct Tokenizer: Codable, Sendable {
    /// Keep only words with index < numWords (Keras `num_words`); nil keeps all.
    public let numWords: Int?
    /// Whether texts are lower-cased first.
    public let lower: Bool
    /// Characters replaced by spaces before splitting.
    public let filters: String
    /// The out-of-vocabulary token (Keras `oov_token`), or nil to drop unknown words.
    public let oovToken: String?
    /// The number of texts fitted on (Keras `document_count`).
    public private(set) var documentCount = 0

    /// Keras's default filter: `!"#$%&()*+,-./:;<=>?@[\]^_`{|}~` plus tab and newline.
    public static let defaultFilters = "!\"#$%&()*+,-./:;<=>?@[\\]^_`{|}~\t\n"

    private var counts = WordTable()
    private let splitter: WordSplitter
    private var index: [Int32] = []
    private var ranked: [Int] = []
    private var oovIndex: Int32?

    /// A tokenizer with no vocabulary yet.
    /// - Parameters:
    ///   - numWords: keep words with index < numWords (Keras `num_words`); nil or 0 keeps all.
    ///   - lower: lower-case texts first (Keras `lower=True`).
    ///   - filters: characters replaced by spaces (Keras's default list).
    ///   - oovToken: the out-of-vocabulary token; when given it takes index 1.
    public init(numWords: Int? = nil, lower: Bool = true, filters: String = Tokenizer.defaultFilters, oovToken: String? = nil) {
        self.numWords = numWords == 0 ? nil : numWords
        self.lower = lower
        self.filters = filters
        self.oovToken = oovToken
        splitter = WordSplitter(filters: filters, lower: lower)
    }


    /// Counts the words of `texts` and rebuilds the index (Keras `fit_on_texts`), on all threads.
    public mutating func fit(on texts: [String]) {
        accumulate(texts)
        rebuildIndex()
    }

    /// Fits on texts fed in chunks (Keras `fit_on_texts` over a stream), rebuilding the index once at the end.
    ///
    /// For files larger than memory: memory stays bounded by the vocabulary.
    /// The result equals `fit(on:)` over all chunks concatenated.
    /// - Parameter feed: called once; it passes each chunk of texts, in order, to `add`.
    public mutating func fit(chunks feed: (_ add: ([String]) -> Void) throws -> Void) rethrows {
        var me = self
        try feed { me.accumulate($0) }
        me.rebuildIndex()
        self = me
    }

    /// Fits on `texts` as `fit(on:)` does and returns their token ids, equal to
    /// `sequences(for: texts)` after the fit, splitting and hashing each word once.
    ///
    /// While counting, each slice of texts keeps its words' ids in its own table in one
    /// flat buffer; once the index is built they become token ids (words at or past
    /// `numWords` become the OOV index or are dropped). Holds every word's id at once:
    /// for in-memory datasets; streams use `fit(chunks:)`.
    public mutating func fitSequences(on texts: [String]) -> [[Int32]] {
        let (maps, slices) = accumulate(texts, keepingWords: true)
        rebuildIndex()
        let limit = Int32(clamping: numWords ?? Int.max)
        let drop: Int32 = 0
        let beyond = oovIndex ?? drop
        var sequences = [[Int32]](repeating: [], count: texts.count)
        sequences.withUnsafeMutableBufferPointer { out in
            Parallel.forRanges(slices.count) { range in
                for p in range {
                    // This slice's table id → token id (0: drop).
                    let token = maps[p].map { id in index[Int(id)] < limit ? index[Int(id)] : beyond }
                    let slice = slices[p]
                    var at = 0
                    for (k, i) in Parallel.piece(p, of: slices.count, count: texts.count).enumerated() {
                        let end = slice.ends[k]
                        var kept = 0
                        for j in at..<end where token[Int(slice.ids[j])] != drop { kept += 1 }
                        let from = at
                        out[i] = [Int32](unsafeUninitializedCapacity: kept) { buf, n in
                            for j in from..<end { let t = token[Int(slice.ids[j])]; if t != drop { buf[n] = t; n += 1 } }
                        }
                        at = end
                    }
                }
            }
        }
        return sequences
    }

    /// The words of one slice of texts as ids of the slice's own table: text k's are `ids[ends[k-1]..<ends[k]]`.
    private struct WordSlice {
        var ids: [Int32] = []
        var ends: [Int] = []
    }

    /// Adds the word counts of `texts`, on all threads; slices merge in order, so the result
    /// equals a sequential count. Returns, per slice, its table id → `counts` id, and with
    /// `keepingWords` each slice's words as ids of its table.
    @discardableResult
    private mutating func accumulate(_ texts: [String], keepingWords: Bool = false) -> (maps: [[Int32]], slices: [WordSlice]) {
        let split = splitter
        let pieces = max(1, min(Parallel.threads, texts.count / 2048))
        var tables = [WordTable](repeating: WordTable(), count: pieces)
        var slices = [WordSlice](repeating: WordSlice(), count: keepingWords ? pieces : 0)
        tables.withUnsafeMutableBufferPointer { out in
          slices.withUnsafeMutableBufferPointer { kept in
            Parallel.forRanges(pieces) { range in
                for p in range {
                    var table = WordTable()
                    let mine = Parallel.piece(p, of: pieces, count: texts.count)
                    if keepingWords {
                        var slice = WordSlice()
                        slice.ends.reserveCapacity(mine.count)
                        for i in mine {
                            split.forEachWord(in: texts[i]) { slice.ids.append(Int32(table.add($0))) }
                            slice.ends.append(slice.ids.count)
                        }
                        kept[p] = slice
                    } else {
                        for i in mine { split.forEachWord(in: texts[i]) { table.add($0) } }
                    }
                    out[p] = table
                }
            }
          }
        }
        documentCount += texts.count
        return (tables.map { counts.merge($0) }, slices)
    }

    /// Recomputes rank order and each word's index from the counts.
    private mutating func rebuildIndex() {
        let n = counts.count
        var order = Array(0..<n)
        let c = counts.counts
        order.sort { c[$0] != c[$1] ? c[$0] > c[$1] : $0 < $1 }
        ranked = order
        index = [Int32](repeating: 0, count: n)
        let offset = oovToken == nil ? 1 : 2
        for (rank, id) in order.enumerated() { index[id] = Int32(rank + offset) }
        oovIndex = nil
        if let oovToken {
            // Keras builds dict(zip([oov] + words, 1…)): a fitted word equal to the token overrides index 1.
            var t = oovToken
            oovIndex = t.withUTF8 { counts.find($0) }.map { index[$0] } ?? 1
        }
    }

    /// The number of distinct words fitted (Keras `len(word_index)`, without the OOV token).
    public var vocabularySize: Int { counts.count }

    /// The index of every word, 1 = most frequent (Keras `word_index`), including the OOV token.
    ///
    /// Swift `String` keys merge canonically equivalent spellings; lookups inside
    /// the tokenizer compare bytes, as Python does.
    public var wordIndex: [String: Int] {
        var d: [String: Int] = [:]
        if let oovToken { d[oovToken] = 1 }
        for id in 0..<counts.count { d[counts.string(id)] = Int(index[id]) }
        if let oovToken, let o = oovIndex { d[oovToken] = Int(o) }
        return d
    }

    /// The words in index order: element k is the word with index k + 1 (Keras `index_word`).
    public var wordsByIndex: [String] {
        (oovToken.map { [$0] } ?? []) + ranked.map { counts.string($0) }
    }

    /// The count of each fitted word in index order: element k belongs to `wordsByIndex` without the OOV token, index k + 1 (+ 1 with it).
    public var countsByIndex: [Int] { ranked.map { counts.counts[$0] } }

    /// The count of each fitted word (Keras `word_counts`), in first-appearance order.
    public var wordCounts: [(word: String, count: Int)] {
        (0..<counts.count).map { (counts.string($0), counts.counts[$0]) }
    }

    /// The token ids of one text (Keras `texts_to_sequences([text])[0]`), for `predict MODEL "raw text"`.
    public func sequence(for text: String) -> [Int32] {
        var out: [Int32] = []
        let limit = Int32(clamping: numWords ?? Int.max)
        splitter.forEachWord(in: text) { w in
            if let id = counts.find(w) {
                let i = index[id]
                if i < limit { out.append(i) } else if let o = oovIndex { out.append(o) }
            } else if let o = oovIndex {
                out.append(o)
            }
        }
        return out
    }

    /// The token ids of each text (Keras `texts_to_sequences`), computed on all threads.
    public func sequences(for texts: [String]) -> [[Int32]] {
        var out = [[Int32]](repeating: [], count: texts.count)
        out.withUnsafeMutableBufferPointer { buf in
            Parallel.forRanges(texts.count, grain: 1024) { range in
                for i in range { buf[i] = sequence(for: texts[i]) }
            }
        }
        return out
    }

    private enum CodingKeys: String, CodingKey {
        case numWords = "num_words", lower, filters, oovToken = "oov_token", documentCount = "document_count"
        case words, counts
    }

    /// Decodes a tokenizer written by `encode(to:)`.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        numWords = try c.decodeIfPresent(Int.self, forKey: .numWords)
        lower = try c.decode(Bool.self, forKey: .lower)
        filters = try c.decode(String.self, forKey: .filters)
        oovToken = try c.decodeIfPresent(String.self, forKey: .oovToken)
        splitter = WordSplitter(filters: filters, lower: lower)
        documentCount = try c.decode(Int.self, forKey: .documentCount)
        let words = try c.decode([String].self, forKey: .words)
        let wordCounts = try c.decode([Int].self, forKey: .counts)
        guard words.count == wordCounts.count else {
            throw DecodingError.dataCorruptedError(forKey: .counts, in: c, debugDescription: "words and counts differ in length")
        }
        for (w, n) in zip(words, wordCounts) { counts.add(w, by: n) }
        guard counts.count == words.count else {
            throw DecodingError.dataCorruptedError(forKey: .words, in: c, debugDescription: "repeated word")
        }
        rebuildIndex()
    }

    /// Encodes options and word counts (first-appearance order), like Keras's `to_json`.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeIfPresent(numWords, forKey: .numWords)
        try c.encode(lower, forKey: .lower)
        try c.encode(filters, forKey: .filters)
        try c.encodeIfPresent(oovToken, forKey: .oovToken)
        try c.encode(documentCount, forKey: .documentCount)
        try c.encode((0..<counts.count).map { counts.string($0) }, forKey: .words)
        try c.encode(counts.counts, forKey: .counts)
    }
}
