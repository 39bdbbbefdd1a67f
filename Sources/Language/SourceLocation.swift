/// Where a piece of source text is: file (or `<repl>`), 1-based line and column.
public struct SourceLocation: Hashable, Sendable, CustomStringConvertible {
    /// The script path, or `<repl>` for the prompt.
    public var file: String
    /// The 1-based line.
    public var line: Int
    /// The 1-based column, counted in characters.
    public var column: Int

    /// A location from its parts.
    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    /// `file:line:col`, the prefix of every diagnostic.
    public var description: String { "\(file):\(line):\(column)" }
}
