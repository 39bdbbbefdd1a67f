import Foundation

/// Collects everything a session prints (sessions write from the training loop's thread too).
final class Transcript: @unchecked Sendable {
    private let lock = NSLock()
    private var text = ""
    func append(_ s: String) { lock.lock(); text += s; lock.unlock() }
    var value: String { lock.lock(); defer { lock.unlock() }; return text }
}

/// Where the package's own files are, for tests that run scripts and binaries.
enum RepositoryPaths {
    /// The package root (two folders above this file's folder).
    static var root: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
    }
}
