import Foundation
import TensorCore

/// Keras's `CSVLogger(append=True)`: one CSV row per epoch, written as the epoch ends.
///
/// The header (`epoch` then the history columns) is written once, when the file is new or
/// empty; a later `train` appends under the same header. Every row is one `write` followed
/// by `fsync`, so a process killed at any moment leaves whole rows only. Numbers are written as
/// `export` writes them (`EpochRecord.csvField`).
public final class EpochLog {
    /// The file being appended to.
    public let path: String
    /// `epoch` and the history columns, in order.
    public let columns: [String]
    private let fd: Int32

    /// Opens (creating) `path` for appending rows of `columns`.
    /// - Throws: `TrainingError.logFile` when it cannot be opened, or holds another header.
    public init(path: String, columns: [String]) throws {
        self.path = path
        self.columns = ["epoch"] + columns
        let header = self.columns.joined(separator: ",")
        if let existing = try? String(contentsOfFile: path, encoding: .utf8), !existing.isEmpty {
            let first = existing.prefix { $0 != "\n" }
            guard first == header else {
                throw TrainingError.logFile(path: path, reason: "it has the columns \(first); this training writes \(header)")
            }
        }
        // A data-parallel process other than 0 writes nowhere (see `AtomicFile.discardsWrites`).
        fd = open(AtomicFile.discardsWrites ? "/dev/null" : path, O_WRONLY | O_CREAT | O_APPEND, 0o644)
        guard fd >= 0 else { throw TrainingError.logFile(path: path, reason: String(cString: strerror(errno))) }
        if lseek(fd, 0, SEEK_END) == 0 { try append(header) }
    }

    deinit { close(fd) }

    /// Appends the row of `record` and flushes it to disk.
    /// - Throws: `TrainingError.logFile` when the write fails.
    public func write(_ record: EpochRecord) throws {
        let fields = [String(record.epoch)] + columns.dropFirst().map { record.value(of: $0).map(EpochRecord.csvField) ?? "" }
        try append(fields.joined(separator: ","))
    }

    private func append(_ line: String) throws {
        let bytes = Array((line + "\n").utf8)
        let written = bytes.withUnsafeBytes { Foundation.write(fd, $0.baseAddress, $0.count) }
        guard written == bytes.count, fsync(fd) == 0 else {
            throw TrainingError.logFile(path: path, reason: String(cString: strerror(errno)))
        }
    }
}

extension EpochRecord {
    /// A value as a CSV field: the shortest decimal that reads back as the same Float (`0.3348`,
    /// `1e-05`); non-finite values as `nan`, `inf`, `-inf` (which Python and pandas read).
    public static func csvField(_ value: Float) -> String {
        if value.isNaN { return "nan" }
        if value.isInfinite { return value > 0 ? "inf" : "-inf" }
        return "\(value)"
    }
}
