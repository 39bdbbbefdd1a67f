/// Reads fastText lines: `__label__2 Great CD: My lovely Pat has …`.
///
/// Leading words starting with `__label__` are labels; the text is the rest of
/// the line after them (the Amazon notebooks' `line.split(' ', 1)[1]`). A line
/// with several different labels keeps the first and is counted in the
/// report's notes; a line with no label is dropped and reported.
enum FastTextReader {
    static let prefix = Array("__label__".utf8)

    /// Splits one line into its first label and text.
    /// - Returns: the label, the text, and whether other, different labels were present.
    static func parse(_ line: UnsafeBufferPointer<UInt8>) -> Result<(label: String, text: String, several: Bool), RowProblem> {
        var pos = 0
        var labels: [String] = []
        while pos + prefix.count <= line.count && line[pos..<(pos + prefix.count)].elementsEqual(prefix) {
            var end = pos + prefix.count
            while end < line.count && line[end] != 32 && line[end] != 9 { end += 1 }
            switch TextBytes.decode(UnsafeBufferPointer(rebasing: line[(pos + prefix.count)..<end])) {
            case .failure(let p): return .failure(p)
            case .success(let l): labels.append(l)
            }
            pos = end
            while pos < line.count && (line[pos] == 32 || line[pos] == 9) { pos += 1 }
        }
        guard let first = labels.first, !first.isEmpty else { return .failure(RowProblem("no __label__ at the start")) }
        switch TextBytes.decode(UnsafeBufferPointer(rebasing: line[pos...])) {
        case .failure(let p): return .failure(p)
        case .success(let text): return .success((first, text, labels.contains { $0 != first }))
        }
    }

    /// Reads a whole fastText file.
    /// - Throws: `DataError` for a missing, empty, binary or row-less file.
    static func read(path: String, options: LoadOptions) throws -> Dataset {
        var rows = RowCollector(source: path, limit: options.limit)
        var sawLine = false
        try LineReader(path: path, maxLineBytes: options.maxLineBytes).forEachLine { line, number in
            switch line {
            case .overlong:
                sawLine = true
                rows.dropOverlong(line: number, maxBytes: options.maxLineBytes)
            case .bytes(let b):
                if TextBytes.isBlank(b) { return true }
                sawLine = true
                switch parse(b) {
                case .failure(let p): rows.drop(line: number, p)
                case .success(let r):
                    if r.several { rows.note("several different labels; the first was kept") }
                    rows.add(text: r.text, label: r.label, line: number)
                }
            }
            return !rows.isFull
        }
        if !sawLine { throw DataError.emptyFile(path: path) }
        return try rows.dataset(options: options)
    }
}
