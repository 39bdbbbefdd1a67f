import Foundation

/// Reads typed arguments out of a `StatementSyntax` for one statement or layer.
///
/// Positional values are taken in order; options are looked up by key. Each
/// accessor turns the written value into its type or throws a `Diagnostic`
/// naming the expected form. `finish()` rejects positionals nobody took.
struct ArgumentBinder {
    /// The keys parsers asked a binder about, collected while `readLog` is set (by tests, to show
    /// that every option `OptionTable` declares is read and no undeclared key is).
    final class ReadLog: @unchecked Sendable {
        private let lock = NSLock()
        private var keys: Set<String> = []

        init() {}

        /// Every key read so far.
        var read: Set<String> { lock.withLock { keys } }

        func note(_ key: String) { _ = lock.withLock { keys.insert(key) } }
    }

    /// Where binders record the keys they are asked about; nil (the default) records nothing.
    @TaskLocal static var readLog: ReadLog?

    /// A bound option: its value and how messages refer to it.
    private struct Bound {
        var value: SyntaxValue
        var subject: String
        var keyLocation: SourceLocation
    }

    /// The statement or layer word used in messages (`train`, `dense`).
    let statement: String
    private var positionals: [SyntaxValue]
    private var nextPositional = 0
    private var options: [String: Bound] = [:]
    /// Where the line ends.
    let end: SourceLocation

    /// Checks option keys against `options` and binds the first positionals to `positionals`.
    ///
    /// - Parameters:
    ///   - options: the `key=` options the statement takes, from `OptionTable`; `positionals` are added.
    ///   - positionals: Keras's positional order (`units`, `activation` for `dense`): the value
    ///     may come positionally or as `key=`, never both.
    /// - Throws: `unknownOption` with the closest allowed key, or `duplicateOption`.
    init(_ syntax: StatementSyntax, statement: String, options allowedOptions: [OptionSpec] = [],
         positionals positionalOptions: [OptionSpec] = []) throws(Diagnostic) {
        self.statement = statement
        self.end = syntax.end
        let positionalNames = positionalOptions.map(\.name)
        let allowed = positionalNames + allowedOptions.map(\.name)
        for (key, value) in syntax.options {
            guard case .word(let word) = key.kind else { preconditionFailure("option keys are words") }
            let lowered = word.lowercased()
            guard allowed.contains(lowered) else {
                throw Diagnostic(.unknownOption(word, statement: statement,
                                                suggestion: Suggest.closest(to: word, in: allowed)), at: key.location)
            }
            guard options[lowered] == nil else { throw Diagnostic(.duplicateOption(lowered + "="), at: key.location) }
            options[lowered] = Bound(value: value, subject: "'\(lowered)='", keyLocation: key.location)
        }
        var remaining = syntax.positionals[...]
        for name in positionalNames {
            guard let value = remaining.popFirst() else { break }
            if let existing = options[name] {
                throw Diagnostic(.duplicateOption(name), at: existing.keyLocation)
            }
            options[name] = Bound(value: value, subject: "\(statement) \(name)", keyLocation: value.location)
        }
        positionals = Array(remaining)
    }

    // MARK: Positionals

    /// Whether positional arguments remain.
    var hasPositional: Bool { nextPositional < positionals.count }

    /// The next positional value, if any, without taking it.
    var peekPositional: SyntaxValue? { hasPositional ? positionals[nextPositional] : nil }

    /// Takes the next positional value; `expected` describes it for the "missing" message.
    mutating func take(_ expected: String) throws(Diagnostic) -> SyntaxValue {
        guard hasPositional else {
            throw Diagnostic(.missingArgument(expected: expected, statement: statement), at: end)
        }
        defer { nextPositional += 1 }
        return positionals[nextPositional]
    }

    /// Takes a positional name (`[A-Za-z_][A-Za-z0-9_]*`), such as a model or dataset.
    mutating func takeName(_ expected: String) throws(Diagnostic) -> String {
        let value = try take(expected)
        guard case .word(let word) = value.form else {
            throw Diagnostic(.invalidValue(got: value.text, expected: expected, subject: "'\(statement)'"), at: value.location)
        }
        return word
    }

    /// Takes a fixed word such as `on`, `from` or `to` (case-insensitive).
    mutating func keyword(_ keyword: String) throws(Diagnostic) {
        let value = try take("'\(keyword)'")
        guard case .word(let word) = value.form, word.lowercased() == keyword else {
            throw Diagnostic(.expectedKeyword(keyword, got: value.text), at: value.location)
        }
    }

    /// Takes `keyword` if it is the next positional; returns whether it was there.
    mutating func optionalKeyword(_ keyword: String) -> Bool {
        guard let value = peekPositional, case .word(let word) = value.form, word.lowercased() == keyword else { return false }
        nextPositional += 1
        return true
    }

    /// Takes a positional double-quoted string.
    mutating func takeString(_ expected: String) throws(Diagnostic) -> String {
        let value = try take(expected)
        guard case .string(let string) = value.form else {
            throw Diagnostic(.invalidValue(got: value.text, expected: expected, subject: "'\(statement)'"), at: value.location)
        }
        return string
    }

    /// Takes a positional `name` or `name.split`.
    mutating func takeDataset(_ expected: String) throws(Diagnostic) -> DatasetReference {
        try Self.dataset(try take(expected), expected: expected, subject: "'\(statement)'")
    }

    /// Rejects positional arguments nobody took.
    func finish() throws(Diagnostic) {
        if hasPositional {
            let value = positionals[nextPositional]
            throw Diagnostic(.unexpectedArgument(value.text, statement: statement), at: value.location)
        }
    }

    // MARK: Options

    /// The option bound to `key`, noting in `readLog` that a parser asked for it.
    private func lookup(_ key: String) -> Bound? {
        Self.readLog?.note(key)
        return options[key]
    }

    /// Whether `key=` (or its positional) was given.
    func has(_ key: String) -> Bool { lookup(key) != nil }

    /// Where `key=` was written, or the statement's end.
    func location(of key: String) -> SourceLocation { lookup(key)?.keyLocation ?? end }

    /// The value of `key=` as written, for forms no typed accessor reads.
    func value(of key: String) -> SyntaxValue? { lookup(key)?.value }

    /// `key=` as a whole number ≥ `minimum`.
    func int(_ key: String, minimum: Int) throws(Diagnostic) -> Int? {
        guard let bound = lookup(key) else { return nil }
        return try Self.int(bound.value, minimum: minimum, subject: bound.subject)
    }

    /// `key=` as a finite number in `range`, described in messages as `expected`.
    func double(_ key: String, in range: ClosedRange<Double>? = nil, excludingUpper: Bool = false,
                expected: String = "a number") throws(Diagnostic) -> Double? {
        guard let bound = lookup(key) else { return nil }
        return try Self.double(bound.value, in: range, excludingUpper: excludingUpper, expected: expected, subject: bound.subject)
    }

    /// `key=true|false`.
    func bool(_ key: String) throws(Diagnostic) -> Bool? {
        guard let bound = lookup(key) else { return nil }
        guard case .word(let word) = bound.value.form, let flag = ["true": true, "false": false][word.lowercased()] else {
            throw Diagnostic(.invalidValue(got: bound.value.text, expected: "true or false", subject: bound.subject),
                             at: bound.value.location)
        }
        return flag
    }

    /// `key=` as one case of a closed set of words (case-insensitive), `category` naming the set.
    func choice<Choice: CaseIterable & RawRepresentable<String>>(_ key: String, category: String,
                                                                   as type: Choice.Type = Choice.self) throws(Diagnostic) -> Choice? {
        guard let bound = lookup(key) else { return nil }
        return try Self.choice(bound.value, category: category, subject: bound.subject)
    }

    /// `key=a,b,c` (or a single item) as cases of a closed set.
    func choices<Choice: CaseIterable & RawRepresentable<String>>(_ key: String, category: String,
                                                                    as type: Choice.Type = Choice.self) throws(Diagnostic) -> [Choice]? {
        guard let bound = lookup(key) else { return nil }
        var result: [Choice] = []
        for item in Self.items(bound.value) { result.append(try Self.choice(item, category: category, subject: bound.subject)) }
        return result
    }

    /// `key="text"`, a double-quoted string.
    func string(_ key: String) throws(Diagnostic) -> String? {
        guard let bound = lookup(key) else { return nil }
        guard case .string(let string) = bound.value.form else {
            throw Diagnostic(.invalidValue(got: bound.value.text, expected: "a double-quoted string", subject: bound.subject),
                             at: bound.value.location)
        }
        return string
    }

    /// `key=` as a bare word, a whole number or a string, kept as text (a column or label value).
    func text(_ key: String) throws(Diagnostic) -> String? {
        guard let bound = lookup(key) else { return nil }
        return try Self.text(bound.value, subject: bound.subject)
    }

    /// `key=a,b` (or one item) as texts.
    func texts(_ key: String) throws(Diagnostic) -> [String]? {
        guard let bound = lookup(key) else { return nil }
        var result: [String] = []
        for item in Self.items(bound.value) { result.append(try Self.text(item, subject: bound.subject)) }
        return result
    }

    /// `key=NAME[.split]`.
    func dataset(_ key: String) throws(Diagnostic) -> DatasetReference? {
        guard let bound = lookup(key) else { return nil }
        return try Self.dataset(bound.value, expected: "a dataset or split such as reviews.val", subject: bound.subject)
    }

    // MARK: Conversions

    /// The items of a list, or the value itself.
    static func items(_ value: SyntaxValue) -> [SyntaxValue] {
        if case .list(let items) = value.form { return items }
        return [value]
    }

    static func int(_ value: SyntaxValue, minimum: Int, subject: String) throws(Diagnostic) -> Int {
        let expected = minimum == 1 ? "a positive whole number" : "a whole number ≥ \(minimum)"
        guard case .number(let number) = value.form,
              let integer = Int(value.text) ?? exactInteger(number), integer >= minimum else {
            throw Diagnostic(.invalidValue(got: value.text, expected: expected, subject: subject), at: value.location)
        }
        return integer
    }

    private static func exactInteger(_ number: Double) -> Int? {
        guard number.rounded() == number, abs(number) <= 0x1p53 else { return nil }
        return Int(number)
    }

    static func double(_ value: SyntaxValue, in range: ClosedRange<Double>?, excludingUpper: Bool,
                       expected: String, subject: String) throws(Diagnostic) -> Double {
        guard case .number(let number) = value.form,
              range.map({ $0.contains(number) && !(excludingUpper && number == $0.upperBound) }) ?? true else {
            throw Diagnostic(.invalidValue(got: value.text, expected: expected, subject: subject), at: value.location)
        }
        return number
    }

    static func choice<Choice: CaseIterable & RawRepresentable<String>>(_ value: SyntaxValue, category: String,
                                                                          subject: String) throws(Diagnostic) -> Choice {
        let names = Choice.allCases.map(\.rawValue)
        guard case .word(let word) = value.form else {
            throw Diagnostic(.invalidValue(got: value.text, expected: "one of " + names.joined(separator: ", "),
                                           subject: subject), at: value.location)
        }
        guard let choice = Choice(rawValue: word.lowercased()) else {
            throw Diagnostic(.unknownValue(word, category: category, suggestion: Suggest.closest(to: word, in: names)),
                             at: value.location)
        }
        return choice
    }

    static func text(_ value: SyntaxValue, subject: String) throws(Diagnostic) -> String {
        switch value.form {
        case .word(let word): return word
        case .string(let string): return string
        case .number: return value.text
        case .dotted, .list, .comparison, .pair:
            throw Diagnostic(.invalidValue(got: value.text, expected: "a word, number or string", subject: subject),
                             at: value.location)
        }
    }

    static func dataset(_ value: SyntaxValue, expected: String, subject: String) throws(Diagnostic) -> DatasetReference {
        switch value.form {
        case .word(let name): return DatasetReference(name: name)
        case .dotted(let name, let splitToken):
            let split: DatasetSplit = try choice(SyntaxValue(form: .word(splitToken.text), text: splitToken.text,
                                                             location: splitToken.location),
                                                 category: "split", subject: subject)
            return DatasetReference(name: name, split: split)
        default:
            throw Diagnostic(.invalidValue(got: value.text, expected: expected, subject: subject), at: value.location)
        }
    }
}
