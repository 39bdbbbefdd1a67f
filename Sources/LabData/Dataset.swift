import TensorCore

/// A loaded set of samples: texts or dense features, with their targets.
///
/// Text datasets hold `texts` and, once tokenized, `sequences` (token ids before
/// padding) and `inputs` ([N, T] padded ids as Float). Array datasets (`.npz`,
/// `.npy`) hold dense `inputs` [N, D] from the start. `targets` is
/// Vectorized text (`vectorize`) and libsvm files hold `sparseInputs` [N, D] instead, never densified.
/// [N, 1] for binary or numeric labels and [N] class indices for multi-class.
/// `labels` keeps each row's raw label so splits loaded from different files
/// can share one mapping. `lines` gives each row's source line (0 when the
/// format has none), for `show` and error reports.
public final class Dataset: @unchecked Sendable {
    /// Where the rows came from (a path, or `NAME.split` for a split).
    public let source: String
    /// The raw text of each row, or nil for array data.
    public let texts: [String]?
    /// The raw label value of each row as it appeared in the file.
    public let labels: [String]
    /// The 1-based source line of each row (0 when not from a line-based file).
    public let lines: [Int]
    /// How raw labels became targets.
    public let labelMapping: LabelMapping
    /// Targets: [N, 1] for binary/numeric, [N] class indices for `classes`.
    public let targets: Tensor
    /// Model inputs: [N, T] padded token ids once tokenized, or dense features [N, D].
    public internal(set) var inputs: Tensor?
    /// Sparse model inputs [N, D]: vectorized text or a libsvm file's rows.
    public internal(set) var sparseInputs: SparseRows?
    /// Token ids of each text before padding, once tokenized.
    public internal(set) var sequences: [[Int32]]?
    /// Rows the reader skipped, with reasons and line numbers.
    public let dropReport: DropReport

    /// A dataset from parts already checked by a reader.
    /// - Precondition: `labels`, `lines` and (when given) `texts` and the rows of `inputs` have one entry per sample.
    public init(source: String, texts: [String]?, labels: [String], lines: [Int], labelMapping: LabelMapping,
                targets: Tensor, inputs: Tensor? = nil, sparseInputs: SparseRows? = nil, dropReport: DropReport = DropReport()) {
        precondition(labels.count == lines.count && (texts?.count ?? labels.count) == labels.count)
        precondition((inputs?.shape.first ?? labels.count) == labels.count && (targets.shape.first ?? 0) == labels.count)
        precondition((sparseInputs?.rowCount ?? labels.count) == labels.count)
        self.source = source
        self.texts = texts
        self.labels = labels
        self.lines = lines
        self.labelMapping = labelMapping
        self.targets = targets
        self.inputs = inputs
        self.sparseInputs = sparseInputs
        self.dropReport = dropReport
    }

    /// The number of samples, N.
    public var count: Int { labels.count }

    /// Whether the rows are texts (so they can be tokenized).
    public var isText: Bool { texts != nil }

    /// A text dataset from raw rows: labels mapped under `positive=`/`negative=`,
    /// rows whose label has no mapping dropped and reported.
    /// - Throws: `DataError.noRows` when no row is left.
    static func fromText(source: String, texts: [String], labels: [String?], lines: [Int],
                         options: LoadOptions, report: DropReport, mapping given: LabelMapping? = nil) throws -> Dataset {
        var report = report
        let labeled = labels.allSatisfy { $0 != nil }
        let mapping = if let given { given } else if labeled {
            try LabelMapping.checked(values: distinctLabels(labels), positive: options.positive, negative: options.negative,
                                     path: source)
        } else { LabelMapping(kind: .unlabeled) }
        // A row's target by comparing its label with the few seen so far, hashing only past `fewLabels`.
        var seen: [(raw: String, target: Float?)] = []
        var targets: [Float?] = []
        targets.reserveCapacity(texts.count)
        for label in labels {
            let raw = label ?? ""
            if let known = seen.first(where: { $0.raw == raw }) { targets.append(known.target); continue }
            let target = mapping.target(for: raw)
            if seen.count < fewLabels { seen.append((raw, target)) }
            targets.append(target)
        }
        let allKept = !targets.contains(nil)
        // Every row kept (the usual case): the arrays are shared, not copied a String at a time.
        var keptTexts = allKept ? texts : [], keptLabels = allKept ? labels.map { $0 ?? "" } : []
        var keptLines = allKept ? lines : [], values = allKept ? targets.map { $0! } : []
        for i in 0..<texts.count where !allKept {
            let raw = labels[i] ?? ""
            guard let v = targets[i] else {
                report.drop(file: source, line: lines[i] == 0 ? nil : lines[i], reason: "unknown label value", detail: "'\(raw)'")
                continue
            }
            keptTexts.append(texts[i]); keptLabels.append(raw); keptLines.append(lines[i]); values.append(v)
        }
        if keptTexts.isEmpty { throw DataError.noRows(path: source, report: report.text) }
        let shape = mapping.kind == .classes ? [values.count] : [values.count, 1]
        return Dataset(source: source, texts: keptTexts, labels: keptLabels, lines: keptLines, labelMapping: mapping,
                       targets: Tensor(shape: shape, values: values), dropReport: report)
    }

    /// How many distinct labels `fromText` tells apart by comparing strings (a String hash per
    /// row was the costliest part of label mapping on SST-2 ×8); more are hashed.
    static let fewLabels = 16

    /// The distinct non-nil labels: the first `fewLabels` found by comparison, the rest by hashing.
    static func distinctLabels(_ labels: [String?]) -> Set<String> {
        var few: [String] = [], all = Set<String>()
        for case let label? in labels where !few.contains(label) {
            if few.count < fewLabels { few.append(label) }
            all.insert(label)
        }
        return all
    }

    /// The same rows with labels mapped by `mapping` (so a test split shares the train split's classes).
    /// Rows whose label has no mapping are dropped and reported.
    /// - Throws: `DataError.noRows` when no row is left.
    public func relabeled(with mapping: LabelMapping) throws -> Dataset {
        if mapping == labelMapping { return self }
        guard let texts else {
            throw DataError.invalidRequest(reason: "\(source): array data cannot take another split's label mapping")
        }
        return try Dataset.fromText(source: source, texts: texts, labels: labels, lines: lines, options: LoadOptions(),
                                    report: dropReport, mapping: mapping)
    }

    /// The same rows without token ids or vectorized rows (texts to be tokenized again).
    public func withoutTokens() -> Dataset {
        Dataset(source: source, texts: texts, labels: labels, lines: lines, labelMapping: labelMapping, targets: targets,
                inputs: texts == nil ? inputs : nil, sparseInputs: texts == nil ? sparseInputs : nil, dropReport: dropReport)
    }

    /// A new dataset with the given rows, in the given order (used by `split`).
    /// - Precondition: every index is in 0..<count.
    public func subset(_ indices: [Int], source: String) -> Dataset {
        let targetWidth = targets.count / max(count, 1)
        let newTargets = Tensor(shape: [indices.count] + targets.shape.dropFirst())
        for (r, i) in indices.enumerated() {
            for j in 0..<targetWidth { newTargets.data[r * targetWidth + j] = targets.data[i * targetWidth + j] }
        }
        var newInputs: Tensor?
        if let inputs {
            let width = inputs.count / max(count, 1)
            let t = Tensor(shape: [indices.count] + inputs.shape.dropFirst())
            for (r, i) in indices.enumerated() {
                (t.data + r * width).update(from: inputs.data + i * width, count: width)
            }
            newInputs = t
        }
        let d = Dataset(source: source, texts: texts.map { t in indices.map { t[$0] } },
                        labels: indices.map { labels[$0] }, lines: indices.map { lines[$0] },
                        labelMapping: labelMapping, targets: newTargets, inputs: newInputs,
                        sparseInputs: sparseInputs?.gather(indices))
        d.sequences = sequences.map { s in indices.map { s[$0] } }
        return d
    }
}
