import Foundation
import NeuralNet

/// A `model` block as typed at the prompt: every line, with what became of it.
///
/// At the prompt a rejected line does not end the block, so a user who
/// retypes it right away just goes on. The model is then defined from the
/// lines that were taken, so `end` must say what that is (`report`): the
/// layer stack, and each rejected line that no later line retyped. The whole
/// block is also one history entry (`historyEntry`) to recall and edit.
public struct TypedBlock: Equatable, Sendable {
    /// What became of one line of the block.
    public enum Fate: Equatable, Sendable {
        /// `model NAME`.
        case header
        /// A layer or `input` line, taken into the model.
        case taken
        /// A rejected line that no later line retyped: it is not in the model.
        case rejected
        /// A rejected line followed right away by a taken line of the same layer kind.
        case retyped
        /// `end`.
        case end
    }

    /// One typed line and its fate.
    public struct Line: Equatable, Sendable {
        /// The line as typed.
        public var text: String
        /// What became of it.
        public var fate: Fate
    }

    /// The model's name.
    public let name: String
    /// Every non-blank line of the block, in the order typed.
    public private(set) var lines: [Line]

    /// A block opened by the `model NAME` line `header`.
    init(name: String, header: String) {
        self.name = name
        lines = [Line(text: header, fate: .header)]
    }

    /// Records a taken line; the rejected lines typed just before it with the same
    /// layer kind (or a misspelling of it) count as retyped by it.
    mutating func take(_ text: String) {
        let kind = Self.layerKind(of: text)
        var index = lines.count - 1
        while index > 0, lines[index].fate == .rejected || lines[index].fate == .retyped {
            if lines[index].fate == .rejected, kind != nil, Self.layerKind(of: lines[index].text) == kind {
                lines[index].fate = .retyped
            }
            index -= 1
        }
        lines.append(Line(text: text, fate: .taken))
    }

    /// Records a rejected line.
    mutating func reject(_ text: String) { lines.append(Line(text: text, fate: .rejected)) }

    /// Records the `end` line.
    mutating func close(_ text: String) { lines.append(Line(text: text, fate: .end)) }

    /// Whether any line was rejected (retyped or not).
    public var hadRejections: Bool { lines.contains { $0.fate == .rejected || $0.fate == .retyped } }

    /// The rejected lines that are not in the model, as typed.
    public var missing: [String] { lines.filter { $0.fate == .rejected }.map(\.text) }

    /// The lines that define the model: `model NAME`, every taken line, `end` (what `record` writes).
    public var definingLines: [String] { lines.filter { $0.fate != .rejected && $0.fate != .retyped }.map(\.text) }

    /// The block as one multi-line history entry: the defining lines with each rejected
    /// line that was not retyped in its place, so that recalling the block shows what to fix.
    public var historyEntry: String { lines.filter { $0.fate != .retyped }.map(\.text).joined(separator: "\n") }

    /// What `end` prints after `NAME: N layers` when a line was rejected: the layer stack the
    /// model was defined from, then a warning per rejected line that is not in it. Nil when
    /// no line was rejected.
    /// - Parameter canRecall: whether Up-arrow recalls the block (a terminal), for the hint.
    public func report(canRecall: Bool) -> String? {
        guard hadRejections else { return nil }
        var text = lines.filter { $0.fate == .taken }
            .map { "  " + $0.text.trimmingCharacters(in: .whitespaces) + "\n" }.joined()
        for line in missing {
            text += "warning: '\(line.trimmingCharacters(in: .whitespaces))' was rejected and is not in \(name)\n"
        }
        if !missing.isEmpty, canRecall { text += "(Up-arrow recalls the block to fix it)\n" }
        return text
    }

    /// The layer kind a line names, or the kind its unknown first word is closest to.
    static func layerKind(of text: String) -> LayerKind? {
        let word = String(text.drop { $0 == " " || $0 == "\t" }.prefix { $0.isLetter || $0.isNumber || $0 == "_" })
        guard !word.isEmpty else { return nil }
        if let kind = LayerKind(word: word) { return kind }
        let names = LayerKind.allCases.map(\.rawValue) + LayerKind.aliases.keys.sorted()
        return Suggest.closest(to: word, in: names).flatMap(LayerKind.init(word:))
    }
}
