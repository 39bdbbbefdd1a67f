import Foundation
import TensorCore

/// A fastText or plain-lines file read as a stream, for files larger than memory
/// (the 4 M-review, 1.6 GB Amazon fastText set).
///
/// `fitTokenizer` makes one pass that fits a tokenizer with memory bounded by
/// the vocabulary and collects the label values (`DatasetDescription(stream:)`
/// describes the file in one such pass); `batches` then reads the
/// file again, tokenizing and padding each batch on the fly into reused
/// tensors. Rows are read in file order. Bad lines are dropped and reported as
/// the in-memory readers do, with the same results.
public struct StreamingText: Sendable {
    /// The file.
    public let path: String
    /// `fasttext` or `lines`.
    public let format: DataFormat
    /// Load options (`limit=`, `positive=`/`negative=`, line length bound).
    public let options: LoadOptions
    /// The file as it was at `load`; every pass checks it before and after reading.
    public let signature: FileSignature?
    /// Texts per tokenizer chunk during fitting.
    public let chunkRows = 65_536

    /// A stream over `path`.
    /// - Throws: `DataError.invalidRequest` for formats that cannot stream, or what format inference throws.
    public init(path: String, options: LoadOptions = LoadOptions()) throws {
        try DatasetReader.requireFileOrFolder(path)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { throw DataError.fileNotFound(path: path) }
        if isDirectory.boolValue { throw DataError.unreadable(path: path, reason: "is a directory; only fastText and plain-lines files can be streamed") }
        let format = try options.format ?? DatasetReader.infer(path: path)
        guard format == .fasttext || format == .lines else {
            throw DataError.invalidRequest(reason: "\(path): only fastText and plain-lines files can be streamed, not \(format.rawValue)")
        }
        self.path = path
        self.format = format
        self.options = options
        signature = FileSignature.of(path)
    }

    /// Calls `body(text, rawLabel, line)` for each good row, in order; returns the drops.
    public func forEachRow(_ body: (String, String?, Int) throws -> Void) throws -> DropReport {
        try readRows { text, label, line in try body(text, label, line); return true }
    }

    /// `forEachRow` whose `body` returns false to stop reading; with `range`, only the lines
    /// starting in those bytes (`LineReader.forEachLine(in:)`).
    private func readRows(in range: Range<Int>? = nil, _ body: (String, String?, Int) throws -> Bool) throws -> DropReport {
        try requireUnchanged()
        var going = true
        var rows = RowCollector(source: path, limit: nil)
        var kept = 0
        try LineReader(path: path, maxLineBytes: options.maxLineBytes).forEachLine(in: range) { line, number in
            switch line {
            case .overlong:
                rows.dropOverlong(line: number, maxBytes: options.maxLineBytes)
            case .bytes(let b):
                if TextBytes.isBlank(b) { return true }
                if format == .fasttext {
                    switch FastTextReader.parse(b) {
                    case .failure(let p): rows.drop(line: number, p)
                    case .success(let r):
                        if r.several { rows.note("several different labels; the first was kept") }
                        going = try body(r.text, r.label, number); kept += 1
                    }
                } else {
                    switch TextBytes.decode(b) {
                    case .failure(let p): rows.drop(line: number, p)
                    case .success(let text): going = try body(text, nil, number); kept += 1
                    }
                }
            }
            return going && (options.limit.map { kept < $0 } ?? true)
        }
        try requireUnchanged()
        return rows.report
    }

    /// Refuses to read a file replaced, truncated or edited since `load`: the fitted tokenizer,
    /// row count and label mapping describe the old contents.
    /// - Throws: `DataError.fileChanged`.
    public func requireUnchanged() throws {
        if FileSignature.of(path) != signature { throw DataError.fileChanged(path: path) }
    }

    /// The label mapping known before reading: `positive=`/`negative=` fix it for fastText; nil
    /// when it must be inferred from the values (or for plain lines, which have no labels).
    public var fixedMapping: LabelMapping? {
        guard format == .fasttext, options.positive != nil || options.negative != nil else { return nil }
        return LabelMapping.infer(values: [], positive: options.positive, negative: options.negative)
    }

    /// `forEachRow` without the rows whose label has no mapping under `fixedMapping`; those are
    /// dropped and reported as the in-memory readers report them.
    public func forEachMappedRow(_ body: (String, String?, Int) throws -> Void) throws -> DropReport {
        let fixed = fixedMapping
        var unmapped = DropReport()
        var report = try forEachRow { text, label, line in
            if let fixed, fixed.target(for: label ?? "") == nil {
                unmapped.drop(file: path, line: line, reason: "unknown label value", detail: "'\(label ?? "")'")
                return
            }
            try body(text, label, line)
        }
        report.merge(unmapped)
        return report
    }

    /// One pass: fits `tokenizer` on every text that has a target and infers the label mapping.
    /// - Returns: the rows read (the samples `batches` yields), the label mapping, and the drops.
    public func fitTokenizer(_ tokenizer: inout Tokenizer) throws -> (rows: Int, mapping: LabelMapping, drops: DropReport) {
        var labels = Set<String>()
        var rows = 0
        var drops = DropReport()
        var failure: Error?
        tokenizer.fit { add in
            var chunk: [String] = []
            chunk.reserveCapacity(chunkRows)
            do {
                drops = try forEachMappedRow { text, label, _ in
                    chunk.append(text)
                    if let label { labels.insert(label) }
                    rows += 1
                    if chunk.count == chunkRows { add(chunk); chunk.removeAll(keepingCapacity: true) }
                }
            } catch { failure = error }
            if !chunk.isEmpty { add(chunk) }
        }
        if let failure { throw failure }
        return try pass(rows: rows, labels: labels, drops: drops)
    }

    /// One pass counting rows and labels without fitting anything, for data read with a
    /// tokenizer fitted elsewhere (`tokenize NAME like MODEL`).
    /// - Returns: as `fitTokenizer`.
    /// - Throws: `DataError.noRows` when no row is left, or what reading throws.
    public func scan() throws -> (rows: Int, mapping: LabelMapping, drops: DropReport) {
        var labels = Set<String>()
        var rows = 0
        let drops = try forEachMappedRow { _, label, _ in
            if let label { labels.insert(label) }
            rows += 1
        }
        return try pass(rows: rows, labels: labels, drops: drops)
    }

    /// What one pass found: the row count, the label mapping the labels imply, the drops.
    private func pass(rows: Int, labels: Set<String>, drops: DropReport) throws -> (rows: Int, mapping: LabelMapping, drops: DropReport) {
        if rows == 0 { throw DataError.noRows(path: path, report: drops.text) }
        let mapping = format == .lines ? LabelMapping(kind: .unlabeled)
            : try LabelMapping.checked(values: labels, positive: options.positive, negative: options.negative, path: path)
        return (rows, mapping, drops)
    }

    /// Part `part` of `parts` near-equal byte ranges of the file (a data-parallel process's share:
    /// the lines starting in it). Meaningless with `limit=`, which counts rows from the file's start.
    public func byteRange(part: Int, of parts: Int) throws -> Range<Int> {
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        let size = (attributes[.size] as? NSNumber)?.intValue ?? 0
        return size * part / parts..<size * (part + 1) / parts
    }

    /// The rows `batches(…, range: range)` yields: those of the lines starting in `range` whose
    /// label has a target under `mapping`.
    public func rowCount(mapping: LabelMapping, in range: Range<Int>) throws -> Int {
        var rows = 0
        _ = try readRows(in: range) { _, label, _ in
            if mapping.target(for: label ?? "") != nil { rows += 1 }
            return true
        }
        return rows
    }

    /// Reads the file again, calling `body(x, y)` per batch: x [B, T] padded ids, y [B, 1] or [B] targets.
    ///
    /// Rows whose label has no mapping are skipped. The tensors are reused between calls; at most
    /// `batchSize` texts are held at once, plus `shuffle`'s buffer. Reading stops early when `body` returns false.
    /// - Parameters:
    ///   - shuffle: rows pass through this buffer (tf.data `shuffle`) on their way into batches; nil keeps file order.
    ///   - range: only the lines starting in these bytes (`byteRange`); nil reads the whole file.
    /// - Returns: the most rows held in memory at once (at most `batchSize`, plus the buffer's capacity).
    @discardableResult
    public func batches(tokenizer: Tokenizer, mapping: LabelMapping, maxlen: Int, batchSize: Int,
                        padding: SequenceEnd = .kerasDefault, truncating: SequenceEnd = .kerasDefault,
                        shuffle: ShuffleBuffer<(String, Float)>? = nil, range: Range<Int>? = nil,
                        _ body: (Tensor, Tensor) throws -> Bool) throws -> Int {
        precondition(batchSize >= 1 && maxlen >= 1)
        // Sized by the rows actually read (`flush` resizes), never by `batchSize`: a batch larger
        // than the file must not allocate for rows that do not exist.
        let x = Tensor(shape: [0, maxlen])
        let y = Tensor(shape: mapping.kind == .classes ? [0] : [0, 1])
        var texts: [String] = [], targets: [Float] = []
        var peak = 0, stopped = false
        var buffer = shuffle
        let held = buffer?.capacity ?? 0
        func flush() throws {
            guard !texts.isEmpty, !stopped else { return }
            let n = texts.count
            peak = Swift.max(peak, n + held)
            x.resize(to: [n, maxlen])
            y.resize(to: mapping.kind == .classes ? [n] : [n, 1])
            PadSequences.pad(tokenizer.sequences(for: texts), into: x, rows: 0..<n, padding: padding, truncating: truncating)
            for i in 0..<n { y.data[i] = targets[i] }
            stopped = try !body(x, y)
            texts.removeAll(keepingCapacity: true); targets.removeAll(keepingCapacity: true)
        }
        func add(_ text: String, _ target: Float) throws {
            texts.append(text); targets.append(target)
            if texts.count == batchSize { try flush() }
        }
        _ = try readRows(in: range) { text, label, _ in
            guard let t = mapping.target(for: label ?? "") else { return true }
            if buffer == nil {
                try add(text, t)
            } else if let (outText, outTarget) = buffer!.push((text, t)) {
                try add(outText, outTarget)
            }
            return !stopped
        }
        while !stopped, let (text, t) = buffer?.drain() { try add(text, t) }
        try flush()
        return peak
    }
}
