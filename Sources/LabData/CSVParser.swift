/// An RFC 4180 record parser over the bytes of a whole CSV file.
///
/// Fields are separated by `delimiter`; a field that starts with `"` is quoted
/// and may hold delimiters, line breaks and `""` (one quote). A quote inside an
/// unquoted field is an ordinary character, as Python's `csv` reads it. Records
/// end at `\n`, `\r\n` or `\r` outside quotes. Blank lines are skipped.
/// Malformed records (a quote never closed, text after a closing quote) are
/// returned as problems with their starting line, and parsing resumes at the
/// next line so one bad quote cannot swallow the rest of the file.
struct CSVParser {
    /// One parsed record: its fields' bytes, or why it is malformed; with its first line.
    enum Record {
        case fields([[UInt8]], line: Int)
        case malformed(RowProblem, line: Int)
    }

    let bytes: UnsafeBufferPointer<UInt8>
    let delimiter: UInt8
    let maxRecordBytes: Int
    private var pos: Int
    private var line = 1

    init(bytes: UnsafeBufferPointer<UInt8>, delimiter: UInt8, maxRecordBytes: Int) {
        self.bytes = bytes
        self.delimiter = delimiter
        self.maxRecordBytes = maxRecordBytes
        self.pos = TextBytes.bomLength(bytes)
    }

    private func isBreak(_ b: UInt8) -> Bool { b == 10 || b == 13 }

    /// Steps over the line break at `pos`, counting it.
    private mutating func consumeBreak() {
        if bytes[pos] == 13 && pos + 1 < bytes.count && bytes[pos + 1] == 10 { pos += 2 } else { pos += 1 }
        line += 1
    }

    /// Moves `pos` past the next line break at or after `from` (or to the end), counting lines from `pos`.
    private mutating func resync(from: Int) {
        while pos < from { if isBreak(bytes[pos]) { consumeBreak() } else { pos += 1 } }
        while pos < bytes.count && !isBreak(bytes[pos]) { pos += 1 }
        if pos < bytes.count { consumeBreak() }
    }

    /// The next record, or nil at the end of the file.
    mutating func next() -> Record? {
        while pos < bytes.count && isBreak(bytes[pos]) { consumeBreak() }
        guard pos < bytes.count else { return nil }
        let startLine = line, startPos = pos
        var fields: [[UInt8]] = []
        while true {
            var field: [UInt8] = []
            if bytes[pos] == 34 {
                let openLine = line
                pos += 1
                var closed = false
                while pos < bytes.count {
                    let b = bytes[pos]
                    if b == 34 {
                        if pos + 1 < bytes.count && bytes[pos + 1] == 34 { field.append(34); pos += 2; continue }
                        pos += 1; closed = true; break
                    }
                    if b == 13 || b == 10 {
                        let wasCR = b == 13
                        field.append(b); pos += 1
                        if wasCR && pos < bytes.count && bytes[pos] == 10 { field.append(10); pos += 1 }
                        line += 1
                        continue
                    }
                    field.append(b); pos += 1
                }
                if !closed {
                    pos = startPos; line = startLine
                    resync(from: startPos)
                    return .malformed(RowProblem("malformed quoting", detail: "the quote opened on line \(openLine) is never closed"),
                                      line: startLine)
                }
                if pos < bytes.count && bytes[pos] != delimiter && !isBreak(bytes[pos]) {
                    if line > openLine {
                        // A quote that "closes" lines later, mid-field, was never meant to span them: resume after its line.
                        pos = startPos; line = startLine
                        resync(from: startPos)
                        return .malformed(RowProblem("malformed quoting", detail: "the quote opened on line \(openLine) is never closed before a delimiter"),
                                          line: startLine)
                    }
                    resync(from: pos)
                    return .malformed(RowProblem("malformed quoting", detail: "text after a closing quote"), line: startLine)
                }
            } else {
                let start = pos
                while pos < bytes.count && bytes[pos] != delimiter && !isBreak(bytes[pos]) { pos += 1 }
                field.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<pos]))
            }
            fields.append(field)
            if pos - startPos > maxRecordBytes {
                resync(from: pos)
                return .malformed(RowProblem("line too long", detail: "over \(maxRecordBytes) bytes"), line: startLine)
            }
            if pos >= bytes.count { return .fields(fields, line: startLine) }
            if bytes[pos] == delimiter { pos += 1; if pos >= bytes.count { fields.append([]); return .fields(fields, line: startLine) }; continue }
            consumeBreak()
            return .fields(fields, line: startLine)
        }
    }
}
