import LabData
import NeuralNet
import TensorCore

/// Mini-batches read from a file on the fly, tokenized and padded per batch, in file order.
///
/// Memory stays at one batch of texts plus the fitted tokenizer, whatever the file's size.
/// There is no shuffling across the file: `beginEpoch(shuffle: true)` is refused, so a run
/// never silently differs from what was asked.
public final class StreamedBatches: BatchSource {
    /// The file.
    public let stream: StreamingText
    /// The tokenizer fitted on the stream (`StreamingText.fitTokenizer`) and the padding.
    public let encoding: TextEncoding
    /// How raw labels become targets.
    public let mapping: LabelMapping
    /// The samples one pass yields, N (from the fitting pass).
    public let count: Int
    /// The most rows held in memory at once during the last epoch (at most the batch size).
    public private(set) var peakRowsHeld = 0

    /// A source over `stream`, fitted and counted by `StreamingText.fitTokenizer`.
    public init(stream: StreamingText, encoding: TextEncoding, mapping: LabelMapping, rows: Int) {
        self.stream = stream
        self.encoding = encoding
        self.mapping = mapping
        self.count = rows
    }

    public var inputLength: Int { encoding.maxlen }
    public var holdsAllRows: Bool { false }
    /// A file is read in its order: it cannot shuffle.
    public var shufflesByDefault: Bool { false }

    /// Checks the extremes every batch can hold: the largest token id the tokenizer emits and the
    /// largest target of the mapping (the network's checks are per element, so this covers every batch).
    public func check(_ network: Sequential) throws {
        let tokenizer = encoding.tokenizer, maxlen = encoding.maxlen
        let oov = tokenizer.oovToken == nil ? 0 : 1
        let largestId = min((tokenizer.numWords ?? Int.max) - 1, tokenizer.vocabularySize + oov)
        let x = Tensor(shape: [1, maxlen])
        x.data[maxlen - 1] = Float(max(largestId, 0))
        let largestTarget = Float(max(mapping.outputs - 1, 0))
        let y = mapping.kind == .classes ? Tensor(shape: [1], values: [largestTarget]) : Tensor(shape: [1, 1], values: [largestTarget])
        try network.checkBatch(x: x, y: mapping.kind == .numeric ? Tensor(shape: [1, 1]) : y)
    }

    public func beginEpoch(shuffle: Bool, using rng: inout RandomGenerator) throws {
        if shuffle {
            throw TrainingError.invalidOption("\(stream.path) is streamed and trains in file order; give shuffle=false (or load it in memory to shuffle)")
        }
    }

    public func forEachBatch(batchSize: Int, _ body: (ModelInput, Tensor) throws -> Bool) throws {
        peakRowsHeld = try stream.batches(tokenizer: encoding.tokenizer, mapping: mapping, maxlen: encoding.maxlen,
                                          batchSize: batchSize, padding: encoding.padding,
                                          truncating: encoding.truncating) { x, y in try body(.dense(x), y) }
    }
}
