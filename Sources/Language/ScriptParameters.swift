/// A script's parameters (the seed notebooks' `parse_args`): `param NAME=VALUE …` declares each
/// with a default, `lab run x.exp NAME=VALUE` overrides it, and `$NAME` in any later line stands
/// for its value. Substitution happens as lines are read, so `lab check` sees the values too.
public struct ScriptParameters: Sendable {
    /// One declared parameter and the value in force.
    public struct Value: Equatable, Sendable {
        /// The name, as declared.
        public var name: String
        /// The value as a token of the language: a number, a word or a string.
        public var token: Token.Kind
        /// The value as it reads in a statement (`64`, `adam`, `"runs/x.csv"`).
        public var text: String
        /// Whether the value came from the command line rather than the `param` default.
        public var isGiven: Bool
    }

    /// Values given from outside, by name, as typed (`epochs` → `10`).
    public let overrides: [String: String]
    /// The parameters declared so far, in declaration order.
    public private(set) var declared: [Value] = []

    /// Parameters with `overrides` from the command line.
    public init(overrides: [String: String] = [:]) { self.overrides = overrides }

    /// Reads command-line arguments `NAME=VALUE` into overrides.
    /// - Throws: a message naming the first argument that is not `NAME=VALUE` or repeats a name.
    public static func overrides(from arguments: [String]) throws(ParameterError) -> [String: String] {
        var result: [String: String] = [:]
        for argument in arguments {
            guard let equals = argument.firstIndex(of: "="), equals != argument.startIndex,
                  argument[..<equals].allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }) else {
                throw .malformed(argument)
            }
            let name = String(argument[..<equals])
            guard result[name] == nil else { throw .givenTwice(name) }
            result[name] = String(argument[argument.index(after: equals)...])
        }
        return result
    }

    /// Declares `name` with its default `token` (a `param` line); an override takes the default's kind.
    /// - Throws: a diagnostic at `location` for a name declared twice or an override of another kind.
    public mutating func declare(_ name: String, default token: Token, at location: SourceLocation) throws(Diagnostic) -> Value {
        guard !declared.contains(where: { $0.name == name }) else {
            throw Diagnostic(.runtime("parameter '\(name)' is declared twice"), at: location)
        }
        var value = Value(name: name, token: token.kind, text: token.text, isGiven: false)
        if let given = overrides[name] {
            guard let kind = Self.value(given, like: token.kind) else {
                declared.append(value)  // declared all the same: the one error is the override's kind
                throw Diagnostic(.runtime("'\(name)=\(given)' from the command line is not \(Self.describe(token.kind)), "
                                          + "as the default \(token.text) is"), at: location)
            }
            value = Value(name: name, token: kind, text: Self.text(of: kind, typed: given), isGiven: true)
        }
        declared.append(value)
        return value
    }

    /// `tokens` with every `$NAME` replaced by the value in force, at the `$`'s location.
    /// - Throws: a diagnostic at a `$NAME` that no earlier `param` declares.
    public func substitute(_ tokens: [Token]) throws(Diagnostic) -> [Token] {
        var result = tokens
        for (i, token) in tokens.enumerated() {
            guard case .parameter(let name) = token.kind else { continue }
            guard let value = declared.first(where: { $0.name == name }) else {
                let names = declared.map(\.name)
                let hint = Suggest.closest(to: name, in: names).map { " — did you mean '$\($0)'?" }
                    ?? " (declare it first: param \(name)=…)"
                throw Diagnostic(.runtime("unknown parameter '$\(name)'" + hint), at: token.location)
            }
            result[i] = Token(kind: value.token, text: value.text, location: token.location)
        }
        return result
    }

    /// The overrides no `param` line declared (reported once the whole script is read).
    public var undeclaredOverrides: [String] {
        overrides.keys.filter { name in !declared.contains { $0.name == name } }.sorted()
    }

    /// `text` read as a value of the same kind as `example`, or nil when it cannot be one.
    private static func value(_ text: String, like example: Token.Kind) -> Token.Kind? {
        switch example {
        case .number: Double(text).flatMap { $0.isFinite ? .number($0) : nil }
        case .string: .string(text)
        default:
            text.first.map { $0.isASCII && ($0.isLetter || $0 == "_") } == true
                && text.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }) ? .word(text) : nil
        }
    }

    /// How a value of `kind` reads in a statement.
    private static func text(of kind: Token.Kind, typed: String) -> String {
        guard case .string(let s) = kind else { return typed }
        return "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    private static func describe(_ kind: Token.Kind) -> String {
        switch kind {
        case .number: "a number"
        case .string: "a string"
        default: "a word"
        }
    }
}

/// A malformed `NAME=VALUE` parameter on the command line.
public enum ParameterError: Error, Equatable, CustomStringConvertible {
    /// An argument that is not `NAME=VALUE`.
    case malformed(String)
    /// A name given twice.
    case givenTwice(String)

    public var description: String {
        switch self {
        case .malformed(let argument): "'\(argument)' is not a script parameter NAME=VALUE"
        case .givenTwice(let name): "parameter '\(name)' is given twice"
        }
    }
}
