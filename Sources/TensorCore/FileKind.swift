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
