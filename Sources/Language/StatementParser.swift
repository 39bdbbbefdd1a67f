/// What one statement line means before block handling: a command, or the start of a model block.
enum Statement: Equatable {
    case command(Command)
    /// `model NAME`: the layer lines follow until `end`.
    case modelHeader(String)
    /// `end`, which only a block can take.
    case end
}

/// Turns the tokens of one statement line into a typed `Statement` (the parser pass).
///
/// Verbs are case-insensitive; each verb's arguments are read by an
/// `ArgumentBinder`, so every unknown word, key or value is a diagnostic.
enum StatementParser {
    /// Parses one non-empty line of tokens.
    /// - Throws: the first `Diagnostic` of the line.
    static func parse(_ tokens: [Token]) throws(Diagnostic) -> Statement {
        let head = tokens[0]
        guard case .word(let word) = head.kind else {
            throw Diagnostic(.invalidValue(got: head.text, expected: "a command", subject: "the start of a statement"),
                             at: head.location)
        }
        if word.lowercased() == "end" { return .end }
        guard let verb = Verb(word: word) else {
            if LayerKind(word: word) != nil {
                throw Diagnostic(.layerOutsideModel(word), at: head.location)
            }
            let suggestion = Suggest.closest(to: word, in: Verb.allCases.map(\.rawValue))
            throw Diagnostic(.unknownCommand(word, suggestion: suggestion), at: head.location)
        }
        // `param` takes names of the script's own, so it is read token by token, not bound to a table.
        if verb == .param { return .command(.param(try parseParam(tokens))) }
        let syntax = try StatementSyntax(tokens: tokens)
        let name = verb.rawValue
        if [.show, .compare, .plot, .export].contains(verb), namesRun(syntax) {
            return .command(try parseRunForm(verb, syntax, name))
        }
        switch verb {
        case .param:
            preconditionFailure("param is read above")
        case .seed, .set, .help, .list, .run, .record, .echo, .quit:
            return .command(try parseSession(verb, syntax, name))
        case .load, .describe, .show, .split, .tokenize, .vectorize, .export:
            return .command(try parseData(verb, syntax, name))
        case .word2vec, .similar:
            return .command(try parseWordVectors(verb, syntax, name))
        case .model:
            var args = try ArgumentBinder(syntax, statement: name)
            let model = try args.takeName("a model name")
            try args.finish()
            return .modelHeader(model)
        case .compile, .summary:
            return .command(try parseModel(verb, syntax, name))
        case .train, .evaluate, .report, .predict, .history, .plot, .compare, .save, .expect:
            return .command(try parseTraining(verb, syntax, name))
        case .runs:
            return .command(try parseRuns(syntax, name))
        case .serve:
            return .command(try parseServe(syntax, name))
        }
    }

    private static func parseSession(_ verb: Verb, _ syntax: StatementSyntax, _ name: String) throws(Diagnostic) -> Command {
        var args = try ArgumentBinder(syntax, statement: name, options: OptionTable.options(for: verb))
        let command: Command
        switch verb {
        case .seed:
            let value = try args.take("a seed (a whole number ≥ 0)")
            command = .seed(UInt64(try ArgumentBinder.int(value, minimum: 0, subject: "'seed'")))
        case .set:
            var settings: [Setting] = []
            if let threads = try args.int("threads", minimum: 1) { settings.append(.threads(threads)) }
            if let store = try storeSetting(args) { settings.append(.store(store)) }
            guard !settings.isEmpty else {
                throw Diagnostic(.missingArgument(expected: "a setting such as threads=2", statement: name), at: args.end)
            }
            command = .set(settings)
        case .help:
            command = .help(try helpTopic(&args))
        case .list: command = .list
        case .run: command = .run(path: try args.takeString("a script path in double quotes"))
        case .record:
            command = .record(path: args.optionalKeyword("off") ? nil : try args.takeString("a script path in double quotes or 'off'"))
        case .echo: command = .echo(try args.takeString("a double-quoted string"))
        case .quit: command = .quit
        default: preconditionFailure("not a session verb: \(verb)")
        }
        try args.finish()
        return command
    }

    /// `param NAME=VALUE …`: any names (they are the script's own), each with one number, word or
    /// string as its default. The values in force are filled in by the reader, which knows the overrides.
    private static func parseParam(_ tokens: [Token]) throws(Diagnostic) -> [ScriptParameters.Value] {
        var values: [ScriptParameters.Value] = []
        var index = 1
        while index < tokens.count {
            guard case .word(let name) = tokens[index].kind else {
                throw Diagnostic(.invalidValue(got: tokens[index].text, expected: "NAME=VALUE", subject: "'param'"),
                                 at: tokens[index].location)
            }
            guard index + 1 < tokens.count, tokens[index + 1].kind == .equals else {
                throw Diagnostic(.missingValue(expected: "'=' and a default value", after: name), at: tokens[index].endLocation)
            }
            guard index + 2 < tokens.count else {
                throw Diagnostic(.missingValue(expected: "a default value", after: name + "="), at: tokens[index + 1].endLocation)
            }
            let value = tokens[index + 2]
            switch value.kind {
            case .number, .word, .string: break
            default: throw Diagnostic(.invalidValue(got: value.text, expected: "a number, word or string", subject: "'\(name)='"),
                                      at: value.location)
            }
            if index + 3 < tokens.count {
                // The next pair must start right away: `param a=1, b=2` or `a=1 2` are mistakes.
                let next = tokens[index + 3]
                guard case .word = next.kind else { throw Diagnostic(.unexpectedToken(next.text), at: next.location) }
            }
            values.append(ScriptParameters.Value(name: name, token: value.kind, text: value.text, isGiven: false))
            index += 3
        }
        guard !values.isEmpty else {
            throw Diagnostic(.missingArgument(expected: "NAME=VALUE", statement: "param"), at: tokens[0].endLocation)
        }
        return values
    }

    private static func helpTopic(_ args: inout ArgumentBinder) throws(Diagnostic) -> Verb? {
        guard let value = args.peekPositional else { return nil }
        _ = try args.take("a command")
        guard case .word(let word) = value.form else {
            throw Diagnostic(.invalidValue(got: value.text, expected: "a command", subject: "'help'"), at: value.location)
        }
        if let verb = Verb(word: word) { return verb }
        if LayerKind(word: word) != nil || word.lowercased() == "end" { return .model }
        throw Diagnostic(.unknownCommand(word, suggestion: Suggest.closest(to: word, in: Verb.allCases.map(\.rawValue))),
                         at: value.location)
    }
}
