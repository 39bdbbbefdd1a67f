import Foundation
import TensorCore

/// How raw text becomes model input: the fitted tokenizer plus `pad_sequences` settings.
///
/// A model trained on tokenized text carries one, so `predict MODEL "text"` and
/// a saved model file read raw text exactly as the training data was read.
public struct TextEncoding: Codable, Equatable, Sendable {
    /// The tokenizer fitted on the training split.
    public var tokenizer: Tokenizer
    /// The padded sequence length T.
    public var maxlen: Int
    /// Where short sequences get zeros.
    public var padding: SequenceEnd
    /// Which end long sequences lose.
    public var truncating: SequenceEnd

    public init(tokenizer: Tokenizer, maxlen: Int, padding: SequenceEnd = .kerasDefault, truncating: SequenceEnd = .kerasDefault) {
        self.tokenizer = tokenizer
        self.maxlen = maxlen
        self.padding = padding
        self.truncating = truncating
    }

    /// Token ids of `texts`, padded to [N, maxlen] (ids as Float).
    public func encode(_ texts: [String]) -> Tensor {
        PadSequences.pad(tokenizer.sequences(for: texts), maxlen: maxlen, padding: padding, truncating: truncating)
    }

    /// Whether two encodings give every text the same ids: the same words in index order,
    /// `num_words`, OOV token, lower-casing, filters, length, padding and truncating.
    public static func == (a: TextEncoding, b: TextEncoding) -> Bool {
        a.maxlen == b.maxlen && a.padding == b.padding && a.truncating == b.truncating
            && a.tokenizer.numWords == b.tokenizer.numWords && a.tokenizer.oovToken == b.tokenizer.oovToken
            && a.tokenizer.lower == b.tokenizer.lower && a.tokenizer.filters == b.tokenizer.filters
            && a.tokenizer.wordsByIndex == b.tokenizer.wordsByIndex
    }

    /// Eight hex digits naming the encoding in messages: 64-bit FNV-1a over everything `==`
    /// compares, folded to 32 bits. Equal encodings have equal fingerprints.
    public var fingerprint: String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        func mix(_ text: String) {
            for byte in text.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
            hash = (hash ^ 0xff) &* 0x100_0000_01b3  // a separator byte no UTF-8 text contains
        }
        mix(options)
        mix(tokenizer.lower ? "lower" : "cased")
        mix(tokenizer.filters)
        mix(tokenizer.oovToken ?? "")
        for word in tokenizer.wordsByIndex { mix(word) }
        return String(format: "%08x", UInt32(truncatingIfNeeded: hash ^ (hash >> 32)))
    }

    /// The options as `tokenize` takes them, defaults left out: `words=5000 maxlen=200 oov=true`.
    public var options: String {
        var parts = ["words=\(tokenizer.numWords.map(String.init) ?? "all")", "maxlen=\(maxlen)"]
        if padding != .kerasDefault { parts.append("padding=\(padding.rawValue)") }
        if truncating != .kerasDefault { parts.append("truncating=\(truncating.rawValue)") }
        if tokenizer.oovToken != nil { parts.append("oov=true") }
        return parts.joined(separator: " ")
    }
}
