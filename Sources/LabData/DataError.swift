/// A user-facing failure to read, label, split, tokenize or write data.
///
/// Every case names where the problem is: the file, and the line (1-based) or
/// archive member when one applies. `description` renders the message shown to
/// the user, e.g. `reviews.csv:12: no closing quote for the field opened here`.
public enum DataError: Error, Equatable, CustomStringConvertible, Sendable {
    /// The path does not exist.
    case fileNotFound(path: String)
    /// The file exists but could not be read (permissions, a directory where a file was expected, …).
    case unreadable(path: String, reason: String)
    /// The file holds no bytes (or only whitespace).
    case emptyFile(path: String)
    /// The file holds a header row and nothing else.
    case headerOnly(path: String)
    /// The bytes are not text (NUL bytes or control characters throughout).
    case binaryFile(path: String)
    /// A `text=`/`label=` column that the header (or column count) does not have.
    case missingColumn(path: String, column: String, available: [String])
    /// The file's layout could not be understood as the chosen format.
    case malformed(path: String, line: Int?, reason: String)
    /// Every row was dropped; the report says why.
    case noRows(path: String, report: String)
    /// A problem inside a numpy `.npy` array (or an `.npz` member).
    case npy(path: String, member: String?, reason: String)
    /// An `.npz` that is not a readable zip archive.
    case notZip(path: String, reason: String)
    /// A member named by `x=`/`y=` that the `.npz` does not hold.
    case missingMember(path: String, member: String, available: [String])
    /// Inputs and labels of different lengths (e.g. `.npz` members `x` and `y`).
    case lengthMismatch(path: String, inputs: Int, labels: Int)
    /// A request that does not fit the data (bad split fractions, tokenizing arrays, …).
    case invalidRequest(reason: String)
    /// A `positive=`/`negative=` (`option`) value no row holds, while rows hold values the lists
    /// leave out (`labels`, the distinct values found): a typo that would mislabel silently.
    case listedLabelAbsent(path: String, option: String, value: String, labels: [String])
    /// `split` of a dataset streamed from its file.
    case streamNotSplittable(dataset: String)
    /// `vectorize` of a dataset streamed from its file (or chunk files): it needs the texts in memory.
    case streamNotVectorizable(dataset: String)
    /// `split` asked for a share of a split loaded from its own file, which it never replaces.
    case splitLoadedFromFile(dataset: String, split: String)
    /// A streamed file changed (size, modification time or identity) since it was loaded.
    case fileChanged(path: String)
    /// A file could not be written.
    case writeFailed(path: String, reason: String)

    /// The message shown to the user: location first, then what is wrong.
    public var description: String {
        switch self {
        case .fileNotFound(let path):
            return "\(path): no such file or directory"
        case .fileChanged(let path):
            return "\(path) changed since it was loaded (size or modification time); load it again and tokenize it again"
        case .unreadable(let path, let reason):
            return "\(path): cannot read: \(reason)"
        case .emptyFile(let path):
            return "\(path): the file is empty"
        case .headerOnly(let path):
            return "\(path): the file has a header row but no data rows"
        case .binaryFile(let path):
            return "\(path): this is binary data, not text (give format= if it is an .npz, .npy or other array file)"
        case .missingColumn(let path, let column, let available):
            return "\(path): no column '\(column)' (columns: \(available.joined(separator: ", ")))"
        case .malformed(let path, let line, let reason):
            return "\(path)\(line.map { ":\($0)" } ?? ""): \(reason)"
        case .noRows(let path, let report):
            return "\(path): no usable rows: \(report)"
        case .npy(let path, let member, let reason):
            return "\(path)\(member.map { " member '\($0)'" } ?? ""): \(reason)"
        case .notZip(let path, let reason):
            return "\(path): not a readable .npz (zip) archive: \(reason)"
        case .missingMember(let path, let member, let available):
            return "\(path): no member '\(member)' (members: \(available.joined(separator: ", ")))"
        case .lengthMismatch(let path, let inputs, let labels):
            return "\(path): \(inputs) input rows but \(labels) labels"
        case let .listedLabelAbsent(path, option, value, labels):
            return "\(path): no row is labelled '\(value)' (\(option)=); its labels are "
                + labels.prefix(10).joined(separator: ", ") + (labels.count > 10 ? ", …" : "")
        case .streamNotSplittable(let name):
            return "\(name) is streamed from its file and cannot be split; "
                + "load held-out rows in memory with `load \(name).test from \"…\"` instead"
        case .streamNotVectorizable(let name):
            return "\(name) is streamed from its file; vectorize needs its texts in memory "
                + "(load it without stream=true, vectorize, then export chunks to stream)"
        case let .splitLoadedFromFile(name, split):
            return "\(name).\(split) was loaded from its own file and split never replaces it; "
                + "leave \(split)= out to split \(name) into the other splits"
        case .invalidRequest(let reason):
            return reason
        case .writeFailed(let path, let reason):
            return "\(path): cannot write: \(reason)"
        }
    }
}
