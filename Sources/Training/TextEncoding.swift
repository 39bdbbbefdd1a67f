import LabData
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

    public init(tokenizer: Tokenizer, maxlen: Int, padding: SequenceEnd = .pre, truncating: SequenceEnd = .pre) {
        self.tokenizer = tokenizer
        self.maxlen = maxlen
        self.padding = padding
        self.truncating = truncating
    }

    /// Token ids of `texts`, padded to [N, maxlen] (ids as Float).
    public func encode(_ texts: [String]) -> Tensor {
        PadSequences.pad(tokenizer.sequences(for: texts), maxlen: maxlen, padding: padding, truncating: truncating)
    }

    public static func == (a: TextEncoding, b: TextEncoding) -> Bool {
        a.maxlen == b.maxlen && a.padding == b.padding && a.truncating == b.truncating
            && a.tokenizer.wordsByIndex == b.tokenizer.wordsByIndex && a.tokenizer.numWords == b.tokenizer.numWords
            && a.tokenizer.oovToken == b.tokenizer.oovToken
    }
}
