/// One lexical unit of a statement, with where it starts in the source.
public struct Token: Equatable, Sendable {
    /// What the token is and the value it carries.
    public var kind: Kind
    /// The exact source text of the token (with quotes for strings).
    public var text: String
    /// Where the token's first character is.
    public var location: SourceLocation

    /// A token of `kind` spelled `text` at `location`.
    public init(kind: Kind, text: String, location: SourceLocation) {
        self.kind = kind
        self.text = text
        self.location = location
    }

    /// The kinds of token the language has.
    public enum Kind: Equatable, Sendable {
        /// A bare word `[A-Za-z_][A-Za-z0-9_]*`: a verb, name, layer kind, option key or enum value.
        case word(String)
        /// A finite number such as `64`, `-3`, `0.2` or `1e-3`.
        case number(Double)
        /// A double-quoted string with its `\"` and `\\` escapes resolved.
        case string(String)
        /// `=` between an option key and its value.
        case equals
        /// `,` between the items of a list (`accuracy,auc`).
        case comma
        /// `.` between a dataset and its split (`reviews.train`).
        case dot
        /// `:` between a key and its value in a mapping item (`class_weight=0:1,1:3`).
        case colon
        /// A comparison of `expect`: `>=`, `<=`, `>`, `<`, `==`.
        case comparison(Comparison)
        /// `$NAME`: a script parameter, replaced by its value before the line is parsed.
        case parameter(String)
    }

    /// The column just past the token's last character, where a following argument would go.
    public var endLocation: SourceLocation {
        SourceLocation(file: location.file, line: location.line, column: location.column + text.count)
    }
}

/// How `expect` compares a result with its bound.
public enum Comparison: String, CaseIterable, Sendable {
    /// `>=`
    case greaterOrEqual = ">="
    /// `<=`
    case lessOrEqual = "<="
    /// `>`
    case greater = ">"
    /// `<`
    case less = "<"
    /// `==`
    case equal = "=="

    /// Whether `value` satisfies the comparison against `bound`.
    public func holds(_ value: Double, _ bound: Double) -> Bool {
        switch self {
        case .greaterOrEqual: value >= bound
        case .lessOrEqual: value <= bound
        case .greater: value > bound
        case .less: value < bound
        case .equal: value == bound
        }
    }
}
