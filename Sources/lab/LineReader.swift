@preconcurrency import CReadline
import Foundation

/// Reads the REPL's input lines: GNU readline on a terminal, plain lines otherwise.
///
/// On a terminal it gives line editing, Ctrl-R history search (readline's
/// default bindings), a persistent history file (read at start, appended per
/// line by `remember`, bounded to `historyLimit` entries), multi-line history
/// entries for whole `model` blocks (`replaceEntries`) and tab completion from a closure
/// the caller supplies (`Completion.candidates` plus session names). Inside
/// double quotes, completion falls back to readline's file-name completion.
/// Ctrl-C at the prompt abandons the typed line: the terminal's interrupt
/// character is read as a key while the prompt is up (no signal handler is
/// installed), and `read` returns `.interrupted`. Outside the prompt the
/// terminal is restored, so Ctrl-C raises SIGINT as usual.
final class LineReader {
    /// What one call to `read` got.
    enum Input: Equatable {
        /// A line, without its newline; a paste (readline's bracketed paste) or a
        /// recalled multi-line entry holds several lines separated by newlines.
        case line(String)
        /// Ctrl-C at the prompt: the typed text was dropped.
        case interrupted
        /// Ctrl-D on an empty line, or the end of piped input.
        case endOfInput
    }

    /// Returns full replacements for `word`, given the line text before it.
    typealias CompletionProvider = (_ word: String, _ before: String) -> [String]

    /// The primary prompt.
    static let prompt = "lab> "
    /// The prompt inside a `model` block.
    static let continuationPrompt = "...> "

    /// Whether standard input is a terminal (readline is used only then).
    let isTerminal: Bool
    private let historyPath: String
    private let historyLimit: Int
    private var lastEntry: String?
    /// How many entries `remember` has added so far (a mark for `replaceEntries`).
    private(set) var entriesAdded = 0

    /// Sets up readline when standard input is a terminal.
    /// - Parameters:
    ///   - historyPath: the history file (default `~/.lab_history`).
    ///   - historyLimit: the most entries kept in memory and in the file.
    ///   - completions: the candidates for tab completion.
    init(historyPath: String = LineReader.defaultHistoryPath, historyLimit: Int = 1000,
         completions: @escaping CompletionProvider) {
        self.isTerminal = isatty(STDIN_FILENO) != 0
        self.historyPath = historyPath
        self.historyLimit = historyLimit
        guard isTerminal else { return }
        ReadlineHooks.install(completions: completions)
        stifle_history(Int32(historyLimit))
        if FileManager.default.fileExists(atPath: historyPath) {
            read_history(historyPath)
            history_truncate_file(historyPath, Int32(historyLimit))
        } else {
            _ = FileManager.default.createFile(atPath: historyPath, contents: nil)
        }
    }

    /// `~/.lab_history`.
    static var defaultHistoryPath: String {
        (ProcessInfo.processInfo.environment["HOME"] ?? NSHomeDirectory()) + "/.lab_history"
    }

    /// Reads one line, showing `prompt` on a terminal (piped input shows none).
    func read(prompt: String) -> Input {
        guard isTerminal else { return Swift.readLine(strippingNewline: true).map(Input.line) ?? .endOfInput }
        ReadlineHooks.interrupted = false
        guard let raw = readline(prompt) else {
            ReadlineHooks.endLineAfterEndOfFile()
            return .endOfInput
        }
        defer { free(raw) }
        if ReadlineHooks.interrupted { return .interrupted }
        return .line(String(cString: raw))
    }

    /// Adds a non-blank line to the history and appends it to the file (repeats are kept once).
    func remember(_ line: String) {
        guard isTerminal, !line.allSatisfy(\.isWhitespace), line != lastEntry else { return }
        lastEntry = line
        add_history(line)
        append_history(1, historyPath)
        entriesAdded += 1
    }

    /// Replaces the entries remembered since `mark` (an earlier `entriesAdded`) by one
    /// multi-line entry, so Up-arrow recalls a whole block for editing. The history file
    /// keeps the lines one by one (a file entry is one line), so this is for the session.
    func replaceEntries(since mark: Int, with entry: String) {
        guard isTerminal else { return }
        for _ in 0..<min(entriesAdded - mark, Int(history_length)) {
            if let removed = remove_history(history_length - 1) { free_history_entry(removed) }
        }
        add_history(entry)
        lastEntry = entry
        entriesAdded += 1
    }
}

/// Readline's C callbacks and the global state they read.
///
/// Readline is one global C library; its callbacks cannot capture Swift
/// context, so the completion closure and match list live in statics. They
/// are touched only on the thread that calls `readline`.
private enum ReadlineHooks {
    nonisolated(unsafe) static var provider: LineReader.CompletionProvider?
    nonisolated(unsafe) static var matches: [String] = []
    nonisolated(unsafe) static var nextMatch = 0
    nonisolated(unsafe) static var interrupted = false

    /// The terminal's interrupt key, Ctrl-C.
    static let interruptKey: Int32 = 3

    static func install(completions: @escaping LineReader.CompletionProvider) {
        provider = completions
        rl_readline_name = UnsafePointer(strdup("lab"))
        rl_catch_signals = 0
        rl_completer_word_break_characters = UnsafePointer(strdup(" \t"))
        rl_completer_quote_characters = UnsafePointer(strdup("\""))
        rl_attempted_completion_function = { text, start, _ in ReadlineHooks.complete(text, start: Int(start)) }
        rl_prep_term_function = { meta in ReadlineHooks.prepareTerminal(meta) }
        rl_bind_key(interruptKey) { _, _ in ReadlineHooks.interrupt() }
    }

    /// Readline's terminal setup, then the interrupt character read as a key instead of raising SIGINT.
    static func prepareTerminal(_ meta: Int32) {
        rl_prep_terminal(meta)
        var settings = termios()
        guard tcgetattr(STDIN_FILENO, &settings) == 0 else { return }
        settings.c_lflag &= ~tcflag_t(ISIG)
        tcsetattr(STDIN_FILENO, TCSANOW, &settings)
    }

    /// Ctrl-D leaves the cursor after the prompt; readline itself ends that line only when
    /// bracketed paste is on (it is off on a dumb terminal). End it otherwise, so what
    /// follows starts on a fresh line.
    static func endLineAfterEndOfFile() {
        let pasteMode = rl_variable_value("enable-bracketed-paste").map { String(cString: $0) }
        if pasteMode != "on" { fputs("\n", rl_outstream ?? stdout) }
        fflush(rl_outstream ?? stdout)
    }

    /// Ctrl-C: show `^C`, drop the line and end this `readline` call. The cursor first
    /// goes to the end of the input, so after a multi-line entry (a recalled block) the
    /// next prompt starts on a fresh line below all of it rather than over its rest.
    static func interrupt() -> Int32 {
        interrupted = true
        rl_point = rl_end
        rl_redisplay()
        fputs("^C\n", rl_outstream)
        rl_replace_line("", 0)
        rl_done = 1
        return 0
    }

    /// Readline's attempted-completion hook: our candidates, or file names inside quotes.
    static func complete(_ text: UnsafePointer<CChar>?, start: Int) -> UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? {
        guard rl_completion_quote_character == 0, let text, let provider else { return nil }
        rl_attempted_completion_over = 1
        let buffer = Array(String(cString: rl_line_buffer).utf8)
        let before = String(decoding: buffer.prefix(start), as: UTF8.self)
        matches = provider(String(cString: text), before)
        nextMatch = 0
        if matches.count == 1, matches[0].hasSuffix("=") || matches[0].hasSuffix(",") { rl_completion_suppress_append = 1 }
        return rl_completion_matches(text) { _, _ in ReadlineHooks.nextCandidate() }
    }

    /// Readline's generator: one malloc'd match per call, then nil.
    static func nextCandidate() -> UnsafeMutablePointer<CChar>? {
        guard nextMatch < matches.count else { return nil }
        defer { nextMatch += 1 }
        return strdup(matches[nextMatch])
    }
}
