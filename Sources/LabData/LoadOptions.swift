/// A file format lab can read (`format=` in the language).
public enum DataFormat: String, CaseIterable, Codable, Sendable {
    case csv, tsv, fasttext, dir, npz, npy, libsvm, lines
}

/// Which end of a sequence `pad_sequences` pads or truncates (Keras's `'pre'`/`'post'`).
public enum SequenceEnd: String, CaseIterable, Codable, Sendable {
    case pre, post

    /// Keras `pad_sequences`'s default for both `padding` and `truncating`.
    public static let kerasDefault = SequenceEnd.pre
}

/// Everything `load NAME from "path" key=value…` can say about reading a file.
public struct LoadOptions: Equatable, Sendable {
    /// The format; nil infers it from the path and contents.
    public var format: DataFormat?
    /// The text column of a CSV/TSV (a header name, or `1`, `2`, … without a header).
    public var textColumn: String?
    /// The label column of a CSV/TSV.
    public var labelColumn: String?
    /// Label values that mean 1; with `negative`, rows with any other label are dropped.
    public var positive: [String]?
    /// Label values that mean 0.
    public var negative: [String]?
    /// Whether the first CSV/TSV row is a header; nil detects it.
    public var header: Bool?
    /// Read at most this many rows.
    public var limit: Int?
    /// The `.npz` member holding inputs.
    public var xMember: String?
    /// The `.npz` member holding labels.
    public var yMember: String?
    /// The number of features of a libsvm file (`features=`); nil takes the largest index seen.
    public var features: Int?
    /// The longest line or record accepted, in bytes; longer ones are dropped and reported.
    public var maxLineBytes: Int = 1_000_000
    /// Keep the rows on disk and read them on the fly (`stream=true`): fastText and plain lines only.
    public var stream: Bool = false

    public init(format: DataFormat? = nil, textColumn: String? = nil, labelColumn: String? = nil,
                positive: [String]? = nil, negative: [String]? = nil, header: Bool? = nil,
                limit: Int? = nil, xMember: String? = nil, yMember: String? = nil,
                features: Int? = nil, maxLineBytes: Int = 1_000_000, stream: Bool = false) {
        self.format = format
        self.textColumn = textColumn
        self.labelColumn = labelColumn
        self.positive = positive
        self.negative = negative
        self.header = header
        self.limit = limit
        self.xMember = xMember
        self.yMember = yMember
        self.features = features
        self.maxLineBytes = maxLineBytes
        self.stream = stream
    }
}
