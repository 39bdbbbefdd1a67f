import Foundation

/// Reads CSV (RFC 4180 quoting) and TSV (no quoting) files of text and label columns.
///
/// CSV is parsed from the whole file in memory by `CSVParser`; TSV is read line
/// by line (a field never holds a tab or line break, so `"` is an ordinary
/// character: the UCI sentence files have unbalanced quotes). A header is
/// detected (or forced by `header=`), columns chosen by `ColumnChoice`. Rows with
/// a different field count, invalid UTF-8, NUL bytes or over-long lines are
/// dropped and reported with their line numbers.
enum DelimitedReader {
    /// Reads `path` as CSV (`tab == false`) or TSV.
    /// - Throws: `DataError` for an empty, header-only, binary or column-less file.
    static func read(path: String, tab: Bool, options: LoadOptions) throws -> Dataset {
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
        let named = [options.textColumn, options.labelColumn].compactMap { $0 }.filter { Int($0) == nil }
        let hasHeader = options.header ?? (named.contains { n in firstRow.contains { $0.lowercased() == n.lowercased() } }
                                           || ColumnChoice.looksLikeHeader(firstRow))
        let width = firstRow.count
        let names = hasHeader ? firstRow.map { $0.trimmingCharacters(in: .whitespaces) } : (1...max(width, 1)).map(String.init)
        let body = records[(hasHeader ? firstIndex + 1 : firstIndex)...]
        if hasHeader && body.isEmpty { throw DataError.headerOnly(path: path) }
        let sample = body.prefix(200).compactMap { $0.fields?.map { (try? decode($0).get()) ?? "" } }
        let columns = try ColumnChoice.resolve(names: names, sample: sample, options: options, path: path)
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
}
