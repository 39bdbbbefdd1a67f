import Foundation

/// A table of word vectors: trained by `word2vec` or read from a file.
///
/// Row k of `values` (width `dimension`) belongs to `words[k]`; words are
/// unique. Lookups compare Swift strings, so canonically equivalent spellings
/// meet (a file holding two such spellings is refused when read).
public struct WordVectors: Sendable {
    /// The words, one per row (a trained table lists them most frequent first).
    public let words: [String]
    /// D, the width of every vector.
    public let dimension: Int
    /// The vectors, row-major [words.count, dimension].
    public let values: [Float]
    /// Where the vectors came from (`word2vec on amazon.train dim=100 …` or a file path), kept in model files.
    public let source: String
    private let rowOf: [String: Int]

    /// A table of `words` and their vectors.
    /// - Throws: `DataError.invalidRequest` when a word repeats or `values` does not hold one row per word.
    public init(words: [String], dimension: Int, values: [Float], source: String) throws {
        guard values.count == words.count * dimension else {
            throw DataError.invalidRequest(reason: "\(words.count) words need \(words.count * dimension) values, got \(values.count)")
        }
        var rowOf: [String: Int] = [:]
        rowOf.reserveCapacity(words.count)
        for (k, w) in words.enumerated() where rowOf.updateValue(k, forKey: w) != nil {
            throw DataError.invalidRequest(reason: "the word '\(w)' appears twice")
        }
        self.words = words
        self.dimension = dimension
        self.values = values
        self.source = source
        self.rowOf = rowOf
    }

    /// The number of words.
    public var count: Int { words.count }

    /// The row of `word`, or nil when it has no vector.
    public func row(of word: String) -> Int? { rowOf[word] }

    /// The vector of `word`, or nil.
    public func vector(of word: String) -> ArraySlice<Float>? {
        guard let k = rowOf[word] else { return nil }
        return values[(k * dimension)..<((k + 1) * dimension)]
    }

    /// The `n` words nearest to `word` by cosine similarity (itself excluded), most similar first,
    /// ties in row order (gensim `most_similar`); nil when `word` has no vector.
    public func nearest(to word: String, count n: Int) -> [(word: String, similarity: Float)]? {
        guard let q = rowOf[word] else { return nil }
        let d = dimension
        let norms = rowNorms()
        var scored: [(row: Int, similarity: Float)] = []
        scored.reserveCapacity(count)
        values.withUnsafeBufferPointer { v in
            let query = v.baseAddress! + q * d
            for k in 0..<count where k != q {
                let row = v.baseAddress! + k * d
                var dot: Float = 0
                for i in 0..<d { dot += query[i] * row[i] }
                let denominator = norms[q] * norms[k]
                scored.append((k, denominator > 0 ? dot / denominator : 0))
            }
        }
        scored.sort { $0.similarity != $1.similarity ? $0.similarity > $1.similarity : $0.row < $1.row }
        return scored.prefix(n).map { (words[$0.row], $0.similarity) }
    }

    /// The L2 norm of every row.
    private func rowNorms() -> [Float] {
        (0..<count).map { k in
            var s: Float = 0
            for i in (k * dimension)..<((k + 1) * dimension) { s += values[i] * values[i] }
            return s.squareRoot()
        }
    }
}
