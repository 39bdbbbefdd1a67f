/// The run-store forms: `runs`, `show run N`, `compare run N run M`, `plot run N,M`, `export run N to`.
extension StatementParser {
    /// Whether the statement's first argument is the word `run` followed by a run number
    /// (`show run 12`): a name followed by a number is no other form of these verbs.
    static func namesRun(_ syntax: StatementSyntax) -> Bool {
        guard syntax.positionals.count >= 2, case .word(let word) = syntax.positionals[0].form, word.lowercased() == "run" else {
            return false
        }
        return ArgumentBinder.items(syntax.positionals[1]).allSatisfy { if case .number = $0.form { true } else { false } }
    }

    /// `set store="path"` or `set store=off`: `.some(nil)` for off, nil when not given.
    static func storeSetting(_ args: ArgumentBinder) throws(Diagnostic) -> String?? {
        guard let value = args.value(of: "store") else { return nil }
        switch value.form {
        case .string(let path) where !path.isEmpty: return .some(path)
        case .word(let word) where word.lowercased() == "off":
            return .some(nil)
        default:
            throw Diagnostic(.invalidValue(got: value.text, expected: "a file path in double quotes or off", subject: "'store='"),
                             at: value.location)
        }
    }

    /// `runs [where] [model=NAME] [n=N]`.
    static func parseRuns(_ syntax: StatementSyntax, _ name: String) throws(Diagnostic) -> Command {
        var args = try ArgumentBinder(syntax, statement: name, options: OptionTable.options(for: .runs))
        _ = args.optionalKeyword("where")
        try args.finish()
        return .runs(model: try args.text("model"), limit: try args.int("n", minimum: 1) ?? 20)
    }

    /// `serve [port=N] [host=ADDRESS]`.
    static func parseServe(_ syntax: StatementSyntax, _ name: String) throws(Diagnostic) -> Command {
        let args = try ArgumentBinder(syntax, statement: name, options: OptionTable.options(for: .serve))
        try args.finish()
        let port = try args.int("port", minimum: 1) ?? 8080
        guard port <= 65535 else {
            throw Diagnostic(.invalidValue(got: String(port), expected: "a port from 1 to 65535", subject: "'port='"),
                             at: args.location(of: "port"))
        }
        return .serve(host: try args.text("host") ?? "127.0.0.1", port: port)
    }

    /// `show run N`, `compare run N run M…`, `plot run N,M… [COLUMNS] [to "f.svg"]`, `export run N to "f.csv"`.
    static func parseRunForm(_ verb: Verb, _ syntax: StatementSyntax, _ name: String) throws(Diagnostic) -> Command {
        var args = try ArgumentBinder(syntax, statement: name)
        let ids = try runIDs(&args, statement: name)
        switch verb {
        case .show, .export:
            guard ids.count == 1 else {
                throw Diagnostic(.invalidValue(got: syntax.positionals[1].text, expected: "one run number", subject: "'\(name) run'"),
                                 at: syntax.positionals[1].location)
            }
            if verb == .show {
                try args.finish()
                return .showRun(ids[0])
            }
            try args.keyword("to")
            let path = try args.takeString("a file path in double quotes")
            try args.finish()
            return .exportRun(ids[0], path: path)
        case .compare:
            try args.finish()
            return .compareRuns(ids)
        case .plot:
            let (series, path) = try plotSeries(&args)
            return .plotRuns(ids, series: series, path: path)
        default: preconditionFailure("no run form of \(verb)")
        }
    }

    /// `run 12`, `run 12,17`, `run 12 run 17`: the run numbers, in order.
    private static func runIDs(_ args: inout ArgumentBinder, statement: String) throws(Diagnostic) -> [Int64] {
        var ids: [Int64] = []
        while let value = args.peekPositional, case .word(let word) = value.form, word.lowercased() == "run" {
            _ = try args.take("run")
            let numbers = try args.take("a run number such as 12")
            for item in ArgumentBinder.items(numbers) {
                ids.append(Int64(try ArgumentBinder.int(item, minimum: 1, subject: "a run number")))
            }
        }
        return ids
    }
}
