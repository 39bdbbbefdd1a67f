/// Turns diagnostics into the text users see: the one place errors are formatted.
public enum DiagnosticRenderer {
    /// The file name of lines typed at the prompt.
    public static let replFile = "<repl>"
    /// The width of both prompts, `lab> ` and `...> `.
    public static let promptWidth = 5

    /// Renders `diagnostic` for a terminal or log.
    ///
    /// In a script (any file but `<repl>`):
    /// ```
    /// imdb.exp:12:3: error: unknown layer 'lstn' — did you mean 'lstm'?
    ///   lstn 100
    ///   ^
    /// ```
    /// At the prompt a typed line is already on screen, so only a caret
    /// under it (past the prompt) and `error: message` are printed; a line
    /// that is not right above (one of several pasted at once) is shown first.
    /// - Parameters:
    ///   - sourceLine: the text of the diagnostic's line; nil prints no source or caret.
    ///   - lineOnScreen: at the prompt, whether the line is on screen right above, after the prompt.
    public static func render(_ diagnostic: Diagnostic, sourceLine: String?, lineOnScreen: Bool = true) -> String {
        let location = diagnostic.location
        if location.file == replFile {
            if !lineOnScreen, let sourceLine {
                return sourceLine + "\n" + caretLine(under: sourceLine, column: location.column) + "\nerror: " + diagnostic.message
            }
            let caret = String(repeating: " ", count: promptWidth) + caretLine(under: sourceLine ?? "", column: location.column)
            return caret + "\nerror: " + diagnostic.message
        }
        var text = "\(location): error: \(diagnostic.message)"
        if let sourceLine {
            text += "\n" + sourceLine + "\n" + caretLine(under: sourceLine, column: location.column)
        }
        return text
    }

    /// A warning: the statement ran, but what it did is almost surely not what was meant.
    /// `t.exp:3:3: warning: message` in a script, `warning: message` at the prompt.
    public static func warning(_ message: String, at location: SourceLocation) -> String {
        (location.file == replFile ? "" : "\(location): ") + "warning: " + message
    }

    /// Spaces (tabs where the source has tabs) up to `column`, then `^`.
    static func caretLine(under source: String, column: Int) -> String {
        let prefix = source.prefix(max(column - 1, 0)).map { $0 == "\t" ? "\t" : " " }.joined()
        let padding = String(repeating: " ", count: max(column - 1 - source.count, 0))
        return prefix + padding + "^"
    }
}
