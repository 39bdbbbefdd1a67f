/// An argument value as written, before the statement gives it a type.
struct SyntaxValue: Sendable {
    /// The shapes a value can have.
    indirect enum Form: Sendable {
        case word(String)
        case number(Double)
        case string(String)
        case comparison(Comparison)
        /// `name.split`; the split is kept as its token for typing later.
        case dotted(String, Token)
        /// `a,b,c`: two or more values.
        case list([SyntaxValue])
        /// `key:value`, an item of a mapping (`0:1`).
        case pair(SyntaxValue, SyntaxValue)
    }

    var form: Form
    /// The source text (`reviews.train`, `4,5`, `"x.csv"` with quotes).
    var text: String
    var location: SourceLocation
}

/// A statement split into its verb, positional values and `key=value` options.
struct StatementSyntax {
    /// The first word.
    var head: Token
    var positionals: [SyntaxValue]
    /// Options in source order, keys lower-cased.
    var options: [(key: Token, value: SyntaxValue)]
    /// Where the line ends (for "expected … after" diagnostics).
    var end: SourceLocation

    /// Groups a line's tokens into values: dotted names, comma lists and `key=value` pairs.
    /// - Throws: a `Diagnostic` for a stray `=`, `,` or `.`, or a key without value.
    init(tokens: [Token]) throws(Diagnostic) {
        precondition(!tokens.isEmpty, "a statement has at least one token")
        head = tokens[0]
        positionals = []
        options = []
        end = tokens[tokens.count - 1].endLocation
        var index = 1
        while index < tokens.count {
            let token = tokens[index]
            if case .word = token.kind, index + 1 < tokens.count, tokens[index + 1].kind == .equals {
                index += 2
                guard index < tokens.count, Self.startsValue(tokens[index]) else {
                    throw Diagnostic(.missingValue(expected: "a value", after: token.text + "="),
                                     at: index < tokens.count ? tokens[index].location : end)
                }
                options.append((token, try Self.value(tokens, &index)))
            } else {
                guard Self.startsValue(token) else { throw Diagnostic(.unexpectedToken(token.text), at: token.location) }
                positionals.append(try Self.value(tokens, &index))
            }
        }
    }

    private static func startsValue(_ token: Token) -> Bool {
        switch token.kind {
        case .word, .number, .string, .comparison: true
        case .equals, .comma, .dot, .colon, .parameter: false
        }
    }

    private static func value(_ tokens: [Token], _ index: inout Int) throws(Diagnostic) -> SyntaxValue {
        let first = try atom(tokens, &index)
        guard index < tokens.count, tokens[index].kind == .comma else { return first }
        var items = [first]
        while index < tokens.count, tokens[index].kind == .comma {
            index += 1
            guard index < tokens.count, startsValue(tokens[index]) else {
                let location = index < tokens.count ? tokens[index].location : tokens[index - 1].endLocation
                throw Diagnostic(.missingValue(expected: "a list item", after: ","), at: location)
            }
            items.append(try atom(tokens, &index))
        }
        let text = items.map(\.text).joined(separator: ",")
        return SyntaxValue(form: .list(items), text: text, location: first.location)
    }

    /// A simple value, or `key:value` when a colon follows it.
    private static func atom(_ tokens: [Token], _ index: inout Int) throws(Diagnostic) -> SyntaxValue {
        let key = try simple(tokens, &index)
        guard index < tokens.count, tokens[index].kind == .colon else { return key }
        index += 1
        guard index < tokens.count, startsValue(tokens[index]) else {
            let location = index < tokens.count ? tokens[index].location : tokens[index - 1].endLocation
            throw Diagnostic(.missingValue(expected: "a value", after: key.text + ":"), at: location)
        }
        let value = try simple(tokens, &index)
        return SyntaxValue(form: .pair(key, value), text: key.text + ":" + value.text, location: key.location)
    }

    private static func simple(_ tokens: [Token], _ index: inout Int) throws(Diagnostic) -> SyntaxValue {
        let token = tokens[index]
        index += 1
        switch token.kind {
        case .word(let word):
            guard index < tokens.count, tokens[index].kind == .dot else {
                return SyntaxValue(form: .word(word), text: token.text, location: token.location)
            }
            index += 1
            guard index < tokens.count, case .word = tokens[index].kind else {
                let location = index < tokens.count ? tokens[index].location : tokens[index - 1].endLocation
                throw Diagnostic(.missingValue(expected: "a split name (train, val or test)", after: token.text + "."),
                                 at: location)
            }
            let split = tokens[index]
            index += 1
            return SyntaxValue(form: .dotted(word, split), text: token.text + "." + split.text, location: token.location)
        case .number(let value): return SyntaxValue(form: .number(value), text: token.text, location: token.location)
        case .string(let value): return SyntaxValue(form: .string(value), text: token.text, location: token.location)
        case .comparison(let c): return SyntaxValue(form: .comparison(c), text: token.text, location: token.location)
        case .equals, .comma, .dot, .colon, .parameter: throw Diagnostic(.unexpectedToken(token.text), at: token.location)
        }
    }
}
