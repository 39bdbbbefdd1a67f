import Foundation

/// Why a file could not be written; each case names the path.
public enum FileWriteError: Error, Equatable, CustomStringConvertible {
    /// The temporary file next to `path` could not be created (no permission, a file where a folder should be).
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

/// The one way lab writes files: readers see the old file or the complete new
/// one, never a part — also after `kill -9` or a power cut.
///
/// The data goes to a temporary file in the destination's folder (so the
/// rename stays on one file system), is flushed with `fsync`, then renamed over
/// `path`, and the folder is synced so the rename itself is durable. Missing
/// parent folders are created. On failure the temporary file is removed and
/// any old file is left untouched.
public enum AtomicFile {
    /// Receives the contents of a file being written.
    public struct Sink {
        fileprivate let fd: Int32
        fileprivate let path: String

        /// Appends `count` bytes starting at `bytes`.
        /// - Throws: `FileWriteError.cannotWrite`.
        public func write(_ bytes: UnsafeRawPointer, count: Int) throws {
            var done = 0
            while done < count {
                let n = Glibc.write(fd, bytes + done, count - done)
                if n < 0 && errno == EINTR { continue }
                guard n > 0 else { throw FileWriteError.cannotWrite(path: path, reason: AtomicFile.errorText()) }
                done += n
            }
        }

        /// Appends `bytes`.
        public func write(_ bytes: [UInt8]) throws {
            try bytes.withUnsafeBytes { try write($0.baseAddress ?? UnsafeRawPointer(bitPattern: 1)!, count: $0.count) }
        }
    }

    /// Writes `text` as UTF-8 to `path`, atomically.
    /// - Throws: `FileWriteError` naming `path`.
    public static func write(_ text: String, to path: String) throws {
        try write(Array(text.utf8), to: path)
    }

    /// Writes `bytes` to `path`, atomically.
    /// - Throws: `FileWriteError` naming `path`.
    public static func write(_ bytes: [UInt8], to path: String) throws {
        try write(to: path) { try $0.write(bytes) }
    }

    /// Streams the contents through `body` into `path`, atomically.
    /// - Parameters:
    ///   - beforeRename: runs after the data is flushed and before the rename;
    ///     tests throw from it to simulate a crash at the worst moment.
    /// - Throws: `FileWriteError` naming `path`, or what `body` throws.
    public static func write(to path: String, beforeRename: () throws -> Void = {},
                             _ body: (Sink) throws -> Void) throws {
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent().path
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let temporary = folder + "/." + url.lastPathComponent + ".tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw FileWriteError.cannotCreate(path: path, reason: errorText()) }
        do {
            try body(Sink(fd: fd, path: path))
            guard fsync(fd) == 0 else { throw FileWriteError.cannotWrite(path: path, reason: errorText()) }
            try beforeRename()
        } catch {
            close(fd)
            unlink(temporary)
            throw error
        }
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

    fileprivate static func errorText() -> String { String(cString: strerror(errno)) }
}
