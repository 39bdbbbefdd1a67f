import Foundation

/// Reads CSV (RFC 4180 quoting) and TSV (no quoting) files of text and label columns.
///
/// CSV is parsed from the whole file in memory by `CSVParser`; TSV is read by
/// lines, a whole file by `TSVChunkReader` in parallel, with `limit=` line by line
/// (a field never holds a tab or line break, so `"` is an ordinary
/// character: the UCI sentence files have unbalanced quotes). A header is
/// detected (or forced by `header=`), columns chosen by `ColumnChoice`. Rows with
/// a different field count, invalid UTF-8, NUL bytes or over-long lines are
/// dropped and reported with their line numbers.
enum DelimitedReader {
    /// Reads `path` as CSV (`tab == false`) or TSV. A whole TSV file (no `limit=`) goes to
    /// `TSVChunkReader`, which gives the same dataset from one parallel pass over its bytes.
    /// - Throws: `DataError` for an empty, header-only, binary or column-less file.
    static func read(path: String, tab: Bool, options: LoadOptions) throws -> Dataset {
        if tab && options.limit == nil { return try TSVChunkReader.read(path: path, options: options) }
        return try readRecords(path: path, tab: tab, options: options)
    }

    /// Reads `path` record by record: CSV from the whole file, TSV line by line through
    /// `LineReader` (stopping after `limit=` rows).
    static func readRecords(path: String, tab: Bool, options: LoadOptions) throws -> Dataset {
        var records: [(fields: [[UInt8]]?, line: Int, problem: RowProblem?)] = []
        if tab {
            let reader = LineReader(path: path, maxLineBytes: options.maxLineBytes)
            try reader.forEachLine { line, number in
                switch line {
                case .overlong:
                    records.append((nil, number, RowProblem("line too long", detail: "over \(options.maxLineBytes) bytes")))
                case .bytes(let b):
                    if TextBytes.isBlank(b) { return true }
                    records.append((b.split(separator: 9, omittingEmptySubsequences: false).map(Array.init), number, nil))
                }
                // One record more than `limit=` for the header, written without `limit + 1` (limit may be Int.max).
                return options.limit.map { records.count - 1 <= $0 } ?? true
            }
        } else {
            let data = try FileBytes.read(path)
            data.withUnsafeBytes { raw in
                let bytes = raw.bindMemory(to: UInt8.self)
                var parser = CSVParser(bytes: bytes, delimiter: 44, maxRecordBytes: options.maxLineBytes)
                while let r = parser.next() {
                    switch r {
                    case .fields(let f, let line): records.append((f, line, nil))
                    case .malformed(let p, let line): records.append((nil, line, p))
                    }
                    if let limit = options.limit, records.count - 1 > limit { break }
                }
            }
        }
        return try assemble(records: records, path: path, options: options)
    }

    private static func assemble(records: [(fields: [[UInt8]]?, line: Int, problem: RowProblem?)],
                                 path: String, options: LoadOptions) throws -> Dataset {
        guard let firstIndex = records.firstIndex(where: { $0.fields != nil }) else {
            if records.isEmpty { throw DataError.emptyFile(path: path) }
            var c = RowCollector(source: path, limit: nil)
            for r in records { c.drop(line: r.line, r.problem ?? RowProblem("unreadable row")) }
            throw DataError.noRows(path: path, report: c.report.text)
        }
        let decode: ([UInt8]) -> Result<String, RowProblem> = { f in f.withUnsafeBufferPointer { TextBytes.decode($0) } }
        let firstRow = records[firstIndex].fields!.map { (try? decode($0).get()) ?? "" }
        let layout = try Layout(firstRow: firstRow, options: options, path: path) { hasHeader in
            let body = records[(hasHeader ? firstIndex + 1 : firstIndex)...]
            return (body.isEmpty, body.prefix(Layout.sampleRecords).compactMap { $0.fields?.map { (try? decode($0).get()) ?? "" } })
        }
        let (hasHeader, width, columns) = (layout.hasHeader, layout.width, layout.columns)
        let body = records[(hasHeader ? firstIndex + 1 : firstIndex)...]
        var rows = RowCollector(source: path, limit: options.limit)
        for r in records[..<firstIndex] { rows.drop(line: r.line, r.problem ?? RowProblem("unreadable row")) }
        for r in body {
            if rows.isFull { break }
            guard let fields = r.fields else { rows.drop(line: r.line, r.problem ?? RowProblem("unreadable row")); continue }
            if fields.count != width {
                rows.drop(line: r.line, RowProblem("wrong number of fields", detail: "\(fields.count), expected \(width)"))
                continue
            }
            switch decode(fields[columns.text]) {
            case .failure(let p): rows.drop(line: r.line, p)
            case .success(let text):
                if let l = columns.label {
                    switch decode(fields[l]) {
                    case .failure(let p): rows.drop(line: r.line, p)
                    case .success(let label):
                        let trimmed = label.trimmingCharacters(in: .whitespaces)
                        if trimmed.isEmpty { rows.drop(line: r.line, RowProblem("empty label")) }
                        else { rows.add(text: text, label: trimmed, line: r.line) }
                    }
                } else {
                    rows.add(text: text, label: nil, line: r.line)
                }
            }
        }
        return try rows.dataset(options: options)
    }

    /// Whether a file has a header, its field count and the chosen columns, decided from
    /// its first row and a sample of the records after it.
    struct Layout {
        /// How many records after the header the column choice samples.
        static let sampleRecords = 200

        let hasHeader: Bool
        let width: Int
        let columns: ColumnChoice

        /// - Parameters:
        ///   - firstRow: the decoded fields of the first readable record.
        ///   - body: given whether that record is a header, whether no record follows the header
        ///     and the decoded fields of the first `sampleRecords` body records (unreadable ones left out).
        /// - Throws: `DataError.headerOnly`, and what `ColumnChoice.resolve` throws.
        init(firstRow: [String], options: LoadOptions, path: String,
             body: (_ hasHeader: Bool) throws -> (isEmpty: Bool, sample: [[String]])) throws {
            let named = [options.textColumn, options.labelColumn].compactMap { $0 }.filter { Int($0) == nil }
            hasHeader = options.header ?? (named.contains { n in firstRow.contains { $0.lowercased() == n.lowercased() } }
                                           || ColumnChoice.looksLikeHeader(firstRow))
            width = firstRow.count
            let names = hasHeader ? firstRow.map { $0.trimmingCharacters(in: .whitespaces) } : (1...max(width, 1)).map(String.init)
            let (isEmpty, sample) = try body(hasHeader)
            if hasHeader && isEmpty { throw DataError.headerOnly(path: path) }
            columns = try ColumnChoice.resolve(names: names, sample: sample, options: options, path: path)
        }
    }
}
