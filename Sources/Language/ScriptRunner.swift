import Foundation

/// Runs `.exp` scripts: `lab run`, and `run "file"` inside a session.
///
/// A script is parsed whole first; any syntax error is reported (all of them)
/// and nothing runs. Then statements run in order and the first failure stops
/// the script, as a notebook's "run all" would, but never half-way into a
/// typo found only at line 40.
public enum ScriptRunner {
    /// How deep `run` may nest before it is taken for a script running itself.
    static let maximumDepth = 16

    /// Reads and runs the script at `path` in the interpreter's session.
    /// - Throws: the first `Diagnostic` (syntax or run time), located in the script; a
    ///   script's further syntax errors ride along in its `later`.
    public static func run(path: String, in interpreter: Interpreter,
                           parameters: ScriptParameters = ScriptParameters()) throws(Diagnostic) {
        let script = try parse(path: path, parameters: parameters)
        if var first = script.diagnostics.first {
            first.later = Array(script.diagnostics.dropFirst())
            throw first
        }
        let session = interpreter.session
        guard session.runDepth < maximumDepth else {
            throw Diagnostic(.interpreter(.scriptsNestedTooDeep(depth: maximumDepth, path: path)),
                             at: SourceLocation(file: path, line: 1, column: 1))
        }
        session.runDepth += 1
        // Runs record the outermost script's text (a script `run` inside it is part of what led to them).
        let outermost = session.script == nil
        if outermost { session.script = (path, script.lines.joined(separator: "\n"), script.lines) }
        defer {
            session.runDepth -= 1
            if outermost { session.script = nil }
        }
        for command in script.commands {
            if try interpreter.execute(command) == .quit { return }
        }
    }

    /// Reads and parses a script without running it, with `parameters` given from outside.
    /// - Throws: a diagnostic when the file cannot be read as UTF-8 text.
    public static func parse(path: String, parameters: ScriptParameters = ScriptParameters()) throws(Diagnostic) -> ParsedScript {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw Diagnostic(.interpreter(.unreadableScript(path)), at: SourceLocation(file: path, line: 1, column: 1))
        }
        guard let source = String(data: data, encoding: .utf8) else {
            throw Diagnostic(.interpreter(.scriptNotUTF8(path)), at: SourceLocation(file: path, line: 1, column: 1))
        }
        return ScriptParser.parse(source, file: path, parameters: parameters)
    }

    /// The rendered text of a diagnostic and of its `later` ones, in order, each with its
    /// source line when the file can be read, ending in a newline.
    public static func render(_ diagnostic: Diagnostic, script: ParsedScript? = nil) -> String {
        let file = diagnostic.location.file
        var script = script
        if script == nil, file != DiagnosticRenderer.replFile { script = try? parse(path: file) }
        return ([diagnostic] + diagnostic.later).map { one in
            let line = one.location.file == file ? script?.line(one.location.line) : nil
            return DiagnosticRenderer.render(one, sourceLine: line).trimmingTrailingNewlines + "\n"
        }.joined()
    }
}
