import Foundation
import TensorCore

/// A glob of libsvm chunk files (`runs/train_*.svm`) streamed one chunk at a time.
///
/// `init` expands the glob (files in name order) and makes one pass over every chunk: rows,
/// label values, widest index, whether any index is 0 (then all are 0-based, as
/// `LibSVMReader`), and the malformed lines with their file and line. `chunk(_:)` then reads one
/// file into memory as sparse rows and targets; nothing else of the data is held. Every read
/// checks that the file is the one scanned.
public struct LibSVMChunks: Sendable {
    /// The pattern as given.
    public let pattern: String
    /// The chunk files, in name order.
    public let paths: [String]
    /// The samples one pass yields, N.
    public let rows: Int
    /// D, the number of columns (`features=`, else the widest index seen).
    public let columnCount: Int
    /// Whether indices are 0-based (an index 0 appears somewhere).
    public let zeroBased: Bool
    /// How raw labels become targets.
    public let mapping: LabelMapping
    /// Rows per raw label value, for `describe`.
    public let labelCounts: [String: Int]
    /// The rows per chunk (those `chunk(_:)` yields).
    public let chunkRows: [Int]
    /// Lines dropped while scanning, with their file and line.
    public let drops: DropReport
    private let signatures: [FileSignature?]
    private let options: LoadOptions

    /// Whether `path` holds glob characters (`*`, `?`, `[`).
    public static func isPattern(_ path: String) -> Bool { path.contains { "*?[".contains($0) } }

    /// The files `pattern` matches now, in name order (a plain path matches itself when it exists).
    /// - Throws: `DataError.unreadable` when the folder cannot be read.
    public static func matches(_ pattern: String) throws -> [String] {
        var matches = glob_t()
        defer { globfree(&matches) }
        var found: [String] = []
        switch glob(pattern, 0, nil, &matches) {
        case 0:
            for i in 0..<Int(matches.gl_pathc) {
                if let p = matches.gl_pathv[i] { found.append(String(cString: p)) }
            }
        case GLOB_NOMATCH: break
        default: throw DataError.unreadable(path: pattern, reason: "cannot list the files the pattern matches")
        }
        return found.sorted()
    }

    /// Expands `pattern` and scans every chunk once.
    /// - Throws: `DataError.fileNotFound` when nothing matches, `.invalidRequest` for a match that is not a
    ///   libsvm file, `.noRows` when no row is left, or what reading throws.
    public init(pattern: String, options: LoadOptions = LoadOptions()) throws {
        let found = try Self.matches(pattern)
        guard !found.isEmpty else { throw DataError.fileNotFound(path: pattern) }
        for path in found {
            try DatasetReader.requireFileOrFolder(path)
            let format = try options.format ?? DatasetReader.infer(path: path)
            guard format == .libsvm else {
                throw DataError.invalidRequest(reason: "\(path): a glob streams libsvm chunks, and this file reads as \(format.rawValue)")
            }
        }
        self.pattern = pattern
        self.options = options
        paths = found
        signatures = found.map(FileSignature.of)
        var report = DropReport()
        var counts: [String: Int] = [:]
        var perChunk: [Int] = []
        var largest = 0, sawZero = false
        var columns: [Int32] = [], values: [Float] = []
        let limit = max(LibSVMReader.maxIndex, options.features ?? 0)
        for path in found {
            var n = 0
            try LineReader(path: path, maxLineBytes: options.maxLineBytes).forEachLine { line, number in
                switch line {
                case .overlong:
                    report.drop(file: path, line: number, reason: "line too long", detail: "over \(options.maxLineBytes) bytes")
                case .bytes(let b):
                    if TextBytes.isBlank(b) || b.first == 35 { return true }
                    columns.removeAll(keepingCapacity: true); values.removeAll(keepingCapacity: true)
                    switch LibSVMReader.parse(b, maxIndex: limit, columns: &columns, values: &values) {
                    case .failure(let p): report.drop(file: path, line: number, reason: p.reason, detail: p.detail)
                    case .success(let label):
                        if columns.first == 0 { sawZero = true }
                        largest = max(largest, Int(columns.last ?? 0))
                        counts[label, default: 0] += 1
                        n += 1
                    }
                }
                return true
            }
            perChunk.append(n)
        }
        zeroBased = sawZero
        if sawZero { report.note("feature index 0, so every index is read as 0-based (as scikit-learn's zero_based=\"auto\")") }
        columnCount = options.features ?? (sawZero ? largest + 1 : largest)
        mapping = try LabelMapping.checked(values: Set(counts.keys), positive: options.positive, negative: options.negative,
                                           path: pattern)
        // Rows a chunk read will drop (a label without mapping, an index past features=) are not known
        // until then; `chunk` reports them, and the row count here is what the scan kept.
        labelCounts = counts
        chunkRows = perChunk
        rows = perChunk.reduce(0, +)
        drops = report
        if rows == 0 { throw DataError.noRows(path: pattern, report: report.text) }
    }

    /// Reads chunk `k` into memory: its sparse rows [n, D] and targets, rows whose label has no
    /// mapping or whose index exceeds D left out (they were reported by the scan or are reported here).
    /// - Throws: `DataError.fileChanged` when the file is not the one scanned, or what reading throws.
    public func chunk(_ k: Int) throws -> (rows: SparseRows, targets: [Float]) {
        let path = paths[k]
        guard FileSignature.of(path) == signatures[k] else { throw DataError.fileChanged(path: path) }
        var out = SparseRows(columnCount: columnCount)
        out.reserve(rows: chunkRows[k], nonZeros: 0)
        var targets: [Float] = []
        targets.reserveCapacity(chunkRows[k])
        var columns: [Int32] = [], values: [Float] = []
        let limit = max(LibSVMReader.maxIndex, options.features ?? 0)
        let shift: Int32 = zeroBased ? 0 : 1
        try LineReader(path: path, maxLineBytes: options.maxLineBytes).forEachLine { line, _ in
            guard case .bytes(let b) = line, !TextBytes.isBlank(b), b.first != 35 else { return true }
            columns.removeAll(keepingCapacity: true); values.removeAll(keepingCapacity: true)
            guard case .success(let label) = LibSVMReader.parse(b, maxIndex: limit, columns: &columns, values: &values),
                  let target = mapping.target(for: label),
                  Int(columns.last ?? 0) - Int(shift) < columnCount else { return true }
            if shift != 0 { for j in columns.indices { columns[j] -= shift } }
            out.append(columns: columns, values: values)
            targets.append(target)
            return true
        }
        guard FileSignature.of(path) == signatures[k] else { throw DataError.fileChanged(path: path) }
        return (out, targets)
    }
}
