import Foundation
import Language
import TensorCore
import Training

/// The `lab>` prompt, and the same loop over piped standard input.
///
/// Lines go through one `StatementReader` (so `model` blocks span lines) and
/// one `Interpreter`; a read holding several lines (a paste) runs them in
/// order. An error prints a diagnostic and the session goes on with all its
/// state. A `model` block keeps its good lines when one is rejected; its `end`
/// then shows what was defined (`TypedBlock.report`) and the block becomes one
/// history entry. `record` appends each statement that succeeds (a whole
/// `model` block, as defined, at its `end`) to a script `lab run` replays.
final class REPL {
    private let interpreter: Interpreter
    private let lineReader: LineReader
    private var reader: StatementReader
    /// Every line read, for the source line of a diagnostic.
    private var lines: [String] = []
    /// The numbers of lines that are not on screen right above the cursor when run (pasted ones).
    private var offScreenLines: Set<Int> = []
    /// `lineReader.entriesAdded` before the open block's `model` line.
    private var blockHistoryMark = 0
    private var failures = 0
    /// Whether a `model` block is open, shared with the completion closure (layer kinds complete there).
    private let blockState = BlockState()

    /// The REPL's block state as the completion closure sees it.
    private final class BlockState: @unchecked Sendable { var isOpen = false }

    init() {
        let session = Session(console: StandardOutput.console, isInteractive: true)
        StoreLocation.configure(session, folder: "")
        session.startServer = { try REPLServer.start($0, host: $1, port: $2) }
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
                // Ctrl-D inside a block leaves the block, not lab (readline has ended the line).
                if lineReader.isTerminal, reader.openModel != nil {
                    discardBlock()
                    continue
                }
                if let unclosed = reader.finish() { report(unclosed) }
                return exitStatus
            case .interrupted:
                if reader.openModel != nil { discardBlock() }
            case .line(let text):
                let pieces = PromptInput.lines(text)
                let onScreen = pieces == [text]
                for line in pieces {
                    if handle(line, onScreen: onScreen) == .quit { return exitStatus }
                }
            }
        }
    }

    /// 0, or 1 when piped input had a failing statement.
    private var exitStatus: Int32 { failures > 0 && !lineReader.isTerminal ? 1 : 0 }

    private func discardBlock() {
        reader.discardBlock()
        print("(model block discarded)")
    }

    /// Runs one line; `onScreen` says whether it is on screen right above (typed, not pasted).
    private func handle(_ text: String, onScreen: Bool) -> Interpreter.Flow {
        lines.append(text)
        if !onScreen { offScreenLines.insert(lines.count) }
        let mark = lineReader.entriesAdded
        lineReader.remember(text)
        let wasInsideBlock = reader.openModel != nil
        let outcome = reader.read(text)
        if !wasInsideBlock, reader.openModel != nil { blockHistoryMark = mark }
        let closed = reader.takeClosedBlock()
        if let closed { lineReader.replaceEntries(since: blockHistoryMark, with: closed.historyEntry) }
        switch outcome {
        case .nothing, .continuing:
            return .next
        case .failed(let diagnostic):
            report(diagnostic)
            return .next
        case .command(let located):
            // A Ctrl-C that an earlier statement did not take must not count as the
            // first of a double press that ends lab.
            InterruptFlag.shared.clear()
            do {
                let source = closed?.definingLines ?? [text]
                interpreter.session.pendingSource = source
                let flow = try interpreter.execute(located)
                interpreter.session.transcript += source
                record(located.command, source: source)
                if let report = closed?.report(canRecall: lineReader.isTerminal) { interpreter.session.console.write(report) }
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
        var text = line != nil
            ? DiagnosticRenderer.render(diagnostic, sourceLine: line, lineOnScreen: !offScreenLines.contains(location.line))
            : ScriptRunner.render(diagnostic)
        if !text.hasSuffix("\n") { text += "\n" }
        if lineReader.isTerminal { print(text, terminator: "") } else { StandardOutput.error(text) }
    }
}
