import NeuralNet

/// One line inside a `model` block, typed.
enum BlockLine: Equatable {
    /// A layer; `inputLength` is set when the line also fixes the sample length (`input_length=`).
    case layer(LayerSpec, inputLength: Int?)
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
    /// Keras's positional parameter names for each kind.
    static func positionalNames(_ kind: LayerKind) -> [String] {
        switch kind {
        case .input: ["length"]
        case .embedding: ["input_dim", "output_dim"]
        case .lstm, .cudnnlstm, .dense: kind == .dense ? ["units", "activation"] : ["units"]
        case .conv1d: ["filters", "kernel_size"]
        case .maxpool1d: ["pool_size", "strides"]
        case .dropout: ["rate"]
        case .globalmaxpool1d, .globalaveragepool1d, .flatten: []
        }
    }

    /// The keyword-only options of each kind.
    static func keywordNames(_ kind: LayerKind) -> [String] {
        switch kind {
        case .embedding: ["input_length"]
        case .lstm: ["return_sequences", "recurrent_activation"]
        case .cudnnlstm: ["return_sequences"]
        case .conv1d: ["strides", "padding", "activation"]
        case .input, .maxpool1d, .globalmaxpool1d, .globalaveragepool1d, .flatten, .dropout, .dense: []
        }
    }

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
        let syntax = try StatementSyntax(tokens: tokens)
        let args = try ArgumentBinder(syntax, statement: kind.rawValue, allowedOptions: keywordNames(kind),
                                      positionalNames: positionalNames(kind))
        try args.finish()
        return try line(kind, args)
    }

    private static func line(_ kind: LayerKind, _ args: ArgumentBinder) throws(Diagnostic) -> BlockLine {
        switch kind {
        case .input:
            return .input(try required(args.int("length", minimum: 1), "length", args))
        case .embedding:
            let spec = LayerSpec.embedding(inputDim: try required(args.int("input_dim", minimum: 1), "input_dim", args),
                                           outputDim: try required(args.int("output_dim", minimum: 1), "output_dim", args))
            return .layer(spec, inputLength: try args.int("input_length", minimum: 1))
        case .lstm:
            return .layer(.lstm(units: try required(args.int("units", minimum: 1), "units", args),
                                returnSequences: try args.bool("return_sequences") ?? false,
                                recurrentActivation: try args.choice("recurrent_activation", category: "recurrent activation") ?? .sigmoid),
                          inputLength: nil)
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
