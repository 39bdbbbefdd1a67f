import NeuralNet

/// One line inside a `model` block, typed.
enum BlockLine: Equatable {
    /// A layer; `inputLength` is set when the line also fixes the sample length (`input_length=`);
    /// `setup` when an embedding line gives `weights=` or `trainable=` (its `layer` is filled in by the block).
    case layer(LayerSpec, inputLength: Int?, setup: EmbeddingSetup? = nil)
    /// `input N`: the sample length.
    case input(Int)
    /// `end`: closes the block.
    case end
}

/// Turns a line inside a `model` block into a `BlockLine` (the layer half of the parser pass).
///
/// Positional arguments follow Keras's order for the layer and may also be
/// given as `key=value` with Keras's keyword names; defaults are Keras's.
enum LayerParser {
    /// The kinds `bidirectional` wraps; the wrapped kind is the word after `bidirectional`.
    static let wrappableKinds: [LayerKind] = [.lstm, .gru, .simplernn]

    /// Parses one non-empty line of tokens inside a block.
    /// - Throws: the first `Diagnostic` of the line (unknown kind, key or value, or a value out of range).
    static func parse(_ tokens: [Token]) throws(Diagnostic) -> BlockLine {
        let head = tokens[0]
        guard case .word(let word) = head.kind else {
            throw Diagnostic(.invalidValue(got: head.text, expected: "a layer", subject: "a line of a model block"),
                             at: head.location)
        }
        if word.lowercased() == "end" {
            guard tokens.count == 1 else { throw Diagnostic(.unexpectedArgument(tokens[1].text, statement: "end"), at: tokens[1].location) }
            return .end
        }
        if word.lowercased() == "model" {
            throw Diagnostic(.unknownLayer(word, suggestion: nil), at: head.location)
        }
        guard let kind = LayerKind(word: word) else {
            let names = LayerKind.allCases.map(\.rawValue) + LayerKind.aliases.keys.sorted()
            throw Diagnostic(.unknownLayer(word, suggestion: Suggest.closest(to: word, in: names)), at: head.location)
        }
        if kind == .bidirectional { return try bidirectional(tokens) }
        let syntax = try StatementSyntax(tokens: tokens)
        let args = try ArgumentBinder(syntax, statement: kind.rawValue, options: OptionTable.keywords(for: kind),
                                      positionals: OptionTable.positionals(for: kind))
        try args.finish()
        return try line(kind, args)
    }

    /// `bidirectional KIND …`: the rest of the line is the wrapped layer, which also takes `merge_mode=`.
    private static func bidirectional(_ tokens: [Token]) throws(Diagnostic) -> BlockLine {
        let expected = "lstm, gru or simplernn"
        guard tokens.count > 1 else {
            throw Diagnostic(.missingArgument(expected: expected, statement: "bidirectional"), at: tokens[0].endLocation)
        }
        guard case .word(let word) = tokens[1].kind, let kind = LayerKind(word: word), wrappableKinds.contains(kind) else {
            throw Diagnostic(.invalidValue(got: tokens[1].text, expected: expected, subject: "'bidirectional'"), at: tokens[1].location)
        }
        let syntax = try StatementSyntax(tokens: Array(tokens[1...]))
        let args = try ArgumentBinder(syntax, statement: kind.rawValue, options: OptionTable.keywords(for: kind) + OptionTable.keywords(for: .bidirectional),
                                      positionals: OptionTable.positionals(for: kind))
        try args.finish()
        guard case let .layer(inner, _, _) = try line(kind, args) else { preconditionFailure("a wrappable kind is a layer") }
        let mergeMode = try args.choice("merge_mode", category: "merge mode") ?? MergeMode.kerasDefault
        return .layer(.bidirectional(inner, mergeMode: mergeMode), inputLength: nil)
    }

    /// Keras's `dropout=` and `recurrent_dropout=` of a recurrent layer; nil when neither drops anything.
    private static func recurrentDropout(_ args: ArgumentBinder) throws(Diagnostic) -> RecurrentDropout? {
        let input = try args.double("dropout", in: 0...1, excludingUpper: true, expected: "a rate in [0, 1)") ?? 0
        let recurrent = try args.double("recurrent_dropout", in: 0...1, excludingUpper: true, expected: "a rate in [0, 1)") ?? 0
        return input == 0 && recurrent == 0 ? nil : RecurrentDropout(input: Float(input), recurrent: Float(recurrent))
    }

    private static func line(_ kind: LayerKind, _ args: ArgumentBinder) throws(Diagnostic) -> BlockLine {
        switch kind {
        case .input:
            return .input(try required(args.int("length", minimum: 1), "length", args))
        case .embedding:
            let spec = LayerSpec.embedding(inputDim: try required(args.int("input_dim", minimum: 1), "input_dim", args),
                                           outputDim: try required(args.int("output_dim", minimum: 1), "output_dim", args))
            let vectors = try args.text("weights"), trainable = try args.bool("trainable")
            let setup = vectors != nil || trainable == false ? EmbeddingSetup(layer: 0, vectors: vectors, trainable: trainable ?? true) : nil
            return .layer(spec, inputLength: try args.int("input_length", minimum: 1), setup: setup)
        case .lstm:
            return .layer(.lstm(units: try required(args.int("units", minimum: 1), "units", args),
                                returnSequences: try args.bool("return_sequences") ?? false,
                                recurrentActivation: try args.choice("recurrent_activation", category: "recurrent activation") ?? .sigmoid,
                                dropout: try recurrentDropout(args)),
                          inputLength: nil)
        case .gru:
            return .layer(.gru(units: try required(args.int("units", minimum: 1), "units", args),
                               returnSequences: try args.bool("return_sequences") ?? false,
                               recurrentActivation: try args.choice("recurrent_activation", category: "recurrent activation") ?? .sigmoid,
                               resetAfter: try args.bool("reset_after") ?? true, dropout: try recurrentDropout(args)),
                          inputLength: nil)
        case .simplernn:
            return .layer(.simpleRNN(units: try required(args.int("units", minimum: 1), "units", args),
                                     returnSequences: try args.bool("return_sequences") ?? false, dropout: try recurrentDropout(args)),
                          inputLength: nil)
        case .bidirectional:
            preconditionFailure("bidirectional lines are parsed by bidirectional(_:)")
        case .cudnnlstm:
            return .layer(.cudnnLSTM(units: try required(args.int("units", minimum: 1), "units", args),
                                     returnSequences: try args.bool("return_sequences") ?? false), inputLength: nil)
        case .conv1d:
            return .layer(.conv1D(filters: try required(args.int("filters", minimum: 1), "filters", args),
                                  kernelSize: try required(args.int("kernel_size", minimum: 1), "kernel_size", args),
                                  strides: try args.int("strides", minimum: 1) ?? 1,
                                  padding: try args.choice("padding", category: "padding") ?? .valid,
                                  activation: try args.choice("activation", category: "activation") ?? .linear),
                          inputLength: nil)
        case .maxpool1d:
            return .layer(.maxPooling1D(poolSize: try args.int("pool_size", minimum: 1) ?? 2,
                                        strides: try args.int("strides", minimum: 1)), inputLength: nil)
        case .globalmaxpool1d: return .layer(.globalMaxPooling1D, inputLength: nil)
        case .globalaveragepool1d: return .layer(.globalAveragePooling1D, inputLength: nil)
        case .flatten: return .layer(.flatten, inputLength: nil)
        case .dropout:
            let rate = try args.double("rate", in: 0...1, excludingUpper: true, expected: "a rate in [0, 1)")
            return .layer(.dropout(rate: Float(try required(rate, "rate", args))), inputLength: nil)
        case .spatialdropout1d:
            let rate = try args.double("rate", in: 0...1, excludingUpper: true, expected: "a rate in [0, 1)")
            return .layer(.spatialDropout1D(rate: Float(try required(rate, "rate", args))), inputLength: nil)
        case .dense:
            return .layer(.dense(units: try required(args.int("units", minimum: 1), "units", args),
                                 activation: try args.choice("activation", category: "activation") ?? .linear),
                          inputLength: nil)
        }
    }

    private static func required<Value>(_ value: Value?, _ key: String, _ args: ArgumentBinder) throws(Diagnostic) -> Value {
        guard let value else { throw Diagnostic(.missingArgument(expected: key, statement: args.statement), at: args.end) }
        return value
    }
}
