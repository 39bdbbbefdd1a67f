import Foundation

/// What is at a path, from `stat` (following symlinks), without opening it:
/// opening a named pipe for reading blocks until a writer appears, so readers
/// ask first and refuse anything but regular files and folders.
public enum FileKind: Equatable, Sendable {
    /// Nothing is there.
    case missing
    /// A regular file (or a symlink to one).
    case regular
    /// A folder (or a symlink to one).
    case directory
    /// Anything else, named for messages: `a named pipe`, `a character device`, …
    case other(String)

    /// The kind of `path`'s target.
    public static func of(_ path: String) -> FileKind {
        var st = stat()
        guard stat(path, &st) == 0 else { return errno == ENOENT || errno == ENOTDIR ? .missing : .other("unreadable (\(String(cString: strerror(errno))))") }
        switch st.st_mode & S_IFMT {
        case S_IFREG: return .regular
        case S_IFDIR: return .directory
        case S_IFIFO: return .other("a named pipe")
        case S_IFCHR: return .other("a character device")
        case S_IFBLK: return .other("a block device")
        case S_IFSOCK: return .other("a socket")
        default: return .other("not a regular file")
        }
    }
}

/// A file's identity for "has it changed?": device, inode, size and modification time
/// (to the nanosecond), as `stat` reports them. A stream read several times (tokenize,
/// then every epoch) compares it before each pass so a replaced or truncated file is
/// an error instead of silently different rows.
public struct FileSignature: Equatable, Sendable {
    var device: UInt64
    var inode: UInt64
    var size: Int64
    var modifiedSeconds: Int
    var modifiedNanoseconds: Int

    /// The signature of `path`'s target now; nil when it cannot be read.
    public static func of(_ path: String) -> FileSignature? {
        var st = stat()
        guard stat(path, &st) == 0 else { return nil }
        return FileSignature(device: UInt64(st.st_dev), inode: UInt64(st.st_ino), size: Int64(st.st_size),
                             modifiedSeconds: st.st_mtim.tv_sec, modifiedNanoseconds: st.st_mtim.tv_nsec)
    }
}
