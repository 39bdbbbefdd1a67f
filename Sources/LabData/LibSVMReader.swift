import TensorCore

/// Reads libsvm / svmlight sparse rows, `label idx:val idx:val … [# comment]`, into dense [N, D] inputs.
///
/// Indices are 1-based unless an index 0 appears (then 0-based), as
/// scikit-learn's `load_svmlight_file(zero_based="auto")`. D is `features=` when
/// given, else the largest index seen. A row with an index outside 1…D (0…D−1
/// when 0-based), a negative or non-numeric index or value is dropped and
/// reported with its line number.
enum LibSVMReader {
    /// The largest dense matrix built, in elements (1 GiB of Float).
    static let maxElements = 1 << 28
    /// The largest index accepted without `features=`.
    static let maxIndex = 10_000_000

    static func parse(_ line: UnsafeBufferPointer<UInt8>) -> Result<(label: String, pairs: [(Int, Float)]), RowProblem> {
        guard let text = String(validating: line, as: UTF8.self) else { return .failure(RowProblem("invalid UTF-8")) }
        let content = text.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        let tokens = content.split(whereSeparator: { $0 == " " || $0 == "\t" })
        guard let label = tokens.first else { return .failure(RowProblem("no label")) }
        // A word among numeric labels would silently become one more class.
        guard let number = Double(label), number.isFinite else { return .failure(RowProblem("non-numeric label", detail: "'\(label)'")) }
        var pairs: [(Int, Float)] = []
        for t in tokens.dropFirst() {
            if t.hasPrefix("qid:") { continue }
            let parts = t.split(separator: ":", omittingEmptySubsequences: false)
            guard parts.count == 2, let i = Int(parts[0]), let v = Float(parts[1]), v.isFinite else {
                return .failure(RowProblem("malformed feature", detail: "'\(t)'"))
            }
            if i < 0 || i > maxIndex { return .failure(RowProblem("feature index out of range", detail: "\(i)")) }
            pairs.append((i, v))
        }
        return .success((String(label), pairs))
    }

    /// Reads `path`.
    /// - Throws: `DataError` for a missing, empty or row-less file, or a matrix too large to hold densely.
    static func read(path: String, options: LoadOptions) throws -> Dataset {
        var labels: [String] = [], lines: [Int] = [], rows: [[(Int, Float)]] = []
        var report = DropReport()
        var sawLine = false
        try LineReader(path: path, maxLineBytes: options.maxLineBytes).forEachLine { line, number in
            switch line {
            case .overlong:
                sawLine = true
                report.drop(file: path, line: number, reason: "line too long", detail: "over \(options.maxLineBytes) bytes")
            case .bytes(let b):
                if TextBytes.isBlank(b) || b.first == 35 { return true }
                sawLine = true
                switch parse(b) {
                case .failure(let p): report.drop(file: path, line: number, reason: p.reason, detail: p.detail)
                case .success(let r): labels.append(r.label); lines.append(number); rows.append(r.pairs)
                }
            }
            return options.limit.map { labels.count < $0 } ?? true
        }
        if !sawLine { throw DataError.emptyFile(path: path) }
        let zeroBased = rows.contains { $0.contains { $0.0 == 0 } }
        // One stray index 0 shifts every column of a 1-based file, so say where the choice came from.
        for pairs in rows where pairs.contains(where: { $0.0 == 0 }) {
            report.note("feature index 0, so every index is read as 0-based (as scikit-learn's zero_based=\"auto\")")
        }
        let largest = rows.reduce(0) { m, r in r.reduce(m) { max($0, $1.0) } }
        let width = options.features ?? (zeroBased ? largest + 1 : largest)
        var keep: [Int] = []
        for (r, pairs) in rows.enumerated() {
            if let bad = pairs.first(where: { zeroBased ? $0.0 >= width : ($0.0 < 1 || $0.0 > width) }) {
                let range = zeroBased ? "0…\(width - 1)" : "1…\(width)"
                report.drop(file: path, line: lines[r], reason: "feature index out of range", detail: "\(bad.0) not in \(range)")
            } else {
                keep.append(r)
            }
        }
        if keep.isEmpty { throw DataError.noRows(path: path, report: report.text) }
        if keep.count * max(width, 1) > maxElements {
            throw DataError.invalidRequest(reason: "\(path): \(keep.count) rows × \(width) features is too large to hold densely")
        }
        let inputs = Tensor(shape: [keep.count, width])
        for (n, r) in keep.enumerated() {
            for (i, v) in rows[r] { inputs.data[n * width + (zeroBased ? i : i - 1)] = v }
        }
        let keptLabels = keep.map { labels[$0] }
        let mapping = LabelMapping.infer(values: Set(keptLabels), positive: options.positive, negative: options.negative)
        return try ArrayDataset.make(source: path, inputs: inputs, labels: keptLabels, lines: keep.map { lines[$0] },
                                     mapping: mapping, report: report)
    }
}
