/// The verbs that start a statement (case-insensitive), in the order `help` lists them.
public enum Verb: String, CaseIterable, Sendable {
    /// Session verbs.
    case seed, set, param, help, list, run, record, echo, quit
    /// Data verbs, and word vectors.
    case load, describe, show, split, tokenize, vectorize, export, word2vec, similar
    /// Model verbs.
    case model, compile, summary
    /// Training and result verbs.
    case train, evaluate, report, predict, history, plot, compare, save, expect
    /// Run-store verbs (`show run N`, `compare run N run M`, `plot run N,M`, `export run N` are forms of the verbs above).
    case runs, serve

    /// Other spellings of a verb: `exit` is `quit`.
    public static let aliases: [String: Verb] = ["exit": .quit]

    /// The verb a word names, ignoring case and accepting aliases.
    public init?(word: String) {
        let lowered = word.lowercased()
        guard let verb = Verb(rawValue: lowered) ?? Verb.aliases[lowered] else { return nil }
        self = verb
    }
}

/// The kinds of line inside a `model` block (case-insensitive), besides `end`.
public enum LayerKind: String, CaseIterable, Sendable {
    /// Sample length and layers with a sequence input.
    case input, embedding, lstm, gru, simplernn, bidirectional, cudnnlstm, conv1d, maxpool1d, globalmaxpool1d
    case globalaveragepool1d, spatialdropout1d
    /// Shape and dense layers.
    case flatten, dropout, dense

    /// Keras class-name spellings: `maxpooling1d`, `globalmaxpooling1d`, `globalaveragepooling1d`.
    public static let aliases: [String: LayerKind] = [
        "maxpooling1d": .maxpool1d, "globalmaxpooling1d": .globalmaxpool1d,
        "globalaveragepooling1d": .globalaveragepool1d,
    ]

    /// The layer kind a word names, ignoring case and accepting aliases.
    public init?(word: String) {
        let lowered = word.lowercased()
        guard let kind = LayerKind(rawValue: lowered) ?? LayerKind.aliases[lowered] else { return nil }
        self = kind
    }
}
