/// Gathers the rows a text reader accepts and the rows it drops, up to `limit=`.
struct RowCollector {
    /// The file being read (for drop reports).
    let source: String
    /// The most rows to keep (`limit=`), or nil for all.
    let limit: Int?
    private(set) var texts: [String] = []
    private(set) var labels: [String?] = []
    private(set) var lines: [Int] = []
    private(set) var report = DropReport()

    init(source: String, limit: Int?) {
        self.source = source
        self.limit = limit
    }

    /// Whether `limit` rows have been kept.
    var isFull: Bool { limit.map { texts.count >= $0 } ?? false }

    /// Keeps one row.
    mutating func add(text: String, label: String?, line: Int) {
        texts.append(text); labels.append(label); lines.append(line)
    }

    /// Keeps a TSV chunk's rows and records its drops, its line numbers moved by `lineOffset`.
    mutating func append(_ chunk: ChunkRows, lineOffset: Int) {
        for d in chunk.drops { drop(line: d.line + lineOffset, d.problem) }
        if texts.isEmpty {
            // The first chunk's arrays are taken whole (no retain and release per String).
            texts = chunk.texts
            labels = chunk.labels
            lines = lineOffset == 0 ? chunk.lines : chunk.lines.map { $0 + lineOffset }
            return
        }
        texts.append(contentsOf: chunk.texts)
        labels.append(contentsOf: chunk.labels)
        lines.append(contentsOf: chunk.lines.lazy.map { $0 + lineOffset })
    }

    /// Records one skipped row.
    mutating func drop(line: Int?, _ problem: RowProblem) {
        report.drop(file: source, line: line, reason: problem.reason, detail: problem.detail)
    }

    /// Records a kept-but-adjusted row.
    mutating func note(_ text: String) { report.note(text) }
    /// Records a remark about the whole source.
    mutating func remark(_ text: String) { report.remark(text) }

    /// Records a line longer than the reader accepts.
    mutating func dropOverlong(line: Int, maxBytes: Int) {
        drop(line: line, RowProblem("line too long", detail: "over \(maxBytes) bytes"))
    }

    /// The dataset of the kept rows, labels mapped by `options`.
    /// - Throws: `DataError.noRows` when nothing was kept.
    func dataset(options: LoadOptions) throws -> Dataset {
        if texts.isEmpty { throw DataError.noRows(path: source, report: report.text) }
        return try Dataset.fromText(source: source, texts: texts, labels: labels, lines: lines,
                                    options: options, report: report)
    }
}
