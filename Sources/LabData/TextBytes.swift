import Foundation

/// Byte-level checks and conversions shared by the text readers.
///
/// Readers work on UTF-8 bytes so that record boundaries are exactly `\n`,
/// `\r\n` or `\r` (never NEL U+0085 or other Unicode breaks, as Python's
/// `open()` + `csv` see them) and so invalid bytes are caught per row.
enum TextBytes {
    /// Why a field's bytes cannot become text, or nil when they can.
    static func problem(in bytes: UnsafeBufferPointer<UInt8>) -> String? {
        if let base = bytes.baseAddress, memchr(base, 0, bytes.count) != nil { return "NUL byte" }
        return nil
    }

    /// The bytes as a String, or the reason they are not valid text (NUL bytes, invalid UTF-8).
    ///
    /// `String(decoding:)` repairs invalid UTF-8 with U+FFFD, so the bytes are valid exactly when
    /// the string's UTF-8 equals them. This takes the standard library's specialized decoder;
    /// `String(validating:as:)` is generic and looked up type metadata per call (a profile of
    /// loading SST-2 ×8 showed it among the top costs).
    static func decode(_ bytes: UnsafeBufferPointer<UInt8>) -> Result<String, RowProblem> {
        if let p = problem(in: bytes) { return .failure(RowProblem(p)) }
        var s = String(decoding: bytes, as: UTF8.self)
        let same = s.utf8.count == bytes.count
            && (s.withUTF8 { utf8 in bytes.isEmpty || memcmp(utf8.baseAddress!, bytes.baseAddress!, bytes.count) == 0 })
        return same ? .success(s) : .failure(RowProblem("invalid UTF-8"))
    }

    /// The bytes with `\r\n` and lone `\r` turned into `\n`, as Python's text mode reads them.
    static func normalizingLineBreaks(_ bytes: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            if b == 13 {
                out.append(10)
                if i + 1 < bytes.count && bytes[i + 1] == 10 { i += 1 }
            } else {
                out.append(b)
            }
            i += 1
        }
        return out
    }

    /// Whether a file's first bytes look like binary data rather than text: more than 5% of
    /// them are control bytes (NUL and others, but not tab, line feed, form feed or carriage return).
    static func looksBinary(_ prefix: UnsafeBufferPointer<UInt8>) -> Bool {
        guard !prefix.isEmpty else { return false }
        let controls = prefix.reduce(0) { n, b in
            n + ((b < 32 && b != 9 && b != 10 && b != 12 && b != 13) || b == 127 ? 1 : 0)
        }
        return controls * 20 > prefix.count
    }

    /// Whether the bytes are only spaces, tabs and line breaks.
    static func isBlank(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        bytes.allSatisfy { $0 == 32 || $0 == 9 || $0 == 10 || $0 == 13 }
    }

    /// The length of a UTF-8 byte-order mark at the start, 0 or 3.
    static func bomLength(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0
    }
}

/// Why one row was skipped: a short reason shared by similar rows, plus optional specifics.
struct RowProblem: Error, Equatable {
    var reason: String
    var detail: String?
    init(_ reason: String, detail: String? = nil) {
        self.reason = reason
        self.detail = detail
    }
}
