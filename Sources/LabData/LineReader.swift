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
    /// - Throws: `DataError.fileNotFound`/`.unreadable` when the file cannot be read, or what `body` throws.
    func forEachLine(_ body: (Line, Int) throws -> Bool) throws {
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
            }
            if atStart { continue }
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
        }
    }
}
