/// The lines to run from one read at the prompt.
///
/// Readline's bracketed paste hands a paste of several lines over as one line
/// holding newlines, and a recalled multi-line history entry (a whole `model`
/// block) arrives the same way: each line runs in order, as if typed. A line
/// copied from a transcript may start with a prompt, `lab> ` or `...> `: that
/// prefix is not part of the statement and is dropped.
public enum PromptInput {
    /// The prompts a pasted line may start with.
    static let prompts = ["lab>", "...>"]

    /// The lines of `text` without their prompt prefixes; a final newline ends the
    /// last line rather than adding an empty one.
    public static func lines(_ text: String) -> [String] {
        var lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).map(String.init)
        if lines.count > 1, lines.last == "" { lines.removeLast() }
        return lines.map(strippingPrompt)
    }

    /// `line` without a leading `lab> ` or `...> ` (a prompt followed by a space or nothing).
    static func strippingPrompt(_ line: String) -> String {
        let indent = line.prefix { $0 == " " || $0 == "\t" }
        let rest = line.dropFirst(indent.count)
        for prompt in prompts where rest.hasPrefix(prompt) {
            let after = rest.dropFirst(prompt.count)
            if after.isEmpty { return "" }
            if after.first == " " { return String(after.dropFirst()) }
        }
        return line
    }
}
