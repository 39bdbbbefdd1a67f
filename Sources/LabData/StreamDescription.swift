extension DatasetDescription {
    /// Describes a file read as a stream in one pass, with memory bounded by the vocabulary.
    ///
    /// Every number is exact and equals `DatasetDescription(dataset)` of the same file loaded in
    /// memory: label counts are kept per raw value, and text lengths as a histogram (one count
    /// per distinct length) from which the percentiles are read.
    /// - Throws: `DataError.noRows` when no row is left, or what reading throws.
    public init(stream: StreamingText) throws {
        var labelCounts: [String: Int] = [:]
        var lengthCounts: [Int: Int] = [:]
        var table = WordTable()
        let splitter = WordSplitter(filters: Tokenizer.defaultFilters, lower: true)
        var count = 0
        let drops = try stream.forEachMappedRow { text, label, _ in
            var n = 0
            splitter.forEachWord(in: text) { table.add($0); n += 1 }
            lengthCounts[n, default: 0] += 1
            if let label { labelCounts[label, default: 0] += 1 }
            count += 1
        }
        if count == 0 { throw DataError.noRows(path: stream.path, report: drops.text) }
        let mapping = stream.format == .lines ? LabelMapping(kind: .unlabeled)
            : LabelMapping.infer(values: Set(labelCounts.keys), positive: stream.options.positive, negative: stream.options.negative)
        source = stream.path + " (streamed)"
        rows = count
        self.mapping = mapping
        self.drops = drops
        inputWidth = nil
        vocabulary = table.count
        if mapping.kind == .binary || mapping.kind == .classes {
            var counts = [Int](repeating: 0, count: mapping.classNames.count)
            for (raw, n) in labelCounts {
                if let k = mapping.target(for: raw).map(Int.init), k >= 0 && k < counts.count { counts[k] += n }
            }
            labelBalance = zip(mapping.classNames, counts).map { ($0, $1) }
        } else {
            labelBalance = []
        }
        let histogram = lengthCounts.sorted { $0.key < $1.key }
        lengthPercentiles = [50, 90, 99, 99.9].map { ($0, Self.percentile(histogram: histogram, total: count, $0)) }
    }

    /// `percentile(_:_:)` of values given as (value, count) pairs in ascending order.
    static func percentile(histogram: [(key: Int, value: Int)], total: Int, _ p: Double) -> Int {
        let k = rank(p, of: total)
        var seen = 0
        for (length, n) in histogram {
            seen += n
            if k < seen { return length }
        }
        return histogram.last?.key ?? 0
    }
}

extension DatasetDescription {
    /// Describes libsvm chunks from the one pass `LibSVMChunks` made over them: rows, label balance,
    /// columns and the lines dropped with their file and line.
    public init(chunks: LibSVMChunks) {
        source = "\(chunks.pattern) (\(chunks.paths.count) chunk\(chunks.paths.count == 1 ? "" : "s"), streamed)"
        rows = chunks.rows
        mapping = chunks.mapping
        drops = chunks.drops
        inputWidth = chunks.columnCount
        vocabulary = nil
        lengthPercentiles = []
        if mapping.kind == .binary || mapping.kind == .classes {
            var counts = [Int](repeating: 0, count: mapping.classNames.count)
            for (raw, n) in chunks.labelCounts {
                if let k = mapping.target(for: raw).map(Int.init), k >= 0 && k < counts.count { counts[k] += n }
            }
            labelBalance = zip(mapping.classNames, counts).map { ($0, $1) }
        } else {
            labelBalance = []
        }
    }
}
