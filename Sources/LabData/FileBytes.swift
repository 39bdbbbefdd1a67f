import Foundation
import TensorCore

/// Whole-file reads with errors that name the path.
enum FileBytes {
    /// The file's bytes (memory-mapped when possible).
    /// - Throws: `DataError.fileNotFound`, `.unreadable`.
    static func read(_ path: String) throws -> Data {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw DataError.fileNotFound(path: path)
        }
        if isDirectory.boolValue { throw DataError.unreadable(path: path, reason: "is a directory") }
        if case .other(let kind) = FileKind.of(path) { throw DataError.unreadable(path: path, reason: "is \(kind), not a regular file") }
        do {
            return try Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped)
        } catch {
            throw DataError.unreadable(path: path, reason: error.localizedDescription)
        }
    }
}
