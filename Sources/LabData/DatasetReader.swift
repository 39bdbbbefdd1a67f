import Foundation
import TensorCore

/// Reads any supported file or folder into a `Dataset`, choosing the reader by `format=` or by inference.
///
/// Inference: a directory is `dir`; `.npz`/`.npy`/`.csv`/`.tsv`/`.svm`/`.libsvm`
/// go by extension; `.ft`/`.ft.txt` are fastText. Other files go by content:
/// a zip or `\x93NUMPY` magic, `__label__` at the start (fastText), `label idx:val`
/// (libsvm), tabs on every sampled line (TSV), otherwise plain lines.
/// A failed read throws and returns nothing: nothing is ever half-loaded.
public enum DatasetReader {
    /// Reads `path` under `options`.
    /// - Throws: `DataError` naming the file and line (or member) of the problem.
    public static func read(path: String, options: LoadOptions) throws -> Dataset {
        try requireFileOrFolder(path)
        let format = try options.format ?? infer(path: path)
        if format != .dir && format != .npz && format != .npy { try checkText(path: path) }
        switch format {
        case .csv: return try DelimitedReader.read(path: path, tab: false, options: options)
        case .tsv: return try DelimitedReader.read(path: path, tab: true, options: options)
        case .fasttext: return try FastTextReader.read(path: path, options: options)
        case .lines: return try LinesReader.read(path: path, options: options)
        case .libsvm: return try LibSVMReader.read(path: path, options: options)
        case .dir: return try FolderReader.read(path: path, options: options)
        case .npz: return try NumpyReader.readNpz(path: path, options: options)
        case .npy: return try NumpyReader.readNpy(path: path, options: options)
        }
    }

    /// The format of `path` judged from its name and first bytes.
    /// - Throws: `DataError.fileNotFound`, `.emptyFile`, `.binaryFile`.
    public static func infer(path: String) throws -> DataFormat {
        try requireFileOrFolder(path)
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else { throw DataError.fileNotFound(path: path) }
        if isDir.boolValue { return .dir }
        let lower = path.lowercased()
        for (ext, format) in [(".npz", DataFormat.npz), (".npy", .npy), (".csv", .csv), (".tsv", .tsv),
                              (".svm", .libsvm), (".libsvm", .libsvm), (".svmlight", .libsvm), (".ft", .fasttext),
                              (".ft.txt", .fasttext)] where lower.hasSuffix(ext) {
            return format
        }
        let head = try prefix(path: path, bytes: 65536)
        if head.starts(with: [0x50, 0x4B, 0x03, 0x04]) || head.starts(with: [0x50, 0x4B, 0x05, 0x06]) { return .npz }
        if head.starts(with: [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59]) { return .npy }
        let text = String(decoding: head, as: UTF8.self)
        let lines = text.split(omittingEmptySubsequences: true, whereSeparator: { $0 == "\n" || $0 == "\r" || $0 == "\r\n" })
            .prefix(20)
        if lines.isEmpty { return .lines }
        if lines.first!.hasPrefix("__label__") { return .fasttext }
        let svm = lines.allSatisfy { l in
            let t = l.split(separator: " ")
            return t.count >= 2 && Double(t[0]) != nil && t.dropFirst().allSatisfy { $0.contains(":") && Int($0.split(separator: ":")[0]) != nil }
        }
        if svm { return .libsvm }
        if lines.dropLast(lines.count > 1 ? 1 : 0).allSatisfy({ $0.contains("\t") }) { return .tsv }
        return .lines
    }

    /// Refuses named pipes, devices and sockets before anything opens them (a pipe would block forever).
    /// - Throws: `DataError.fileNotFound`, `.unreadable` naming what is there.
    static func requireFileOrFolder(_ path: String) throws {
        switch FileKind.of(path) {
        case .regular, .directory: return
        case .missing: throw DataError.fileNotFound(path: path)
        case .other(let kind): throw DataError.unreadable(path: path, reason: "is \(kind), not a regular file")
        }
    }

    /// The first `bytes` bytes of a file.
    private static func prefix(path: String, bytes: Int) throws -> [UInt8] {
        guard let h = FileHandle(forReadingAtPath: path) else { throw DataError.unreadable(path: path, reason: "cannot open") }
        defer { try? h.close() }
        return [UInt8]((try? h.read(upToCount: bytes)) ?? Data())
    }

    /// Rejects missing, empty, blank and binary files before a text reader starts.
    private static func checkText(path: String) throws {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else { throw DataError.fileNotFound(path: path) }
        if isDir.boolValue { throw DataError.unreadable(path: path, reason: "is a directory (use format=dir for pos/ and neg/ folders)") }
        let head = try prefix(path: path, bytes: 8192)
        try head.withUnsafeBufferPointer { b in
            if b.isEmpty || TextBytes.isBlank(UnsafeBufferPointer(rebasing: b[TextBytes.bomLength(b)...])) && b.count < 8192 {
                throw DataError.emptyFile(path: path)
            }
            if TextBytes.looksBinary(b) { throw DataError.binaryFile(path: path) }
        }
    }
}
