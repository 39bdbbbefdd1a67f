import Foundation
import TensorCore

/// Reads a whole TSV file in one pass over its bytes, the body in parallel over chunks
/// cut at line starts.
///
/// The dataset equals what the line-by-line reader (`DelimitedReader.readRecords`) gives:
/// the same rows in file order, header and column choice, and the same drops with their
/// line numbers (over-long lines, wrong field counts, NUL bytes, invalid UTF-8, empty
/// labels). Only the work differs: the file is memory-mapped, no per-field byte arrays
/// or record list are built, and each chunk turns its lines straight into texts and
/// labels. `lab bench --configs load` measures it (SST-2 train ×8, 540k rows: see the README).
enum TSVChunkReader {
    /// Bodies smaller than this are read by one thread.
    static let parallelBytes = 1 << 20

    /// Reads `path` (a TSV file) under `options`; `options.limit` is ignored (callers with a
    /// limit read line by line, stopping early).
    /// - Parameter pieces: the number of chunks to cut the body into; nil takes one per thread
    ///   (one for a body under `parallelBytes`). The result is the same for every cut.
    /// - Throws: `DataError` for an empty, header-only or column-less file, or one with no readable row.
    static func read(path: String, options: LoadOptions, pieces: Int? = nil) throws -> Dataset {
        let data = try FileBytes.read(path)
        return try data.withUnsafeBytes { raw in
            let all = raw.bindMemory(to: UInt8.self)
            return try read(UnsafeBufferPointer(rebasing: all[TextBytes.bomLength(all)...]), path: path, options: options,
                            pieces: pieces)
        }
    }

    /// One line: where its bytes end (before the break) and where the next line starts.
    @inline(__always)
    static func line(in b: UnsafeBufferPointer<UInt8>, from start: Int) -> (end: Int, next: Int) {
        var i = start
        while i < b.count {
            let c = b[i]
            if c == 10 { return (i, i + 1) }
            if c == 13 { return (i, i + 1 < b.count && b[i + 1] == 10 ? i + 2 : i + 1) }
            i += 1
        }
        return (i, i)
    }

    /// The tab-separated fields of a line, as byte ranges.
    static func fields(_ b: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> [Range<Int>] {
        var out: [Range<Int>] = []
        var start = range.lowerBound
        for i in range where b[i] == 9 { out.append(start..<i); start = i + 1 }
        out.append(start..<range.upperBound)
        return out
    }

    private static func read(_ b: UnsafeBufferPointer<UInt8>, path: String, options: LoadOptions, pieces: Int?) throws -> Dataset {
        let maxLine = options.maxLineBytes
        let overlong = RowProblem("line too long", detail: "over \(maxLine) bytes")
        func decoded(_ r: Range<Int>) -> String { (try? TextBytes.decode(UnsafeBufferPointer(rebasing: b[r])).get()) ?? "" }

        // The head, line by line: over-long lines before the first readable record are dropped;
        // that record is the header or the first row.
        var pos = 0, lineNumber = 0
        var headDrops: [Int] = []
        var first: (fields: [Range<Int>], start: Int, next: Int, line: Int)?
        while pos < b.count, first == nil {
            let (end, next) = line(in: b, from: pos)
            lineNumber += 1
            if end - pos > maxLine { headDrops.append(lineNumber) }
            else if !TextBytes.isBlank(UnsafeBufferPointer(rebasing: b[pos..<end])) {
                first = (fields(b, pos..<end), pos, next, lineNumber)
            }
            pos = next
        }
        guard let first else {
            if headDrops.isEmpty { throw DataError.emptyFile(path: path) }
            var c = RowCollector(source: path, limit: nil)
            for l in headDrops { c.drop(line: l, overlong) }
            throw DataError.noRows(path: path, report: c.report.text)
        }
        let layout = try DelimitedReader.Layout(firstRow: first.fields.map(decoded), options: options, path: path) { hasHeader in
            var p = hasHeader ? first.next : first.start, records = 0
            var sample: [[String]] = []
            while p < b.count, records < DelimitedReader.Layout.sampleRecords {
                let (end, next) = line(in: b, from: p)
                if end - p > maxLine { records += 1 }
                else if !TextBytes.isBlank(UnsafeBufferPointer(rebasing: b[p..<end])) {
                    records += 1
                    sample.append(fields(b, p..<end).map(decoded))
                }
                p = next
            }
            return (records == 0, sample)
        }
        let bodyStart = layout.hasHeader ? first.next : first.start
        let bodyLine = layout.hasHeader ? first.line + 1 : first.line

        // The body: chunks cut just after a line feed, read in parallel, joined in file order.
        let cuts = chunkStarts(b, from: bodyStart, pieces: pieces ?? (b.count - bodyStart < parallelBytes ? 1 : Parallel.threads))
        var chunks = [ChunkRows](repeating: ChunkRows(), count: cuts.count - 1)
        chunks.withUnsafeMutableBufferPointer { out in
            Parallel.forEach(out.count) { k in
                out[k] = ChunkRows(b, cuts[k]..<cuts[k + 1], layout: layout, maxLine: maxLine, overlong: overlong)
            }
        }
        var rows = RowCollector(source: path, limit: nil)
        for l in headDrops { rows.drop(line: l, overlong) }
        var offset = bodyLine - 1
        for chunk in chunks {
            rows.append(chunk, lineOffset: offset)
            offset += chunk.lineCount
        }
        return try rows.dataset(options: options)
    }

    /// `pieces + 1` offsets cutting `from..<b.count` into near-equal chunks, each cut just
    /// after a line feed (so at a line start, never inside `\r\n`); chunks may be empty.
    static func chunkStarts(_ b: UnsafeBufferPointer<UInt8>, from: Int, pieces: Int) -> [Int] {
        var cuts = [from]
        let size = (b.count - from) / max(pieces, 1)
        for k in 1..<max(pieces, 1) {
            var c = max(from + k * size, cuts.last!)
            while c < b.count && c > from && b[c - 1] != 10 { c += 1 }
            cuts.append(c)
        }
        cuts.append(b.count)
        return cuts
    }
}

/// What one chunk of a TSV body holds: its rows in order, its dropped rows, its line count.
/// Line numbers count from 1 at the chunk's first line.
struct ChunkRows {
    var texts: [String] = []
    var labels: [String?] = []
    var lines: [Int] = []
    var drops: [(line: Int, problem: RowProblem)] = []
    var lineCount = 0

    init() {}

    /// Reads the lines of `range` (which starts at a line start and ends at one or at the end of the file).
    init(_ b: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, layout: DelimitedReader.Layout, maxLine: Int,
         overlong: RowProblem) {
        let width = layout.width, textColumn = layout.columns.text, labelColumn = layout.columns.label
        // Byte ranges of the fields the row needs: the text and label columns.
        let needed = max(textColumn, labelColumn ?? 0)
        var starts = [Int](repeating: 0, count: needed + 2)
        var pos = range.lowerBound
        guard let base = b.baseAddress, !range.isEmpty else { return }
        let reserve = range.count / 48
        texts.reserveCapacity(reserve); labels.reserveCapacity(reserve); lines.reserveCapacity(reserve)
        while pos < range.upperBound {
            lineCount += 1
            var i = pos, tabs = 0, blank = true
            starts[0] = pos
            scan: while i < range.upperBound {
                // 8 bytes at a time while none is a tab or a line break.
                while i + 8 <= range.upperBound {
                    let w = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
                    if Self.holds(w, 0x0909_0909_0909_0909) || Self.holds(w, 0x0A0A_0A0A_0A0A_0A0A)
                        || Self.holds(w, 0x0D0D_0D0D_0D0D_0D0D) { break }
                    if w != 0x2020_2020_2020_2020 { blank = false }
                    i += 8
                }
                // Then byte by byte, up to the next tab (back to 8 at a time) or the line break.
                while i < range.upperBound {
                    let c = b[i]
                    if c == 10 || c == 13 { break scan }
                    i += 1
                    if c == 9 {
                        tabs += 1
                        if tabs <= needed + 1 { starts[tabs] = i }
                        continue scan
                    }
                    if c != 32 { blank = false }
                }
            }
            let end = i
            if i < range.upperBound { i += b[i] == 13 && i + 1 < range.upperBound && b[i + 1] == 10 ? 2 : 1 }
            defer { pos = i }
            if end - pos > maxLine { drops.append((lineCount, overlong)); continue }
            if blank { continue }
            if tabs + 1 != width {
                drops.append((lineCount, RowProblem("wrong number of fields", detail: "\(tabs + 1), expected \(width)")))
                continue
            }
            // Field f spans starts[f] up to the tab before starts[f + 1] (or the line's end for the last field).
            func field(_ f: Int) -> UnsafeBufferPointer<UInt8> {
                UnsafeBufferPointer(rebasing: b[starts[f]..<(f == tabs ? end : starts[f + 1] - 1)])
            }
            switch TextBytes.decode(field(textColumn)) {
            case .failure(let p): drops.append((lineCount, p))
            case .success(let text):
                guard let labelColumn else { append(text, nil); continue }
                switch TextBytes.decode(field(labelColumn)) {
                case .failure(let p): drops.append((lineCount, p))
                case .success(let label):
                    let trimmed = Self.trimmed(label, field(labelColumn))
                    if trimmed.isEmpty { drops.append((lineCount, RowProblem("empty label"))) } else { append(text, trimmed) }
                }
            }
        }
    }

    /// Whether any byte of `word` equals the byte repeated in `pattern` (the zero-byte test
    /// of "Bit Twiddling Hacks" on `word ^ pattern`: exact for whether, not for where).
    @inline(__always)
    static func holds(_ word: UInt64, _ pattern: UInt64) -> Bool {
        let x = word ^ pattern
        return (x &- 0x0101_0101_0101_0101) & ~x & 0x8080_8080_8080_8080 != 0
    }

    private mutating func append(_ text: String, _ label: String?) {
        texts.append(text); labels.append(label); lines.append(lineCount)
    }

    /// `label` without surrounding whitespace, as `trimmingCharacters(in: .whitespaces)` gives it;
    /// skips Foundation when the first and last bytes are ASCII other than space (never trimmed).
    static func trimmed(_ label: String, _ bytes: UnsafeBufferPointer<UInt8>) -> String {
        if let f = bytes.first, let l = bytes.last, f < 0x80, f != 32, l < 0x80, l != 32 { return label }
        return label.trimmingCharacters(in: .whitespaces)
    }
}
