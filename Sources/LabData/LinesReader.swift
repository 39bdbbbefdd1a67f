/// Reads a plain text file as one unlabeled text per non-blank line.
enum LinesReader {
    /// Reads `path`; targets are zeros and the mapping is `unlabeled`.
    /// - Throws: `DataError` for a missing, empty or binary file.
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
                switch TextBytes.decode(b) {
                case .failure(let p): rows.drop(line: number, p)
                case .success(let text): rows.add(text: text, label: nil, line: number)
                }
            }
            return !rows.isFull
        }
        if !sawLine { throw DataError.emptyFile(path: path) }
        return try rows.dataset(options: options)
    }
}
