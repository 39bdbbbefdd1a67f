import Foundation

/// Paths to the bundled data and fixtures, and scratch files for bad-input tests.
enum TestFiles {
    /// The repository root (three levels above this file).
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// A file under `data/` at the repository root.
    static func data(_ relative: String) -> String { root.appendingPathComponent("data/\(relative)").path }

    /// A file under `Tests/LabDataTests/Fixtures`.
    static func fixture(_ name: String) -> String {
        root.appendingPathComponent("Tests/LabDataTests/Fixtures/\(name)").path
    }

    /// A fresh scratch directory for one test.
    static func scratch() -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("labdata-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    /// Writes `bytes` to `name` in a fresh scratch directory and returns its path.
    static func write(_ bytes: [UInt8], name: String) -> String {
        let url = scratch().appendingPathComponent(name)
        try? Data(bytes).write(to: url)
        return url.path
    }

    /// Writes `text` as UTF-8 to `name` in a fresh scratch directory and returns its path.
    static func write(_ text: String, name: String) -> String { write(Array(text.utf8), name: name) }
}
