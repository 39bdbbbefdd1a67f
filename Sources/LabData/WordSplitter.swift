/// Keras's `text_to_word_sequence` on UTF-8 bytes: lower-case, replace every
/// filter character with a space, split on the space character, drop empties.
///
/// Keras parity (keras_preprocessing 1.1.2): `text.lower()` is Python's full
/// Unicode lower-casing, including the final-sigma rule (`ΟΔΟΣ` → `οδος`);
/// only the space character separates words, so NEL (U+0085), no-break spaces
/// and `\r` stay inside words; apostrophes are not filtered.
/// ASCII filters (the default) take a byte-table fast path that lower-cases
/// only words holding non-ASCII bytes through Unicode; non-ASCII filters fall
/// back to a scalar-by-scalar path with the same results.
struct WordSplitter: Sendable {
    /// The characters replaced by spaces.
    let filters: String
    /// Whether to lower-case.
    let lower: Bool
    private let separator: [Bool]
    private let asciiFilters: Bool
    private let filterScalars: Set<Unicode.Scalar>

    init(filters: String, lower: Bool) {
        self.filters = filters
        self.lower = lower
        var table = [Bool](repeating: false, count: 256)
        table[32] = true
        for s in filters.unicodeScalars where s.isASCII { table[Int(s.value)] = true }
        separator = table
        asciiFilters = filters.unicodeScalars.allSatisfy(\.isASCII)
        filterScalars = Set(filters.unicodeScalars).union([" "])
    }

    /// Calls `body` with each word of `text`, lower-cased when `lower` (bytes valid during the call only).
    func forEachWord(in text: String, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        var text = text
        if !asciiFilters || (lower && text.withUTF8(Self.holdsCapitalSigma)) {
            scalarPath(lower ? PythonLowercase.lower(text) : text, body)
            return
        }
        text.withUTF8 { bytes in
          withUnsafeTemporaryAllocation(of: UInt8.self, capacity: bytes.count) { scratch in
            separator.withUnsafeBufferPointer { sep in
                var i = 0
                let n = bytes.count
                while i < n {
                    while i < n && sep[Int(bytes[i])] { i += 1 }
                    if i == n { break }
                    let start = i
                    var high: UInt8 = 0
                    while i < n && !sep[Int(bytes[i])] { high |= bytes[i]; i += 1 }
                    let word = UnsafeBufferPointer(rebasing: bytes[start..<i])
                    if !lower {
                        body(word)
                    } else if high < 0x80 {
                        for k in start..<i { let b = bytes[k]; scratch[k] = b &+ ((b &- 65) < 26 ? 32 : 0) }
                        body(UnsafeBufferPointer(rebasing: scratch[start..<i]))
                    } else {
                        var lowered = PythonLowercase.lower(String(decoding: word, as: UTF8.self))
                        lowered.withUTF8(body)
                    }
                }
            }
          }
        }
    }

    /// Whether UTF-8 `bytes` hold Σ (U+03A3, bytes CE A3), whose lower case depends on its
    /// neighbours. A byte scan: decoding every text's scalars for this cost 7% of `load` +
    /// `tokenize` on SST-2 ×8.
    static func holdsCapitalSigma(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var k = 0
        while k + 1 < bytes.count {
            if bytes[k] == 0xCE && bytes[k + 1] == 0xA3 { return true }
            k += 1
        }
        return false
    }

    /// The general path: `text` already lower-cased, split on filter scalars and spaces.
    private func scalarPath(_ text: String, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        var word = ""
        for s in text.unicodeScalars {
            if filterScalars.contains(s) {
                if !word.isEmpty { word.withUTF8(body); word = "" }
            } else {
                word.unicodeScalars.append(s)
            }
        }
        if !word.isEmpty { word.withUTF8(body) }
    }

    /// The words of `text` as Strings (for tests and length statistics).
    func words(_ text: String) -> [String] {
        var out: [String] = []
        forEachWord(in: text) { out.append(String(decoding: $0, as: UTF8.self)) }
        return out
    }

    /// The number of words in `text`.
    func wordCount(_ text: String) -> Int {
        var n = 0
        forEachWord(in: text) { _ in n += 1 }
        return n
    }
}

/// Python 3's `str.lower()`: each scalar's full Unicode lower-case mapping, with
/// capital sigma becoming final sigma (ς) when a cased letter precedes it and
/// none follows (skipping case-ignorable characters), as CPython does.
enum PythonLowercase {
    static func lower(_ s: String) -> String {
        let scalars = Array(s.unicodeScalars)
        var out = String.UnicodeScalarView()
        for (i, c) in scalars.enumerated() {
            if c == "\u{03A3}" && isFinalSigma(scalars, i) {
                out.append("\u{03C2}")
            } else {
                out.append(contentsOf: c.properties.lowercaseMapping.unicodeScalars)
            }
        }
        return String(out)
    }

    private static func isFinalSigma(_ s: [Unicode.Scalar], _ i: Int) -> Bool {
        var j = i - 1
        while j >= 0 && s[j].properties.isCaseIgnorable { j -= 1 }
        guard j >= 0 && s[j].properties.isCased else { return false }
        j = i + 1
        while j < s.count && s[j].properties.isCaseIgnorable { j += 1 }
        return j == s.count || !s[j].properties.isCased
    }
}
