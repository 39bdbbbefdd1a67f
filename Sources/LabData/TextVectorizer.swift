import Foundation
import TensorCore

/// scikit-learn's `CountVectorizer` / `TfidfVectorizer`: a vocabulary (and idf) fitted on texts,
/// turning texts into sparse rows.
///
/// scikit-learn parity (1.9, checked to 1e-6 by `SKLearnVectorizerGoldenTests`):
/// - Tokens are the matches of `(?u)\b\w\w+\b` in the (lower-cased) text: maximal runs of two or
///   more word characters (letters, digits of any script, `_`; not combining marks, as Python's
///   `re`). N-grams join consecutive tokens with one space, shortest first.
/// - Fitting keeps terms whose document frequency lies in [min_df, max_df] (an int counts
///   documents, a float is a proportion), then with `max_features` the terms of largest total
///   count. Columns are the kept terms in code-point order.
/// - tf-idf: idf = ln((1 + n) / (1 + df)) + 1 (smooth) or ln(n / df) + 1; a row is tf (or
///   1 + ln tf) × idf, then scaled to unit l2 or l1 norm. Computed in Double, stored as Float.
///
/// One difference: when `max_features` cuts through terms of equal total count, lab keeps the
/// alphabetically first; scikit-learn ranks with numpy's unstable quicksort, whose order among
/// equals depends on the CPU's SIMD sort.
public struct TextVectorizer: Codable, Sendable {
    /// The parameters it was fitted with.
    public let options: VectorizerOptions
    /// The terms, one per column, in code-point order (scikit-learn's `get_feature_names_out()`).
    public let vocabulary: [String]
    /// The idf of each column (tf-idf only; empty for counts).
    public let idf: [Double]
    /// The number of documents fitted on.
    public let documentCount: Int
    private let index: TermIndex

    private enum CodingKeys: String, CodingKey { case options, vocabulary, idf, documentCount }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        options = try c.decode(VectorizerOptions.self, forKey: .options)
        vocabulary = try c.decode([String].self, forKey: .vocabulary)
        idf = try c.decode([Double].self, forKey: .idf)
        documentCount = try c.decode(Int.self, forKey: .documentCount)
        guard options.weighting == .counts ? idf.isEmpty : idf.count == vocabulary.count, !vocabulary.isEmpty,
              vocabulary.count < Int(Int32.max), options.ngramMin >= 1, options.ngramMin <= options.ngramMax,
              let index = TermIndex(vocabulary, ngrams: options.ngramMin...options.ngramMax) else {
            throw DecodingError.dataCorrupted(.init(codingPath: c.codingPath,
                                                    debugDescription: "vectorizer: \(vocabulary.count) terms, \(idf.count) idf values"))
        }
        self.index = index
    }

    /// The number of columns, D.
    public var columnCount: Int { vocabulary.count }

    /// Fits on `texts` (`fit`).
    /// - Throws: `DataError.invalidRequest` for bounds scikit-learn refuses, an empty vocabulary,
    ///   or no term left after pruning (scikit-learn's messages).
    public init(fitting texts: [String], options: VectorizerOptions) throws {
        try Self.validate(options, documents: texts.count)
        let docs = Self.tokens(of: texts, lowercase: options.lowercase)
        // Words get ids; a term is the ids of its n words, so n-grams are counted without building their text.
        var wordIds: [String: Int32] = [:], words: [String] = []
        var termIds = TermKeys()
        var df: [Int] = [], tf: [Int] = [], seen: [Int] = []
        var ids: [Int32] = []
        for (d, tokens) in docs.enumerated() {
            ids.removeAll(keepingCapacity: true)
            for token in tokens {
                if let id = wordIds[token] { ids.append(id) } else {
                    let id = Int32(words.count)
                    wordIds[token] = id
                    words.append(token)
                    ids.append(id)
                }
            }
            TermKeys.forEachNGram(ids, options.ngramMin...options.ngramMax) { key in
                let term = termIds.id(key)
                if term == df.count { df.append(0); tf.append(0); seen.append(-1) }
                if seen[term] != d { seen[term] = d; df[term] += 1; tf[term] += 1 } else if !options.binary { tf[term] += 1 }
            }
        }
        guard !df.isEmpty else {
            throw DataError.invalidRequest(reason: "empty vocabulary: the texts hold no token of two or more letters or digits")
        }
        let n = texts.count
        let high = options.maxDF.documents(of: n), low = options.minDF.documents(of: n)
        // Only terms within the document-frequency bounds need their text, their column order and ranks.
        var kept = (0..<df.count).filter { Double(df[$0]) <= high && Double(df[$0]) >= low }
        var text = [String](repeating: "", count: df.count)
        for term in kept { text[term] = termIds.keys[term].map { words[Int($0)] }.joined(separator: " ") }
        kept.sort { text[$0].utf8.lexicographicallyPrecedes(text[$1].utf8) }
        var rank = [Int](repeating: 0, count: df.count)
        for (r, term) in kept.enumerated() { rank[term] = r }
        if let limit = options.maxFeatures, kept.count > limit {
            kept = Array(kept.sorted { tf[$0] != tf[$1] ? tf[$0] > tf[$1] : rank[$0] < rank[$1] }.prefix(limit))
            kept.sort { rank[$0] < rank[$1] }
        }
        guard !kept.isEmpty else {
            throw DataError.invalidRequest(reason: "after pruning, no terms remain; try a lower min_df or a higher max_df")
        }
        vocabulary = kept.map { text[$0] }
        if options.weighting == .tfidf {
            let smooth = options.smoothIDF ? 1.0 : 0.0
            idf = kept.map { log((Double(n) + smooth) / (Double(df[$0]) + smooth)) + 1 }
        } else {
            idf = []
        }
        self.options = options
        documentCount = n
        guard let index = TermIndex(vocabulary, ngrams: options.ngramMin...options.ngramMax) else {
            preconditionFailure("fitted terms are distinct n-grams of words without spaces")
        }
        self.index = index
    }

    /// Refuses what scikit-learn's parameter validation refuses.
    private static func validate(_ o: VectorizerOptions, documents n: Int) throws {
        guard n > 0 else { throw DataError.invalidRequest(reason: "no texts to fit the vectorizer on") }
        guard o.ngramMin >= 1, o.ngramMin <= o.ngramMax else {
            throw DataError.invalidRequest(reason: "ngrams=\(o.ngramMin),\(o.ngramMax): need 1 ≤ smallest ≤ largest")
        }
        for (name, bound) in [("min_df", o.minDF), ("max_df", o.maxDF)] {
            switch bound {
            case .documents(let d) where d < 0:
                throw DataError.invalidRequest(reason: "\(name)=\(d): a number of documents must be at least 0")
            case .proportion(let p) where !(p >= 0 && p <= 1):
                throw DataError.invalidRequest(reason: "\(name)=\(p): a proportion must lie in [0, 1]")
            default: break
            }
        }
        if let m = o.maxFeatures, m < 1 { throw DataError.invalidRequest(reason: "words= must be at least 1 (got \(m))") }
        if o.maxDF.documents(of: n) < o.minDF.documents(of: n) {
            throw DataError.invalidRequest(reason: "max_df=\(o.maxDF) corresponds to fewer documents than min_df=\(o.minDF) (of \(n))")
        }
    }

    /// The rows of `texts` [N, D]: counts, or tf-idf values, columns ascending within a row.
    /// Terms outside the vocabulary are ignored. Rows are made in parallel, in fixed pieces.
    public func transform(_ texts: [String]) -> SparseRows {
        let pieces = Parallel.blockCount(texts.count, minimumSize: 256)
        var parts = [SparseRows](repeating: SparseRows(columnCount: columnCount), count: pieces)
        parts.withUnsafeMutableBufferPointer { out in
            let slots = out.baseAddress!
            Parallel.forPieces(pieces) { p in
                var rows = SparseRows(columnCount: columnCount)
                for i in Parallel.piece(p, of: pieces, count: texts.count) {
                    let (columns, values) = row(texts[i])
                    rows.append(columns: columns, values: values)
                }
                slots[p] = rows
            }
        }
        var all = parts[0]
        for part in parts.dropFirst() { all.append(rowsOf: part) }
        return all
    }

    /// One text's columns (ascending) and values.
    private func row(_ text: String) -> (columns: [Int32], values: [Float]) {
        let ids = Self.tokens(options.lowercase ? text.lowercased() : text).map { index.words[$0] ?? -1 }
        var columns: [Int32] = []
        TermKeys.forEachNGram(ids, options.ngramMin...options.ngramMax) { key in
            if let c = index.column(key) { columns.append(c) }
        }
        columns.sort()
        var pairs: [(Int32, Double)] = []
        var k = 0
        while k < columns.count {
            var end = k + 1
            while end < columns.count && columns[end] == columns[k] { end += 1 }
            pairs.append((columns[k], options.binary ? 1 : Double(end - k)))
            k = end
        }
        if options.weighting == .tfidf {
            for j in pairs.indices {
                let tf = options.sublinearTF ? 1 + log(pairs[j].1) : pairs[j].1
                pairs[j].1 = tf * idf[Int(pairs[j].0)]
            }
            let norm: Double = switch options.norm {
            case .l2: pairs.reduce(0) { $0 + $1.1 * $1.1 }.squareRoot()
            case .l1: pairs.reduce(0) { $0 + abs($1.1) }
            case .none: 1
            }
            if norm > 0 { for j in pairs.indices { pairs[j].1 /= norm } }
        }
        return (pairs.map(\.0), pairs.map { Float($0.1) })
    }

    /// Every document's tokens, on all threads in fixed pieces.
    private static func tokens(of texts: [String], lowercase: Bool) -> [[String]] {
        let pieces = Parallel.blockCount(texts.count, minimumSize: 256)
        var out = [[String]](repeating: [], count: texts.count)
        out.withUnsafeMutableBufferPointer { buffer in
            let slots = buffer.baseAddress!
            Parallel.forPieces(pieces) { p in
                for i in Parallel.piece(p, of: pieces, count: texts.count) {
                    slots[i] = tokens(lowercase ? texts[i].lowercased() : texts[i])
                }
            }
        }
        return out
    }

    /// The matches of `(?u)\b\w\w+\b`: maximal runs of at least two word characters.
    public static func tokens(_ text: String) -> [String] {
        var out: [String] = []
        let utf8 = text.utf8
        var i = utf8.startIndex
        var runStart = i, length = 0
        while i != utf8.endIndex {
            let byte = utf8[i]
            let isWord: Bool, next: String.Index
            if byte < 128 {
                isWord = (byte >= 48 && byte <= 57) || (byte >= 65 && byte <= 90) || (byte >= 97 && byte <= 122) || byte == 95
                next = utf8.index(after: i)
            } else {
                let scalar = text.unicodeScalars[i]
                isWord = isWordCharacter(scalar)
                next = text.unicodeScalars.index(after: i)
            }
            if isWord {
                if length == 0 { runStart = i }
                length += 1
            } else {
                if length >= 2 { out.append(String(text[runStart..<i])) }
                length = 0
            }
            i = next
        }
        if length >= 2 { out.append(String(text[runStart..<utf8.endIndex])) }
        return out
    }

    /// Python's `\w` in a `str` pattern: `str.isalnum()` (letters Lu Ll Lt Lm Lo, numbers Nd Nl No) or `_`.
    static func isWordCharacter(_ s: Unicode.Scalar) -> Bool {
        if s.value < 128 {
            let v = s.value
            return (v >= 48 && v <= 57) || (v >= 65 && v <= 90) || (v >= 97 && v <= 122) || v == 95
        }
        switch s.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
             .decimalNumber, .letterNumber, .otherNumber: return true
        default: return false
        }
    }

    /// Eight hex digits naming the fitted vectorizer in messages (FNV-1a over options, terms and idf).
    public var fingerprint: String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        func mix(_ text: String) {
            for byte in text.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
            hash = (hash ^ 0xff) &* 0x100_0000_01b3
        }
        mix(options.text)
        for term in vocabulary { mix(term) }
        for v in idf { mix(String(v.bitPattern)) }
        return String(format: "%08x", UInt32(truncatingIfNeeded: hash ^ (hash >> 32)))
    }
}

extension TextVectorizer: Equatable {
    public static func == (a: TextVectorizer, b: TextVectorizer) -> Bool {
        a.options == b.options && a.vocabulary == b.vocabulary && a.idf == b.idf && a.documentCount == b.documentCount
    }
}
