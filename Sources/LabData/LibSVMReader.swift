import Foundation
import TensorCore

/// Reads libsvm / svmlight sparse rows, `label idx:val idx:val … [# comment]`, into sparse [N, D] rows (CSR).
///
/// Indices are 1-based unless an index 0 appears (then 0-based), as
/// scikit-learn's `load_svmlight_file(zero_based="auto")`. D is `features=` when
/// given, else the largest index seen. A row with an index outside 1…D (0…D−1
/// when 0-based), a repeated index, a negative or non-numeric index or value is
/// dropped and reported with its line number. Memory grows with the non-zeros
/// (8 bytes each), never with N × D.
enum LibSVMReader {
    /// The largest index accepted without `features=`.
    static let maxIndex = 10_000_000

    /// One parsed line: its label; its pairs were appended to the caller's arrays.
    /// On failure nothing stays appended.
    static func parse(_ line: UnsafeBufferPointer<UInt8>, maxIndex: Int, columns: inout [Int32],
                      values: inout [Float]) -> Result<String, RowProblem> {
        let start = columns.count
        var end = line.count
        if let hash = line.firstIndex(of: 35) { end = hash }
        var pos = 0
        func isSpace(_ b: UInt8) -> Bool { b == 32 || b == 9 }
        func nextToken() -> Range<Int>? {
            while pos < end && isSpace(line[pos]) { pos += 1 }
            guard pos < end else { return nil }
            let s = pos
            while pos < end && !isSpace(line[pos]) { pos += 1 }
            return s..<pos
        }
        func text(_ r: Range<Int>) -> String { String(decoding: UnsafeBufferPointer(rebasing: line[r]), as: UTF8.self) }
        func fail(_ reason: String, _ detail: String? = nil) -> Result<String, RowProblem> {
            columns.removeSubrange(start...)
            values.removeSubrange(start...)
            return .failure(RowProblem(reason, detail: detail))
        }
        guard let labelRange = nextToken() else { return .failure(RowProblem("no label")) }
        guard String(validating: UnsafeBufferPointer(rebasing: line[labelRange]), as: UTF8.self) != nil else {
            return .failure(RowProblem("invalid UTF-8"))
        }
        let label = text(labelRange)
        // A word among numeric labels would silently become one more class.
        guard let number = Double(label), number.isFinite else { return .failure(RowProblem("non-numeric label", detail: "'\(label)'")) }
        var ascending = true
        while let token = nextToken() {
            guard let colon = line[token].firstIndex(of: 58) else { return fail("malformed feature", "'\(text(token))'") }
            if line[token.lowerBound..<colon].elementsEqual("qid".utf8) { continue }
            guard let index = Self.integer(line, token.lowerBound..<colon), let value = Self.float(line, (colon + 1)..<token.upperBound),
                  value.isFinite else {
                return fail("malformed feature", "'\(text(token))'")
            }
            if index < 0 || index > maxIndex { return fail("feature index out of range", "\(index)") }
            if let last = columns.last, columns.count > start, Int(last) >= index { ascending = false }
            columns.append(Int32(index))
            values.append(value)
        }
        if !ascending {
            var pairs = Array(zip(columns[start...], values[start...]))
            pairs.sort { $0.0 < $1.0 }
            for k in 1..<pairs.count where pairs[k].0 == pairs[k - 1].0 { return fail("repeated feature index", "\(pairs[k].0)") }
            columns.replaceSubrange(start..., with: pairs.map(\.0))
            values.replaceSubrange(start..., with: pairs.map(\.1))
        }
        return .success(label)
    }

    /// The integer spelled by `line[range]` (an optional sign, then 1…18 digits), or nil.
    private static func integer(_ line: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int? {
        var i = range.lowerBound
        var negative = false
        if i < range.upperBound && (line[i] == 45 || line[i] == 43) { negative = line[i] == 45; i += 1 }
        guard i < range.upperBound, range.upperBound - i <= 18 else { return nil }
        var n = 0
        while i < range.upperBound {
            let d = Int(line[i]) - 48
            guard d >= 0 && d <= 9 else { return nil }
            n = n * 10 + d
            i += 1
        }
        return negative ? -n : n
    }

    /// The float spelled by `line[range]` in full (C `strtof`, correctly rounded), or nil.
    private static func float(_ line: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Float? {
        guard !range.isEmpty, range.count < 64 else { return nil }
        return withUnsafeTemporaryAllocation(of: CChar.self, capacity: 64) { buffer in
            for (k, i) in range.enumerated() { buffer[k] = CChar(bitPattern: line[i]) }
            buffer[range.count] = 0
            var endPointer: UnsafeMutablePointer<CChar>?
            let v = strtof(buffer.baseAddress!, &endPointer)
            return endPointer == buffer.baseAddress! + range.count ? v : nil
        }
    }

    /// Reads `path`.
    /// - Throws: `DataError` for a missing, empty or row-less file.
    static func read(path: String, options: LoadOptions) throws -> Dataset {
        var labels: [String] = [], lines: [Int] = []
        var columns: [Int32] = [], values: [Float] = [], rowStarts = [0]
        var report = DropReport()
        var sawLine = false
        let limit = max(maxIndex, options.features ?? 0)
        try LineReader(path: path, maxLineBytes: options.maxLineBytes).forEachLine { line, number in
            switch line {
            case .overlong:
                sawLine = true
                report.drop(file: path, line: number, reason: "line too long", detail: "over \(options.maxLineBytes) bytes")
            case .bytes(let b):
                if TextBytes.isBlank(b) || b.first == 35 { return true }
                sawLine = true
                switch parse(b, maxIndex: limit, columns: &columns, values: &values) {
                case .failure(let p): report.drop(file: path, line: number, reason: p.reason, detail: p.detail)
                case .success(let label):
                    labels.append(label); lines.append(number); rowStarts.append(columns.count)
                }
            }
            return options.limit.map { labels.count < $0 } ?? true
        }
        if !sawLine { throw DataError.emptyFile(path: path) }
        // One stray index 0 shifts every column of a 1-based file, so say where the choice came from.
        var zeroBased = false
        for r in 0..<labels.count where columns[rowStarts[r]..<rowStarts[r + 1]].first == 0 {
            zeroBased = true
            report.note("feature index 0, so every index is read as 0-based (as scikit-learn's zero_based=\"auto\")")
        }
        let largest = Int(columns.max() ?? 0)
        let width = options.features ?? (zeroBased ? largest + 1 : largest)
        if !zeroBased { for k in columns.indices { columns[k] -= 1 } }
        var keep: [Int] = []
        for r in 0..<labels.count {
            let row = columns[rowStarts[r]..<rowStarts[r + 1]]
            if let bad = row.first(where: { Int($0) >= width }) {
                let range = zeroBased ? "0…\(width - 1)" : "1…\(width)"
                report.drop(file: path, line: lines[r], reason: "feature index out of range",
                            detail: "\(Int(bad) + (zeroBased ? 0 : 1)) not in \(range)")
            } else {
                keep.append(r)
            }
        }
        if keep.isEmpty { throw DataError.noRows(path: path, report: report.text) }
        var rows = SparseRows(columnCount: width, rowStarts: rowStarts, columns: columns, values: values)
        columns = []; values = []; rowStarts = []
        if keep.count < labels.count { rows = rows.gather(keep) }
        let keptLabels = keep.count < labels.count ? keep.map { labels[$0] } : labels
        let mapping = try LabelMapping.checked(values: Set(keptLabels), positive: options.positive, negative: options.negative, path: path)
        return try ArrayDataset.make(source: path, sparse: rows, labels: keptLabels,
                                     lines: keep.count < lines.count ? keep.map { lines[$0] } : lines,
                                     mapping: mapping, report: report)
    }
}
