import LabData

extension StatementParser {
    /// `word2vec NAME on DATA[.split] …` and `similar NAME "word" [n=N]`.
    static func parseWordVectors(_ verb: Verb, _ syntax: StatementSyntax, _ name: String) throws(Diagnostic) -> Command {
        var args = try ArgumentBinder(syntax, statement: name, options: OptionTable.options(for: verb))
        switch verb {
        case .word2vec:
            let vectors = try args.takeName("a name for the word vectors")
            try args.keyword("on")
            let data = try args.takeDataset("a dataset or split such as reviews.train")
            try args.finish()
            var options = Word2VecOptions()
            options.dimension = try args.int("dim", minimum: 1) ?? options.dimension
            options.window = try args.int("window", minimum: 1) ?? options.window
            options.minCount = try args.int("min_count", minimum: 1) ?? options.minCount
            options.negative = try args.int("negative", minimum: 1) ?? options.negative
            options.epochs = try args.int("epochs", minimum: 1) ?? options.epochs
            if let sg = try args.double("sg", in: 0...1, expected: "0 (CBOW) or 1 (skip-gram)") {
                guard sg == 0 || sg == 1 else {
                    throw Diagnostic(.invalidValue(got: String(sg), expected: "0 (CBOW) or 1 (skip-gram)", subject: "'sg='"),
                                     at: args.location(of: "sg"))
                }
                options.skipGram = sg == 1
            }
            options.sample = try args.double("sample", in: 0...1, expected: "a threshold in [0, 1]") ?? options.sample
            options.alpha = try args.double("alpha", in: 0...10, expected: "a positive rate") ?? options.alpha
            options.minAlpha = try args.double("min_alpha", in: 0...10, expected: "a rate ≥ 0") ?? options.minAlpha
            guard options.alpha > 0 else {
                throw Diagnostic(.invalidValue(got: "0", expected: "a positive rate", subject: "'alpha='"), at: args.location(of: "alpha"))
            }
            return .word2vec(name: vectors, data: data, options: options)
        case .similar:
            let vectors = try args.takeName("a word-vectors name")
            let word = try args.takeString("a word in double quotes")
            try args.finish()
            return .similar(vectors: vectors, word: word, count: try args.int("n", minimum: 1) ?? 10)
        default: preconditionFailure("not a word-vector verb: \(verb)")
        }
    }
}
