import LabData

extension StatementParser {
    /// `load`, `describe`, `show`, `split`, `tokenize`, `vectorize`, `export`.
    static func parseData(_ verb: Verb, _ syntax: StatementSyntax, _ name: String) throws(Diagnostic) -> Command {
        switch verb {
        case .load: return try parseLoad(syntax, name)
        case .describe:
            var args = try ArgumentBinder(syntax, statement: name)
            let data = try args.takeDataset("a dataset name")
            try args.finish()
            return .describe(data)
        case .show:
            var args = try ArgumentBinder(syntax, statement: name, options: OptionTable.options(for: .show))
            let data = try args.takeDataset("a dataset name")
            try args.finish()
            return .show(data, rows: try args.int("n", minimum: 1) ?? DatasetPreview.defaultRows)
        case .split: return try parseSplit(syntax, name)
        case .tokenize:
            // `tokenize NAME like MODEL` takes the model's own options, so it allows none of its own.
            let isLike = if syntax.positionals.count >= 2, case .word(let word) = syntax.positionals[1].form {
                word.lowercased() == "like"
            } else { false }
            var args = try ArgumentBinder(syntax, statement: name, options: isLike ? [] : OptionTable.options(for: .tokenize))
            let dataset = try args.takeName("a dataset name")
            if args.optionalKeyword("like") {
                let model = try args.takeName("a model name")
                try args.finish()
                return .tokenizeLike(dataset: dataset, model: model)
            }
            try args.finish()
            let options = TokenizeOptions(
                words: try args.int("words", minimum: 1), maxLength: try args.int("maxlen", minimum: 1),
                padding: try args.choice("padding", category: "padding") ?? .kerasDefault,
                truncating: try args.choice("truncating", category: "truncating") ?? .kerasDefault,
                reservesOOV: try args.bool("oov") ?? false)
            return .tokenize(dataset: dataset, options: options)
        case .vectorize: return try parseVectorize(syntax, name)
        case .export:
            var args = try ArgumentBinder(syntax, statement: name, options: OptionTable.options(for: .export))
            let source = try args.takeDataset("a model or dataset name")
            try args.keyword("to")
            let path = try args.takeString("a file path in double quotes")
            try args.finish()
            let chunks = try args.int("chunks", minimum: 1)
            if source.split != nil { return .exportSplit(source, path: path, chunks: chunks) }
            return .export(name: source.name, path: path, chunks: chunks)
        default: preconditionFailure("not a data verb: \(verb)")
        }
    }

    private static func parseLoad(_ syntax: StatementSyntax, _ name: String) throws(Diagnostic) -> Command {
        let path = syntax.positionals.count >= 3 ? syntax.positionals[2] : nil
        let isModel = if case .string(let text)? = path?.form { text.lowercased().hasSuffix(".safetensors") } else { false }
        var args = try ArgumentBinder(syntax, statement: name, options: isModel ? [] : OptionTable.options(for: .load))
        if isModel {
            let model = try args.takeName("a model name")
            try args.keyword("from")
            let file = try args.takeString("a file path in double quotes")
            try args.finish()
            return .loadModel(name: model, path: file)
        }
        let target = try args.takeDataset("a dataset name")
        try args.keyword("from")
        let file = try args.takeString("a file path in double quotes")
        try args.finish()
        let options = LoadOptions(
            format: try args.choice("format", category: "format"),
            textColumn: try args.text("text"), labelColumn: try args.text("label"),
            positive: try args.texts("positive"), negative: try args.texts("negative"),
            header: try args.bool("header"), limit: try args.int("limit", minimum: 1),
            xMember: try args.text("x"), yMember: try args.text("y"), features: try args.int("features", minimum: 1),
            stream: try args.bool("stream") ?? false)
        return .load(target, path: file, options: options)
    }

    /// `vectorize NAME counts|tfidf [words=N] [ngrams=A,B] [min_df=X] [max_df=X] …`.
    private static func parseVectorize(_ syntax: StatementSyntax, _ name: String) throws(Diagnostic) -> Command {
        var args = try ArgumentBinder(syntax, statement: name, options: OptionTable.options(for: .vectorize))
        let dataset = try args.takeName("a dataset name")
        let kindValue = try args.take("counts or tfidf")
        let weighting: VectorizerOptions.Weighting = try ArgumentBinder.choice(kindValue, category: "weighting", subject: name)
        try args.finish()
        var options = VectorizerOptions(weighting: weighting, maxFeatures: try args.int("words", minimum: 1))
        if let ngrams = args.value(of: "ngrams") {
            let items = ArgumentBinder.items(ngrams)
            guard items.count == 2 else {
                throw Diagnostic(.invalidValue(got: ngrams.text, expected: "MIN,MAX such as 1,2", subject: "ngrams="), at: ngrams.location)
            }
            options.ngramMin = try ArgumentBinder.int(items[0], minimum: 1, subject: "ngrams=")
            options.ngramMax = try ArgumentBinder.int(items[1], minimum: options.ngramMin, subject: "ngrams=")
        }
        options.minDF = try documentBound(args, "min_df") ?? options.minDF
        options.maxDF = try documentBound(args, "max_df") ?? options.maxDF
        options.binary = try args.bool("binary") ?? false
        options.lowercase = try args.bool("lowercase") ?? true
        for key in ["sublinear_tf", "smooth_idf", "norm"] where weighting == .counts && args.has(key) {
            throw Diagnostic(.invalidValue(got: key + "=", expected: "an option of tfidf (counts are not weighted)", subject: name),
                             at: args.location(of: key))
        }
        options.sublinearTF = try args.bool("sublinear_tf") ?? false
        options.smoothIDF = try args.bool("smooth_idf") ?? true
        options.norm = try args.choice("norm", category: "norm") ?? .l2
        return .vectorize(dataset: dataset, options: options)
    }

    /// `min_df=2` (documents) or `min_df=0.01` (a proportion in [0, 1]), as scikit-learn tells an int from a float.
    private static func documentBound(_ args: ArgumentBinder, _ key: String) throws(Diagnostic) -> VectorizerOptions.DocumentBound? {
        guard let value = args.value(of: key) else { return nil }
        if value.text.contains(where: { $0 == "." || $0 == "e" || $0 == "E" }) {
            return .proportion(try ArgumentBinder.double(value, in: 0...1, excludingUpper: false,
                                                         expected: "a proportion in [0, 1] or a whole number of documents",
                                                         subject: key + "="))
        }
        return .documents(try ArgumentBinder.int(value, minimum: 0, subject: key + "="))
    }

    private static func parseSplit(_ syntax: StatementSyntax, _ name: String) throws(Diagnostic) -> Command {
        var args = try ArgumentBinder(syntax, statement: name, options: OptionTable.options(for: .split))
        let dataset = try args.takeName("a dataset name")
        try args.finish()
        guard args.has("train") || args.has("val") || args.has("test") else {
            throw Diagnostic(.missingArgument(expected: "fractions such as train=0.8 val=0.2", statement: name), at: args.end)
        }
        let expected = "a fraction between 0 and 1"
        let fractions = SplitFractions(
            train: try args.double("train", in: 0...1, expected: expected) ?? 0,
            val: try args.double("val", in: 0...1, expected: expected) ?? 0,
            test: try args.double("test", in: 0...1, expected: expected) ?? 0)
        let total = fractions.train + fractions.val + fractions.test
        guard total > 0, total <= 1 + 1e-9 else {
            throw Diagnostic(.splitFractionsOutOfRange(total: String((total * 1e6).rounded() / 1e6)), at: args.location(of: "train"))
        }
        return .split(dataset: dataset, fractions: fractions, shuffle: try args.bool("shuffle") ?? true)
    }
}
