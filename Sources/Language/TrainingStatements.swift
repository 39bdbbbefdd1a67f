import Training

extension StatementParser {
    /// `train`, `evaluate`, `report`, `predict`, `history`, `plot`, `compare`, `save`, `expect`.
    static func parseTraining(_ verb: Verb, _ syntax: StatementSyntax, _ name: String) throws(Diagnostic) -> Command {
        switch verb {
        case .train: return try parseTrain(syntax, name)
        case .evaluate, .report:
            var args = try ArgumentBinder(syntax, statement: name, options: OptionTable.options(for: verb))
            let model = try args.takeName("a model name")
            try args.keyword("on")
            let data = try args.takeDataset("a dataset split such as reviews.test")
            try args.finish()
            let batchSize = try args.int("batch", minimum: 1) ?? FitOptions.defaultBatchSize
            return verb == .evaluate ? .evaluate(model: model, data: data, batchSize: batchSize)
                                     : .report(model: model, data: data, batchSize: batchSize)
        case .predict: return try parsePredict(syntax, name)
        case .history, .save:
            var args = try ArgumentBinder(syntax, statement: name)
            let model = try args.takeName("a model name")
            if verb == .history {
                try args.finish()
                return .history(model: model)
            }
            try args.keyword("to")
            let path = try args.takeString("a file path in double quotes")
            try args.finish()
            return .save(model: model, path: path)
        case .plot: return try parsePlot(syntax, name)
        case .compare:
            var args = try ArgumentBinder(syntax, statement: name)
            var models = try names(try args.take("a model name"), expected: "a model name", statement: name)
            while let value = args.peekPositional {
                _ = try args.take("a model name")
                models += try names(value, expected: "a model name", statement: name)
            }
            return .compare(models: models)
        case .expect: return try parseExpect(syntax, name)
        default: preconditionFailure("not a training verb: \(verb)")
        }
    }

    private static func names(_ value: SyntaxValue, expected: String, statement: String) throws(Diagnostic) -> [String] {
        var result: [String] = []
        for item in ArgumentBinder.items(value) {
            guard case .word(let word) = item.form else {
                throw Diagnostic(.invalidValue(got: item.text, expected: expected, subject: "'\(statement)'"), at: item.location)
            }
            result.append(word)
        }
        return result
    }

    private static func parsePredict(_ syntax: StatementSyntax, _ name: String) throws(Diagnostic) -> Command {
        var args = try ArgumentBinder(syntax, statement: name, options: OptionTable.options(for: .predict))
        let model = try args.takeName("a model name")
        if args.optionalKeyword("on") {
            let data = try args.takeDataset("a dataset split such as reviews.test")
            var path: String?
            if args.optionalKeyword("to") { path = try args.takeString("a file path in double quotes") }
            try args.finish()
            let top = try args.int("top", minimum: 1)
            if path == nil, top == nil {
                throw Diagnostic(.missingArgument(expected: "'to \"FILE.csv\"' or top=N", statement: name), at: args.end)
            }
            return .predictData(model: model, data: data, path: path, top: top, batchSize: try args.int("batch", minimum: 1) ?? FitOptions.defaultBatchSize)
        }
        let text = try args.takeString("a text in double quotes, or 'on' and a dataset split")
        try args.finish()
        for key in ["batch", "top"] where args.has(key) {
            throw Diagnostic(.inapplicableOption(key, requirement: "'predict NAME on DATA.split'"), at: args.location(of: key))
        }
        return .predictText(model: model, text: text)
    }

    private static func parsePlot(_ syntax: StatementSyntax, _ name: String) throws(Diagnostic) -> Command {
        var args = try ArgumentBinder(syntax, statement: name)
        let first = try args.take("a model name")
        let models = try names(first, expected: "a model name", statement: name)
        if let value = args.peekPositional, value.text.lowercased() == "roc" {
            _ = try args.take("roc")
            guard models.count == 1 else {
                throw Diagnostic(.invalidValue(got: models.joined(separator: ","), expected: "one model name", subject: "'plot … roc'"),
                                 at: first.location)
            }
            try args.keyword("on")
            let data = try args.takeDataset("a dataset split such as reviews.test")
            var path: String?
            if args.optionalKeyword("to") { path = try args.takeString("a file path in double quotes") }
            try args.finish()
            return .plotROC(model: models[0], data: data, path: path)
        }
        let (series, path) = try plotSeries(&args)
        return .plot(models: models, series: series, path: path)
    }

    /// The end of a history plot, `plot MODEL…` or `plot run N…`: `[COLUMN,…] [to "FILE.svg"]`,
    /// loss and val_loss when no column is named.
    static func plotSeries(_ args: inout ArgumentBinder) throws(Diagnostic) -> (series: [HistoryKey], path: String?) {
        var series = [HistoryKey(.loss), HistoryKey(.loss, isValidation: true)]
        if let value = args.peekPositional, value.text.lowercased() != "to" {
            _ = try args.take("history columns such as loss,val_loss")
            series = try historyKeys(value)
        }
        var path: String?
        if args.optionalKeyword("to") { path = try args.takeString("a file path in double quotes") }
        try args.finish()
        return (series, path)
    }

    static func historyKeys(_ value: SyntaxValue) throws(Diagnostic) -> [HistoryKey] {
        var keys: [HistoryKey] = []
        for item in ArgumentBinder.items(value) { keys.append(try historyKey(item)) }
        return keys
    }

    private static func historyKey(_ item: SyntaxValue) throws(Diagnostic) -> HistoryKey {
        guard case .word(let word) = item.form else {
            throw Diagnostic(.invalidValue(got: item.text, expected: "a history column such as val_loss", subject: "the metric"),
                             at: item.location)
        }
        guard let key = HistoryKey(name: word) else {
            throw Diagnostic(.unknownValue(word, category: "metric", suggestion: Suggest.closest(to: word, in: HistoryKey.allNames)),
                             at: item.location)
        }
        return key
    }

    private static func parseExpect(_ syntax: StatementSyntax, _ name: String) throws(Diagnostic) -> Command {
        var args = try ArgumentBinder(syntax, statement: name)
        let model = try args.takeName("a model name")
        var qualifier = Expectation.Qualifier.last
        if let value = args.peekPositional, case .word(let word) = value.form,
           let given = Expectation.Qualifier(rawValue: word.lowercased()) {
            _ = try args.take("last, best or test")
            qualifier = given
        }
        let keyValue = try args.take("a metric such as val_accuracy")
        let key = try historyKey(keyValue)
        if qualifier == .test, key.quantity == .learningRate {
            throw Diagnostic(.invalidValue(got: keyValue.text, expected: "a loss or metric", subject: "'expect … test'"),
                             at: keyValue.location)
        }
        if qualifier == .test, key.isValidation {
            throw Diagnostic(.invalidValue(got: keyValue.text, expected: "a metric without 'val_'", subject: "'expect … test'"),
                             at: keyValue.location)
        }
        let operatorValue = try args.take("a comparison (>=, <=, >, <, ==)")
        guard case .comparison(let comparison) = operatorValue.form else {
            throw Diagnostic(.invalidValue(got: operatorValue.text, expected: "a comparison (>=, <=, >, <, ==)",
                                           subject: "'expect'"), at: operatorValue.location)
        }
        let bound = try ArgumentBinder.double(try args.take("a number"), in: nil, excludingUpper: false,
                                              expected: "a number", subject: "'expect'")
        try args.finish()
        return .expect(Expectation(model: model, qualifier: qualifier, key: key, comparison: comparison, bound: bound))
    }
}
