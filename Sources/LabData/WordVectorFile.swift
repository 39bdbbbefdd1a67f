import Foundation
import TensorCore

/// Reads and writes word-vector files: word2vec text (a `count dim` header, then
/// `word v1 … vD` lines), word2vec binary (the same header, then each word, a
/// space and D little-endian float32s) and GloVe text (no header).
///
/// The format is inferred: a first line of two whole numbers is a word2vec
/// header, and the bytes after it are binary when they hold control characters;
/// otherwise the file is GloVe text. Every problem is an error naming the line
/// (text) or the entry and byte offset (binary), and nothing is returned half read.
public enum WordVectorFile {
    /// The three layouts.
    public enum Format: String, Sendable {
        case word2vecText = "word2vec text"
        case word2vecBinary = "word2vec binary"
        case glove = "GloVe text"
    }

    /// Whether `path` looks like a word-vector file rather than a dataset: a `.vec`/`.bin`/`.w2v`
    /// name, or a first line that is a `count dim` header or a word followed by two or more numbers.
    public static func looksLikeVectors(path: String) -> Bool {
        let lowered = path.lowercased()
        if [".vec", ".bin", ".w2v"].contains(where: lowered.hasSuffix) { return true }
        // Only a regular file is sniffed: opening a named pipe to read would block.
        guard FileKind.of(path) == .regular, let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        let head = (try? handle.read(upToCount: 65_536)) ?? Data()
        let firstLine = head.prefix { $0 != 10 }
        guard firstLine.count < head.count || head.count < 65_536 else { return false }
        let fields = String(decoding: firstLine, as: UTF8.self).trimmingCharacters(in: .whitespaces).split(separator: " ")
        if fields.count == 2, fields.allSatisfy({ Int($0) != nil }) { return true }
        return fields.count >= 3 && fields.dropFirst().allSatisfy { Float($0) != nil }
    }

    /// Reads `path`, inferring its format.
    /// - Throws: `DataError` with the path and line (or entry) of the first problem.
    public static func read(path: String) throws -> (vectors: WordVectors, format: Format) {
        let data = try FileBytes.read(path)
        return try data.withUnsafeBytes { raw in
            let bytes = raw.bindMemory(to: UInt8.self)
            guard !bytes.isEmpty else { throw DataError.emptyFile(path: path) }
            let firstEnd = bytes.firstIndex(of: 10) ?? bytes.count
            let firstFields = String(decoding: UnsafeBufferPointer(rebasing: bytes[0..<firstEnd]), as: UTF8.self)
                .trimmingCharacters(in: .whitespacesAndNewlines).split(separator: " ")
            if firstFields.count == 2, let count = Int(firstFields[0]), let dimension = Int(firstFields[1]) {
                guard count >= 1, dimension >= 1 else {
                    throw DataError.malformed(path: path, line: 1, reason: "the header '\(count) \(dimension)' needs at least one word and one dimension")
                }
                let body = min(bytes.count, firstEnd + 1)
                let probe = bytes[body..<min(bytes.count, body + 4096)]
                if probe.contains(where: { ($0 < 0x20 && $0 != 9 && $0 != 10 && $0 != 13) || $0 == 0x7F }) {
                    return (try binary(bytes, from: body, count: count, dimension: dimension, path: path), .word2vecBinary)
                }
                return (try text(bytes, from: body, firstLine: 2, header: (count, dimension), path: path), .word2vecText)
            }
            return (try text(bytes, from: 0, firstLine: 1, header: nil, path: path), .glove)
        }
    }

    /// Writes `vectors` as word2vec text, atomically.
    /// - Throws: `DataError.writeFailed` for a word holding whitespace (the format cannot hold it), or the write's error.
    public static func writeText(_ vectors: WordVectors, to path: String) throws {
        if let bad = vectors.words.first(where: { $0.isEmpty || $0.contains(where: \.isWhitespace) }) {
            throw DataError.writeFailed(path: path, reason: "the word '\(bad)' is empty or holds whitespace, which word2vec text cannot store")
        }
        try AtomicFile.write(to: path) { sink in
            try sink.write(Array("\(vectors.count) \(vectors.dimension)\n".utf8))
            var line = ""
            for (k, word) in vectors.words.enumerated() {
                line.removeAll(keepingCapacity: true)
                line += word
                for i in (k * vectors.dimension)..<((k + 1) * vectors.dimension) { line += " " + vectors.values[i].description }
                line += "\n"
                try sink.write(Array(line.utf8))
            }
        }
    }

    // MARK: Reading

    private static func text(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, firstLine: Int,
                             header: (count: Int, dimension: Int)?, path: String) throws -> WordVectors {
        var words: [String] = [], values: [Float] = []
        var dimension = header?.dimension
        var lineNumber = firstLine - 1
        var position = start
        var seen: [String: Int] = [:]
        while position < bytes.count {
            let end = bytes[position...].firstIndex(of: 10) ?? bytes.count
            lineNumber += 1
            var line = UnsafeBufferPointer(rebasing: bytes[position..<end])
            position = end + 1
            while let last = line.last, last == 13 || last == 32 || last == 9 { line = UnsafeBufferPointer(rebasing: line.dropLast()) }
            if line.isEmpty { continue }
            let fields = line.split(separator: 32, omittingEmptySubsequences: true)
            guard let word = String(validating: fields[0], as: UTF8.self) else {
                throw DataError.malformed(path: path, line: lineNumber, reason: "the word is not valid UTF-8")
            }
            let numbers = fields.count - 1
            if dimension == nil { dimension = numbers }
            guard numbers == dimension, numbers > 0 else {
                let expected = header == nil ? "as many as the first line (\(dimension!))" : "the header says \(dimension!)"
                throw DataError.malformed(path: path, line: lineNumber, reason: "'\(word)' has \(numbers) numbers; \(expected)")
            }
            if let count = header?.count, words.count == count {
                throw DataError.malformed(path: path, line: lineNumber, reason: "the header says \(count) words but more lines follow")
            }
            for field in fields.dropFirst() {
                guard let value = Float(String(decoding: field, as: UTF8.self)), value.isFinite else {
                    throw DataError.malformed(path: path, line: lineNumber,
                                              reason: "'\(String(decoding: field, as: UTF8.self))' in the vector of '\(word)' is not a finite number")
                }
                values.append(value)
            }
            if let first = seen.updateValue(lineNumber, forKey: word) {
                throw DataError.malformed(path: path, line: lineNumber, reason: "'\(word)' already has a vector (line \(first))")
            }
            words.append(word)
        }
        if let count = header?.count, words.count != count {
            throw DataError.malformed(path: path, line: lineNumber, reason: "the header says \(count) words but the file holds \(words.count)")
        }
        guard let dimension, !words.isEmpty else { throw DataError.emptyFile(path: path) }
        return try WordVectors(words: words, dimension: dimension, values: values, source: path)
    }

    private static func binary(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, count: Int, dimension: Int,
                               path: String) throws -> WordVectors {
        let (vectorBytes, overflow) = dimension.multipliedReportingOverflow(by: 4)
        guard !overflow, count <= bytes.count else {
            throw DataError.malformed(path: path, line: 1, reason: "the header says \(count) words of \(dimension) dimensions, more than the file's \(bytes.count) bytes can hold")
        }
        var words: [String] = [], values: [Float] = []
        words.reserveCapacity(count)
        values.reserveCapacity(min(count * dimension, bytes.count / 4))
        var seen: [String: Int] = [:]
        var p = start
        for entry in 1...count {
            while p < bytes.count, bytes[p] == 10 || bytes[p] == 13 || bytes[p] == 32 { p += 1 }
            guard p < bytes.count else {
                throw DataError.malformed(path: path, line: nil, reason: "the header says \(count) words but the file ends after \(entry - 1) (byte \(p))")
            }
            guard let space = bytes[p...].firstIndex(of: 32) else {
                throw DataError.malformed(path: path, line: nil, reason: "entry \(entry) (byte \(p)): the file ends inside its word")
            }
            guard let word = String(validating: UnsafeBufferPointer(rebasing: bytes[p..<space]), as: UTF8.self) else {
                throw DataError.malformed(path: path, line: nil, reason: "entry \(entry) (byte \(p)): the word is not valid UTF-8")
            }
            p = space + 1
            guard bytes.count - p >= vectorBytes else {
                throw DataError.malformed(path: path, line: nil,
                                          reason: "entry \(entry) '\(word)' (byte \(p)): the file ends after \(bytes.count - p) of its vector's \(vectorBytes) bytes")
            }
            for i in 0..<dimension {
                var bits: UInt32 = 0
                for b in 0..<4 { bits |= UInt32(bytes[p + 4 * i + b]) << (8 * b) }
                let value = Float(bitPattern: bits)
                guard value.isFinite else {
                    throw DataError.malformed(path: path, line: nil, reason: "entry \(entry) '\(word)': component \(i + 1) is not a finite number")
                }
                values.append(value)
            }
            p += vectorBytes
            if let first = seen.updateValue(entry, forKey: word) {
                throw DataError.malformed(path: path, line: nil, reason: "entry \(entry): '\(word)' already has a vector (entry \(first))")
            }
            words.append(word)
        }
        while p < bytes.count, bytes[p] == 10 || bytes[p] == 13 || bytes[p] == 32 { p += 1 }
        guard p == bytes.count else {
            throw DataError.malformed(path: path, line: nil, reason: "the header says \(count) words but more data follows (byte \(p))")
        }
        return try WordVectors(words: words, dimension: dimension, values: values, source: path)
    }
}
