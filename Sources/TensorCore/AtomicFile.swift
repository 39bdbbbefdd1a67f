import Foundation

/// Why a file could not be written; each case names the path.
public enum FileWriteError: Error, Equatable, CustomStringConvertible {
    /// The temporary file next to `path` could not be created (no permission, a file where a folder should be).
    case cannotCreate(path: String, reason: String)
    /// Writing or flushing the data failed (disk full, I/O error).
    case cannotWrite(path: String, reason: String)
    /// The finished temporary file could not be moved over `path`.
    case cannotReplace(path: String, reason: String)
    /// `path` (or the target of its symlink) is a device, pipe, socket or folder: replacing it
    /// with a regular file would destroy it.
    case notRegular(path: String, kind: String)

    /// The message shown to the user.
    public var description: String {
        switch self {
        case let .cannotCreate(path, reason): return "cannot create '\(path)': \(reason)"
        case let .cannotWrite(path, reason): return "cannot write '\(path)': \(reason)"
        case let .cannotReplace(path, reason): return "cannot replace '\(path)': \(reason)"
        case let .notRegular(path, kind): return "cannot write '\(path)': it is \(kind), not a regular file"
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
///
/// A symlink is written through (its target is replaced, the link stays); a
/// device, pipe, socket or folder at the path is refused. Temporary files left
/// by processes that died mid-write (`kill -9`) are removed on the next write
/// to the same folder.
public enum AtomicFile {
    /// Whether writes are dropped: set in every process of a data-parallel run but process 0,
    /// which alone writes files (checkpoints, logs, charts, exports), so N processes never race
    /// for the same path. Set once at start, before any write.
    nonisolated(unsafe) public static var discardsWrites = false

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
        if discardsWrites { return }
        let target = resolvingSymlinks(path)
        switch FileKind.of(target) {
        case .missing, .regular: break
        case .directory: throw FileWriteError.notRegular(path: path, kind: "a folder")
        case .other(let kind): throw FileWriteError.notRegular(path: path, kind: kind)
        }
        let url = URL(fileURLWithPath: target)
        let folder = url.deletingLastPathComponent().path
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        removeStaleTemporaries(in: folder)
        let temporary = folder + "/." + url.lastPathComponent + temporaryMarker + "\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
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
        guard rename(temporary, target) == 0 else {
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

    /// Temporary files are `.NAME` + this + `PID-RANDOM`.
    static let temporaryMarker = ".tmp-"

    /// `path` with symlinks followed to the file they finally name (which may not exist yet),
    /// so the rename replaces the target and keeps the link. Gives up after 40 hops, as the kernel does.
    static func resolvingSymlinks(_ path: String) -> String {
        var current = path
        for _ in 0..<40 {
            var st = stat()
            guard lstat(current, &st) == 0, st.st_mode & S_IFMT == S_IFLNK else { return current }
            var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
            let n = readlink(current, &buffer, buffer.count - 1)
            guard n > 0 else { return current }
            let link = String(decoding: buffer[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
            current = link.hasPrefix("/") ? link : (URL(fileURLWithPath: current).deletingLastPathComponent().path + "/" + link)
        }
        return current
    }

    /// Removes `.NAME.tmp-PID-RANDOM` files in `folder` whose process no longer exists
    /// (left by `kill -9` or a power cut during a write); files of live processes stay.
    static func removeStaleTemporaries(in folder: String) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
        for name in names where name.hasPrefix(".") {
            guard let marker = name.range(of: temporaryMarker, options: .backwards) else { continue }
            let parts = name[marker.upperBound...].split(separator: "-", omittingEmptySubsequences: false)
            guard parts.count == 2, let pid = Int32(parts[0]), pid > 0, UInt32(parts[1]) != nil else { continue }
            if pid != getpid() && kill(pid, 0) != 0 && errno == ESRCH { unlink(folder + "/" + name) }
        }
    }

    fileprivate static func errorText() -> String { String(cString: strerror(errno)) }
}
