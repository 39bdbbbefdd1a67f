import LabData

extension StatementParser {
    /// `load`, `describe`, `show`, `split`, `tokenize`, `export`.
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
        case .export:
            var args = try ArgumentBinder(syntax, statement: name)
            let source = try args.takeDataset("a model or dataset name")
            try args.keyword("to")
            let path = try args.takeString("a file path in double quotes")
            try args.finish()
            if source.split != nil { return .exportSplit(source, path: path) }
            return .export(name: source.name, path: path)
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
            xMember: try args.text("x"), yMember: try args.text("y"), stream: try args.bool("stream") ?? false)
        return .load(target, path: file, options: options)
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
