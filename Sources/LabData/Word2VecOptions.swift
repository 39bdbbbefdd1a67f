/// The settings of a `word2vec` run, named and defaulted as gensim's `Word2Vec`.
///
/// gensim 4 defaults: `vector_size=100`, `window=5`, `min_count=5`, `negative=5`,
/// `epochs=5`, `sg=0` (CBOW with the mean of the context, `cbow_mean=1`),
/// `sample=1e-3`, `alpha=0.025`, `min_alpha=0.0001`, `hs=0`.
public struct Word2VecOptions: Equatable, Sendable {
    /// The vector width (gensim `vector_size`).
    public var dimension = 100
    /// The largest distance between a word and a context word; each position draws a reduced window in 1…window.
    public var window = 5
    /// Words seen fewer times are left out of the vocabulary.
    public var minCount = 5
    /// Noise words drawn per positive pair (negative sampling).
    public var negative = 5
    /// Passes over the corpus.
    public var epochs = 5
    /// Skip-gram (true) or CBOW with the context mean (false).
    public var skipGram = false
    /// The frequent-word subsampling threshold; 0 keeps every word.
    public var sample = 1e-3
    /// The learning rate at the start; it falls linearly to `minAlpha` over all words of all epochs.
    public var alpha = 0.025
    /// The learning rate at the end.
    public var minAlpha = 0.0001

    public init() {}

    /// `dim=100 window=5 …`: the options as the statement writes them, for provenance.
    public var text: String {
        "dim=\(dimension) window=\(window) min_count=\(minCount) negative=\(negative) epochs=\(epochs) "
            + "sg=\(skipGram ? 1 : 0) sample=\(sample) alpha=\(alpha) min_alpha=\(minAlpha)"
    }
}
