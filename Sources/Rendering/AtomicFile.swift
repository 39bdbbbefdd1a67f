import Foundation

/// Why a file could not be written; each case names the path.
public enum FileWriteError: Error, Equatable, CustomStringConvertible {
    /// The temporary file next to `path` could not be created (missing folder, no permission).
    case cannotCreate(path: String, reason: String)
    /// Writing or flushing the data failed (disk full, I/O error).
    case cannotWrite(path: String, reason: String)
    /// The finished temporary file could not be moved over `path`.
    case cannotReplace(path: String, reason: String)

    /// The message shown to the user.
    public var description: String {
        switch self {
        case let .cannotCreate(path, reason): return "cannot create '\(path)': \(reason)"
        case let .cannotWrite(path, reason): return "cannot write '\(path)': \(reason)"
        case let .cannotReplace(path, reason): return "cannot replace '\(path)': \(reason)"
        }
    }
}

/// Writes files atomically: readers see the old file or the complete new one, never a part.
///
/// The data goes to a temporary file in the destination's folder (so the rename stays on one
/// file system), is flushed with `fsync`, then renamed over `path`; the folder is synced so the
/// rename survives a crash. On failure the temporary file is removed and the old file is kept.
public enum AtomicFile {
    /// Writes `text` as UTF-8 to `path`, atomically.
    /// - Throws: `FileWriteError` naming `path`.
    public static func write(_ text: String, to path: String) throws {
        try write(Array(text.utf8), to: path)
    }

    /// Writes `bytes` to `path`, atomically.
    /// - Throws: `FileWriteError` naming `path`.
    public static func write(_ bytes: [UInt8], to path: String) throws {
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent().path
        let temporary = folder + "/." + url.lastPathComponent + ".tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw FileWriteError.cannotCreate(path: path, reason: errorText()) }
        var written = 0
        while written < bytes.count {
            let n = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + written, bytes.count - written) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { return try fail(fd, temporary, .cannotWrite(path: path, reason: errorText())) }
            written += n
        }
        guard fsync(fd) == 0 else { return try fail(fd, temporary, .cannotWrite(path: path, reason: errorText())) }
        close(fd)
        guard rename(temporary, path) == 0 else {
            let error = FileWriteError.cannotReplace(path: path, reason: errorText())
            unlink(temporary)
            throw error
        }
        let folderFD = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if folderFD >= 0 {
            fsync(folderFD)
            close(folderFD)
        }
    }

    private static func fail(_ fd: Int32, _ temporary: String, _ error: FileWriteError) throws {
        close(fd)
        unlink(temporary)
        throw error
    }

    private static func errorText() -> String { String(cString: strerror(errno)) }
}
