/// Ids for n-grams given as word ids: a term of one or two words packs into one integer key,
/// longer ones key by their id array. `TextVectorizer` counts n-grams this way without
/// building their text.
struct TermKeys {
    /// Each term's word ids, by term id.
    private(set) var keys: [[Int32]] = []
    private var short: [UInt64: Int] = [:]
    private var long: [[Int32]: Int] = [:]

    /// The key of a term of one or two words: the words' ids in the two halves (0xFFFFFFFF for none).
    static func pack(_ ids: ArraySlice<Int32>) -> UInt64? {
        switch ids.count {
        case 1: return 0xFFFF_FFFF_0000_0000 | UInt64(UInt32(bitPattern: ids.first!))
        case 2: return UInt64(UInt32(bitPattern: ids.first!)) << 32 | UInt64(UInt32(bitPattern: ids.last!))
        default: return nil
        }
    }

    /// The id of the term made of `ids`, a new one (the next integer) for a term not seen yet.
    mutating func id(_ ids: ArraySlice<Int32>) -> Int {
        if let key = Self.pack(ids) {
            if let known = short[key] { return known }
            short[key] = keys.count
        } else {
            let array = Array(ids)
            if let known = long[array] { return known }
            long[array] = keys.count
        }
        keys.append(Array(ids))
        return keys.count - 1
    }

    /// Calls `body` with every n-gram of `ids` for n in `lengths`, shortest n first, skipping
    /// n-grams that hold an unknown word (id −1).
    static func forEachNGram(_ ids: [Int32], _ lengths: ClosedRange<Int>, _ body: (ArraySlice<Int32>) -> Void) {
        for n in lengths where n <= ids.count {
            for start in 0...(ids.count - n) {
                let gram = ids[start..<(start + n)]
                if !gram.contains(-1) { body(gram) }
            }
        }
    }
}

/// A fitted vocabulary as lookups: word text → word id, word ids of a term → column.
struct TermIndex: Sendable {
    /// Every word that appears in a term, with its id.
    let words: [String: Int32]
    private let short: [UInt64: Int32]
    private let long: [[Int32]: Int32]

    /// The index of `vocabulary` (column order); nil when a term is not `lengths` words of
    /// non-empty, space-free text, or when two terms are the same.
    init?(_ vocabulary: [String], ngrams lengths: ClosedRange<Int>) {
        var words: [String: Int32] = [:]
        var short: [UInt64: Int32] = [:], long: [[Int32]: Int32] = [:]
        for (column, term) in vocabulary.enumerated() {
            let parts = term.split(separator: " ", omittingEmptySubsequences: false)
            guard lengths.contains(parts.count), parts.allSatisfy({ !$0.isEmpty }) else { return nil }
            let ids = parts.map { part -> Int32 in
                let word = String(part)
                if let id = words[word] { return id }
                let id = Int32(words.count)
                words[word] = id
                return id
            }
            if let key = TermKeys.pack(ids[...]) {
                guard short.updateValue(Int32(column), forKey: key) == nil else { return nil }
            } else {
                guard long.updateValue(Int32(column), forKey: ids) == nil else { return nil }
            }
        }
        self.words = words
        self.short = short
        self.long = long
    }

    /// The column of the term made of `ids`, or nil.
    func column(_ ids: ArraySlice<Int32>) -> Int32? {
        if let key = TermKeys.pack(ids) { return short[key] }
        return long[Array(ids)]
    }
}
