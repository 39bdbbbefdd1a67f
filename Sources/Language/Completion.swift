import LabData
import NeuralNet
import Training

/// Words for tab completion at the prompt: the language's static vocabulary plus the session's names.
public enum Completion {
    /// Every verb, with aliases.
    public static let verbs: [String] = Verb.allCases.map(\.rawValue) + Verb.aliases.keys.sorted()
    /// Every layer-line kind, with aliases, and `end`.
    public static let layerKinds: [String] = LayerKind.allCases.map(\.rawValue) + LayerKind.aliases.keys.sorted() + ["end"]

    /// The `key=` names a verb takes (without `=`).
    public static func optionKeys(for verb: Verb) -> [String] {
        switch verb {
        case .set: ["threads"]
        case .load: StatementParser.loadOptionKeys
        case .show: ["n"]
        case .split: StatementParser.splitOptionKeys
        case .tokenize: StatementParser.tokenizeOptionKeys
        case .compile: StatementParser.compileOptionKeys
        case .train: StatementParser.trainOptionKeys
        case .evaluate, .report: ["batch"]
        case .predict: ["batch", "top"]
        case .seed, .help, .list, .run, .record, .echo, .quit, .describe, .export, .model, .summary, .history, .plot,
             .compare, .save, .expect: []
        }
    }

    /// The `key=` names a layer kind takes, positional ones included.
    public static func optionKeys(for kind: LayerKind) -> [String] {
        LayerParser.positionalNames(kind) + LayerParser.keywordNames(kind)
    }

    /// The closed set of values a `key=` takes, if it has one.
    public static func values(forOption key: String) -> [String] {
        switch key {
        case "activation": Activation.allCases.map(\.rawValue)
        case "recurrent_activation": RecurrentActivation.allCases.map(\.rawValue)
        case "padding", "truncating": SequenceEnd.allCases.map(\.rawValue) + Padding.allCases.map(\.rawValue)
        case "loss": Loss.allCases.map(\.rawValue)
        case "optimizer": OptimizerKind.allCases.map(\.rawValue)
        case "metrics": Metric.allCases.map(\.rawValue)
        case "format": DataFormat.allCases.map(\.rawValue)
        case "merge_mode": MergeMode.allCases.map(\.rawValue)
        case "header", "shuffle", "stream", "oov", "nesterov", "return_sequences", "reset_after", "restore_best", "best_only": ["true", "false"]
        case "monitor": StatementParser.monitorNames
        case "mode": MonitorMode.allCases.map(\.rawValue)
        case "lr_schedule": ScheduleKind.allCases.map(\.rawValue)
        case "class_weight": ["balanced"]
        default: []
        }
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
            pool = values(forOption: key) + (key == "val" ? sessionNames : [])
        } else {
            let head = String(previous[0])
            let keys: [String]
            if isInsideBlock, LayerKind(word: head) == .bidirectional {
                // `bidirectional KIND …`: first the wrapped kind, then its keys and merge_mode=.
                let wrapped = previous.count > 1 ? LayerKind(word: String(previous[1])) : nil
                keys = (wrapped.map(optionKeys(for:)) ?? []) + LayerParser.keywordNames(.bidirectional)
                pool = keys.map { $0 + "=" } + (previous.count == 1 ? LayerParser.wrappableKinds.map(\.rawValue) : [])
            } else if isInsideBlock {
                keys = LayerKind(word: head).map(optionKeys(for:)) ?? []
                pool = keys.map { $0 + "=" } + (head.lowercased() == "dense" ? Activation.allCases.map(\.rawValue) : [])
            } else {
                let verb = Verb(word: head)
                keys = verb.map(optionKeys(for:)) ?? []
                pool = keys.map { $0 + "=" } + sessionNames + ["on", "from", "to"]
                if verb == .plot || verb == .expect { pool += HistoryKey.allNames }
                if verb == .expect { pool += Expectation.Qualifier.allCases.map(\.rawValue) }
                if verb == .help { pool += Verb.allCases.map(\.rawValue) }
                if verb == .tokenize { pool.append("like") }
            }
        }
        let lowered = partial.lowercased()
        return Array(Set(pool.filter { $0.lowercased().hasPrefix(lowered) })).sorted().map { prefix + $0 }
    }
}
