import LabData
import NeuralNet

/// Words for tab completion at the prompt: the language's static vocabulary plus the session's names.
public enum Completion {
    /// Every verb, with aliases.
    public static let verbs: [String] = Verb.allCases.map(\.rawValue) + Verb.aliases.keys.sorted()
    /// Every layer-line kind, with aliases, and `end`.
    public static let layerKinds: [String] = LayerKind.allCases.map(\.rawValue) + LayerKind.aliases.keys.sorted() + ["end"]

    /// The `key=` names a verb takes (without `=`).
    public static func optionKeys(for verb: Verb) -> [String] { OptionTable.keys(for: verb) }

    /// The `key=` names a layer kind takes, positional ones included.
    public static func optionKeys(for kind: LayerKind) -> [String] {
        (OptionTable.positionals(for: kind) + OptionTable.keywords(for: kind)).map(\.name)
    }

    /// The closed set of values a `key=` takes, if it has one.
    /// (Every statement's `key` of that name contributes: `padding=` offers `pre`, `post`, `valid`, `same`.)
    public static func values(forOption key: String) -> [String] {
        var seen = Set<String>()
        return OptionTable.all.filter { $0.name == key }.flatMap(\.completions).filter { seen.insert($0).inserted }
    }

    /// Candidates for the word being completed.
    ///
    /// - Parameters:
    ///   - word: the partial word under the cursor (may hold `key=` and a comma list).
    ///   - before: the line before that word.
    ///   - isInsideBlock: whether a `model` block is open (layer kinds instead of verbs).
    ///   - sessionNames: names of the session's datasets, splits and models.
    /// - Returns: full replacements for `word`, sorted, starting with it (case-insensitive).
    public static func candidates(for word: String, after before: String, isInsideBlock: Bool,
                                  sessionNames: [String]) -> [String] {
        let previous = before.split(whereSeparator: { $0 == " " || $0 == "\t" })
        var pool: [String]
        var prefix = ""
        var partial = word
        if previous.isEmpty {
            pool = isInsideBlock ? layerKinds : verbs
        } else if let equals = word.firstIndex(of: "=") {
            let key = word[..<equals].lowercased()
            let valueText = word[word.index(after: equals)...]
            let itemStart = valueText.lastIndex(of: ",").map { valueText.index(after: $0) } ?? valueText.startIndex
            prefix = String(word[..<itemStart])
            partial = String(valueText[itemStart...])
            pool = values(forOption: key) + (key == "val" || key == "weights" ? sessionNames : [])
        } else {
            let head = String(previous[0])
            let keys: [String]
            if isInsideBlock, LayerKind(word: head) == .bidirectional {
                // `bidirectional KIND …`: first the wrapped kind, then its keys and merge_mode=.
                let wrapped = previous.count > 1 ? LayerKind(word: String(previous[1])) : nil
                keys = (wrapped.map(optionKeys(for:)) ?? []) + OptionTable.keywords(for: .bidirectional).map(\.name)
                pool = keys.map { $0 + "=" } + (previous.count == 1 ? LayerParser.wrappableKinds.map(\.rawValue) : [])
            } else if isInsideBlock {
                keys = LayerKind(word: head).map(optionKeys(for:)) ?? []
                pool = keys.map { $0 + "=" } + (head.lowercased() == "dense" ? Activation.allCases.map(\.rawValue) : [])
            } else {
                let verb = Verb(word: head)
                keys = verb.map(optionKeys(for:)) ?? []
                pool = keys.map { $0 + "=" } + sessionNames + ["on", "from", "to"]
                if verb == .plot || verb == .expect { pool += HistoryKey.allNames }
                if [.show, .compare, .plot, .export].contains(verb) { pool.append("run") }
                if verb == .runs { pool.append("where") }
                if verb == .expect { pool += Expectation.Qualifier.allCases.map(\.rawValue) }
                if verb == .help { pool += Verb.allCases.map(\.rawValue) }
                if verb == .tokenize { pool.append("like") }
                if verb == .vectorize { pool += VectorizerOptions.Weighting.allCases.map(\.rawValue) }
            }
        }
        let lowered = partial.lowercased()
        return Array(Set(pool.filter { $0.lowercased().hasPrefix(lowered) })).sorted().map { prefix + $0 }
    }
}
