import Foundation

/// Reads a text file line by line in fixed-size chunks, with bounded memory.
///
/// Lines end at `\n`, `\r\n` or `\r` (and the end of the file); the terminator
/// is not part of the line. A UTF-8 byte-order mark at the start is skipped.
/// A line longer than `maxLineBytes` is never buffered whole: the reader skips
/// to its end and reports it as over-long, so a 1 GB line costs no memory.
/// Used by the fastText, TSV, libsvm and plain-lines readers and by streaming.
struct LineReader {
    /// The file read.
    let path: String
    /// The longest line passed to the caller, in bytes.
    let maxLineBytes: Int
    /// The read size.
    let chunkBytes: Int

    init(path: String, maxLineBytes: Int, chunkBytes: Int = 1 << 20) {
        self.path = path
        self.maxLineBytes = maxLineBytes
        self.chunkBytes = chunkBytes
    }

    /// One line handed to the caller.
    enum Line {
        /// A line's bytes (valid only during the call).
        case bytes(UnsafeBufferPointer<UInt8>)
        /// A line longer than `maxLineBytes`, skipped.
        case overlong
    }

    /// Calls `body` with each line and its 1-based number until the file ends or `body` returns false.
    ///
    /// With `range`, only the lines whose first byte lies in it (a data-parallel process's share
    /// of one file): reading starts at the first line start at or after `range.lowerBound` and
    /// ends before the first one at or after `range.upperBound`, so ranges that tile the file
    /// give every line to exactly one of them. Line numbers then count from the range's first line.
    /// - Throws: `DataError.fileNotFound`/`.unreadable` when the file cannot be read, or what `body` throws.
    func forEachLine(in range: Range<Int>? = nil, _ body: (Line, Int) throws -> Bool) throws {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw FileManager.default.fileExists(atPath: path)
                ? DataError.unreadable(path: path, reason: "permission denied or not a regular file")
                : DataError.fileNotFound(path: path)
        }
        defer { try? handle.close() }
        var buffer: [UInt8] = []
        var lineNumber = 0
        var skipping = false
        var atStart = true
        var eof = false
        // The file offset of buffer[0]; the end of the lines to read.
        var position = 0
        let rangeEnd = range?.upperBound ?? Int.max
        // A range starting inside the file starts after the first line end at or after the byte
        // before it: the line holding that byte belongs to the range before.
        var aligning = false
        // A byte-order mark belongs to the first line (which starts at offset 0) until it is consumed.
        var leadingBOM = 0
        if let lower = range?.lowerBound, lower > 0 {
            do { try handle.seek(toOffset: UInt64(lower - 1)) } catch {
                throw DataError.unreadable(path: path, reason: "\(error.localizedDescription)")
            }
            position = lower - 1
            atStart = false
            aligning = true
        }
        while !eof {
            let chunk: Data
            do { chunk = try handle.read(upToCount: chunkBytes) ?? Data() } catch {
                throw DataError.unreadable(path: path, reason: "\(error.localizedDescription)")
            }
            eof = chunk.isEmpty
            buffer.append(contentsOf: chunk)
            if atStart && (buffer.count >= 3 || eof) {
                atStart = false
                let bom = buffer.withUnsafeBufferPointer { TextBytes.bomLength($0) }
                buffer.removeFirst(bom)
                position += bom
                leadingBOM = bom
            }
            if atStart { continue }
            if aligning {
                guard let j = buffer.firstIndex(where: { $0 == 10 || $0 == 13 }) else {
                    position += buffer.count
                    buffer.removeAll(keepingCapacity: true)
                    continue
                }
                if buffer[j] == 13 && j + 1 == buffer.count && !eof { continue }  // its \n may follow
                let start = j + 1 + (buffer[j] == 13 && j + 1 < buffer.count && buffer[j + 1] == 10 ? 1 : 0)
                buffer.removeFirst(start)
                position += start
                aligning = false
            }
            if position - leadingBOM >= rangeEnd { return }
            var consumed = 0
            var stop = false
            try buffer.withUnsafeBufferPointer { all in
                var i = 0
                var lineStart = 0
                while i < all.count {
                    let b = all[i]
                    if b != 10 && b != 13 { i += 1; continue }
                    if b == 13 && i + 1 == all.count && !eof { break }  // a \r whose \n may follow in the next chunk
                    let end = i
                    i += (b == 13 && i + 1 < all.count && all[i + 1] == 10) ? 2 : 1
                    lineNumber += 1
                    if skipping {
                        skipping = false
                    } else if end - lineStart > maxLineBytes {
                        if try !body(.overlong, lineNumber) { stop = true; return }
                    } else if try !body(.bytes(UnsafeBufferPointer(rebasing: all[lineStart..<end])), lineNumber) {
                        stop = true; return
                    }
                    lineStart = i
                    if position + lineStart >= rangeEnd { stop = true; return }
                }
                consumed = lineStart
                if eof && lineStart < all.count && !skipping {
                    lineNumber += 1
                    consumed = all.count
                    let last = UnsafeBufferPointer(rebasing: all[lineStart...])
                    if last.count > maxLineBytes { _ = try body(.overlong, lineNumber) } else { _ = try body(.bytes(last), lineNumber) }
                } else if !skipping && all.count - lineStart > maxLineBytes {
                    skipping = true
                    consumed = all.count
                    if try !body(.overlong, lineNumber + 1) { stop = true }
                } else if skipping {
                    consumed = all.count
                }
            }
            if stop { return }
            buffer.removeFirst(consumed)
            position += consumed
            if consumed > 0 { leadingBOM = 0 }
        }
    }
}
