import Foundation
import Language
import TensorCore
import Training

/// The `lab>` prompt, and the same loop over piped standard input.
///
/// Lines go through one `StatementReader` (so `model` blocks span lines) and
/// one `Interpreter`. An error prints a diagnostic and the session goes on
/// with all its state. `record` appends each statement that succeeds (a whole
/// `model` block at its `end`) to a script `lab run` replays.
final class REPL {
    private let interpreter: Interpreter
    private let lineReader: LineReader
    private var reader: StatementReader
    private var lines: [String] = []
    private var blockLines: [String] = []
    private var failures = 0
    /// Whether a `model` block is open, shared with the completion closure (layer kinds complete there).
    private let blockState = BlockState()

    /// The REPL's block state as the completion closure sees it.
    private final class BlockState: @unchecked Sendable { var isOpen = false }

    init() {
        let session = Session(console: StandardOutput.console, isInteractive: true)
        interpreter = Interpreter(session: session)
        let terminal = isatty(STDIN_FILENO) != 0
        reader = StatementReader(file: terminal ? DiagnosticRenderer.replFile : "<stdin>", mode: .interactive)
        let blockState = self.blockState
        lineReader = LineReader { word, before in
            Completion.candidates(for: word, after: before, isInsideBlock: blockState.isOpen, sessionNames: session.completionNames)
        }
    }

    /// Runs until `quit`, Ctrl-D or the end of input.
    /// - Returns: the exit status: 0, or 1 when piped input had a failing statement.
    func run() -> Int32 {
        if lineReader.isTerminal {
            print("lab \(VersionInfo.version) — `help` lists the verbs, `quit` or Ctrl-D leaves")
        }
        while true {
            blockState.isOpen = reader.openModel != nil
            switch lineReader.read(prompt: reader.openModel == nil ? LineReader.prompt : LineReader.continuationPrompt) {
            case .endOfInput:
                if let unclosed = reader.finish() { report(unclosed) }
                if lineReader.isTerminal { print("") }
                return failures > 0 && !lineReader.isTerminal ? 1 : 0
            case .interrupted:
                if reader.openModel != nil {
                    reader.discardBlock()
                    blockLines = []
                    print("(model block discarded)")
                }
            case .line(let text):
                if handle(text) == .quit { return failures > 0 && !lineReader.isTerminal ? 1 : 0 }
            }
        }
    }

    private func handle(_ text: String) -> Interpreter.Flow {
        lines.append(text)
        switch reader.read(text) {
        case .nothing:
            return .next
        case .continuing:
            blockLines.append(text)
            return .next
        case .failed(let diagnostic):
            report(diagnostic)
            return .next
        case .command(let located):
            let source = blockLines + [text]
            blockLines = []
            do {
                let flow = try interpreter.execute(located)
                record(located.command, source: source)
                return flow
            } catch {
                report(error)
                return .next
            }
        }
    }

    /// Appends a successful statement to the `record` script, atomically.
    private func record(_ command: Command, source: [String]) {
        guard let path = interpreter.session.recordPath else { return }
        switch command {
        case .record, .quit, .help, .list: return
        default: break
        }
        let old = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
        do {
            try AtomicFile.write(old + source.joined(separator: "\n") + "\n", to: path)
        } catch {
            StandardOutput.error("record: \(error)\n")
        }
    }

    private func report(_ diagnostic: Diagnostic) {
        failures += 1
        let location = diagnostic.location
        let line = location.file == reader.file && lines.indices.contains(location.line - 1) ? lines[location.line - 1] : nil
        var text = line != nil ? DiagnosticRenderer.render(diagnostic, sourceLine: line) : ScriptRunner.render(diagnostic)
        if !text.hasSuffix("\n") { text += "\n" }
        if lineReader.isTerminal { print(text, terminator: "") } else { StandardOutput.error(text) }
    }
}
