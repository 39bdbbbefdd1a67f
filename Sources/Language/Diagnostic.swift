/// A user error in lab source text: what went wrong and where.
///
/// Every lexer and parser error is one of these; `DiagnosticRenderer` turns
/// it into text. The interpreter reports its own errors with the location of
/// the statement that failed.
public struct Diagnostic: Error, Equatable, Sendable {
    /// What went wrong.
    public var problem: Problem
    /// Where: file (or `<repl>`), line and the column the caret points at.
    public var location: SourceLocation
    /// The script's further errors, in source order, when this is the first of
    /// several found before a script runs: they are reported right after it, on
    /// the same stream (`ScriptRunner.render`).
    public var later: [Diagnostic] = []

    /// A diagnostic for `problem` with its caret at `location`.
    public init(_ problem: Problem, at location: SourceLocation) {
        self.problem = problem
        self.location = location
    }

    /// The one-line message, without location (e.g. `unknown layer 'lstn' — did you mean 'lstm'?`).
    public var message: String { problem.message }
}

/// The kinds of error the front end reports, each with the words it names.
public enum Problem: Equatable, Sendable {
    // Lexical
    /// A `"` with no closing `"` on the same line.
    case unterminatedString
    /// A backslash followed by anything but `"` or `\`.
    case unknownEscape(Character)
    /// A character that starts no token.
    case unexpectedCharacter(Character)
    /// A number that does not fit a Double (`1e999`).
    case numberTooLarge(String)
    /// Digits running into letters (`5abc`).
    case malformedNumber(String)

    // Syntax
    /// A token that cannot stand where it is (a stray `=` or `,`).
    case unexpectedToken(String)
    /// A statement starting with a word that is no verb.
    case unknownCommand(String, suggestion: String?)
    /// A layer line outside any `model` block.
    case layerOutsideModel(String)
    /// A line in a model block whose kind is no layer.
    case unknownLayer(String, suggestion: String?)
    /// A `key=` the statement or layer does not take.
    case unknownOption(String, statement: String, suggestion: String?)
    /// A word outside a closed set, such as an activation or a loss; `category` names the set.
    case unknownValue(String, category: String, suggestion: String?)
    /// A value of the wrong form: `got` is the source text, `expected` describes the form.
    case invalidValue(got: String, expected: String, subject: String)
    /// A required argument is absent.
    case missingArgument(expected: String, statement: String)
    /// A value is missing after a `key=`, a `,` or a `.`.
    case missingValue(expected: String, after: String)
    /// A fixed word such as `on`, `from` or `to` was expected.
    case expectedKeyword(String, got: String)
    /// More positional arguments than the statement takes.
    case unexpectedArgument(String, statement: String)
    /// The same `key=` twice, or a positional argument also given as `key=`.
    case duplicateOption(String)
    /// An option that only makes sense with another setting (`momentum=` without `optimizer=sgd`).
    case inapplicableOption(String, requirement: String)
    /// `split` fractions adding up to more than 1 (or to 0).
    case splitFractionsOutOfRange(total: String)
    /// Two options that exclude each other (`validation_split=` with `val=`); `reason` says why.
    case conflictingOptions(String, with: String, reason: String)
    /// `end` with no `model` block open.
    case endWithoutModel
    /// `model` while another block is still open.
    case nestedModel(open: String)
    /// A script ended inside a `model` block.
    case missingEnd(model: String)
    /// `end` right after `model NAME`.
    case emptyModel(String)
    /// `input` (or `input_length=`) given twice in one block with different lengths.
    case duplicateInputLength

    // Run time
    /// A statement that parsed but could not be carried out for a reason of the interpreter's
    /// own (missing names, session state, failed expectations).
    case interpreter(InterpreterError)
    /// A statement that parsed but a library refused (shape errors, bad files), or that the
    /// checker finds will fail; the text is the library error's or the check's description.
    case runtime(String)

    /// The message text, in the words the user typed.
    public var message: String {
        switch self {
        case .unterminatedString: "unterminated string (missing closing '\"')"
        case .unknownEscape(let c): "unknown escape '\\\(c)' in string (only \\\" and \\\\ are escapes)"
        case .unexpectedCharacter(let c):
            "unexpected character '\(c)'" + (c == "/" ? " (write paths in double quotes)" : "")
        case .numberTooLarge(let text): "number '\(text)' is too large"
        case .malformedNumber(let text): "malformed number '\(text)'"
        case .unexpectedToken(let text): "unexpected '\(text)'"
        case .unknownCommand(let word, let suggestion):
            "unknown command '\(word)'" + Self.hint(suggestion, otherwise: " (type 'help' for the list)")
        case .layerOutsideModel(let word): "'\(word)' is a layer; layers go between 'model NAME' and 'end'"
        case .unknownLayer(let word, let suggestion):
            "unknown layer '\(word)'" + Self.hint(suggestion, otherwise: " (see 'help model')")
        case .unknownOption(let key, let statement, let suggestion):
            "unknown option '\(key)=' for '\(statement)'"
                + Self.hint(suggestion.map { $0 + "=" }, otherwise: " (see 'help \(statement)')")
        case .unknownValue(let word, let category, let suggestion):
            "unknown \(category) '\(word)'" + Self.hint(suggestion, otherwise: "")
        case .invalidValue(let got, let expected, let subject):
            "expected \(expected) for \(subject), got '\(got)'"
        case .missingArgument(let expected, let statement):
            "expected \(expected) after '\(statement)' (see 'help \(statement)')"
        case .missingValue(let expected, let after): "expected \(expected) after '\(after)'"
        case .expectedKeyword(let keyword, let got): "expected '\(keyword)', got '\(got)'"
        case .unexpectedArgument(let text, let statement): "unexpected argument '\(text)' for '\(statement)'"
        case .duplicateOption(let key): "'\(key)' is given twice"
        case .inapplicableOption(let key, let requirement): "'\(key)=' applies only with \(requirement)"
        case .conflictingOptions(let key, let other, let reason): "'\(key)=' cannot be combined with '\(other)=': \(reason)"
        case .splitFractionsOutOfRange(let total):
            "split fractions must add up to more than 0 and at most 1, got \(total)"
        case .endWithoutModel: "'end' without an open 'model' block"
        case .nestedModel(let open): "'model' inside the block of '\(open)'; close it with 'end' first"
        case .missingEnd(let model): "model '\(model)' has no 'end'"
        case .emptyModel(let model): "model '\(model)' has no layers"
        case .duplicateInputLength: "the input length is given twice"
        case .interpreter(let error): error.message
        case .runtime(let text): text
        }
    }

    private static func hint(_ suggestion: String?, otherwise: String) -> String {
        suggestion.map { " — did you mean '\($0)'?" } ?? otherwise
    }
}
