import TensorCore

/// The rows a reader skipped, and why, with where they were.
///
/// Readers never mis-parse a bad row silently: they skip it and record it here.
/// The first `keptLocations` drops are listed with their file and line; every
/// drop is counted by reason. Notes record rows that were kept but adjusted
/// (e.g. a fastText line with several labels keeps the first).
public struct DropReport: Equatable, Sendable {
    /// One skipped row: where it was and why.
    public struct Entry: Equatable, Sendable {
        /// The file holding the row.
        public var file: String
        /// The 1-based line where the row starts, when the format has lines.
        public var line: Int?
        /// Why it was skipped.
        public var reason: String
    }

    /// How many drops are listed with their location; the rest are only counted.
    public static let keptLocations = 10

    /// The first few drops, in file order.
    public private(set) var entries: [Entry] = []
    /// The number of dropped rows per reason, in order of first occurrence.
    public private(set) var countsByReason: [(reason: String, count: Int)] = []
    /// Rows kept but adjusted, with a count each (e.g. "several labels, the first kept").
    public private(set) var notes: [(note: String, count: Int)] = []
    /// Choices about the whole source that were not the user's, stated once (e.g. subfolders ignored).
    public private(set) var remarks: [String] = []

    /// An empty report.
    public init() {}

    /// The total number of dropped rows.
    public var total: Int { countsByReason.reduce(0) { $0 + $1.count } }

    /// Records one dropped row.
    /// - Parameters:
    ///   - reason: a short category shared by similar rows ("invalid UTF-8").
    ///   - detail: optional specifics for this row, shown in the listed entries.
    public mutating func drop(file: String, line: Int?, reason: String, detail: String? = nil) {
        if entries.count < Self.keptLocations {
            entries.append(Entry(file: file, line: line, reason: detail.map { "\(reason): \($0)" } ?? reason))
        }
        if let i = countsByReason.firstIndex(where: { $0.reason == reason }) {
            countsByReason[i].count += 1
        } else {
            countsByReason.append((reason, 1))
        }
    }

    /// Records one kept-but-adjusted row under `note`.
    public mutating func note(_ note: String) {
        if let i = notes.firstIndex(where: { $0.note == note }) { notes[i].count += 1 } else { notes.append((note, 1)) }
    }

    /// Records a remark about the whole source (not about a row).
    public mutating func remark(_ text: String) {
        if !remarks.contains(text) { remarks.append(text) }
    }

    /// The note and remark lines of `text`: what was adjusted or decided without dropping rows.
    public var annotations: [String] {
        notes.map { "\(NumberFormat.grouped($0.count)) row\($0.count == 1 ? "" : "s"): \($0.note)" } + remarks
    }

    /// Adds another report's drops and notes after this one's.
    public mutating func merge(_ other: DropReport) {
        for e in other.entries where entries.count < Self.keptLocations { entries.append(e) }
        for (reason, count) in other.countsByReason {
            if let i = countsByReason.firstIndex(where: { $0.reason == reason }) { countsByReason[i].count += count }
            else { countsByReason.append((reason, count)) }
        }
        for (n, count) in other.notes {
            if let i = notes.firstIndex(where: { $0.note == n }) { notes[i].count += count } else { notes.append((n, count)) }
        }
        for r in other.remarks { remark(r) }
    }

    /// One line per reason with its count, then the listed locations, e.g.
    /// `2 rows dropped: invalid UTF-8 (1), missing column (1)` / `  data.csv:4: invalid UTF-8`.
    public var text: String {
        var lines: [String] = []
        if total == 0 {
            lines.append("0 rows dropped")
        } else {
            let reasons = countsByReason.map { "\($0.reason) (\($0.count))" }.joined(separator: ", ")
            lines.append("\(NumberFormat.grouped(total)) row\(total == 1 ? "" : "s") dropped: \(reasons)")
            for e in entries { lines.append("  \(e.file)\(e.line.map { ":\($0)" } ?? ""): \(e.reason)") }
            if total > entries.count { lines.append("  … and \(NumberFormat.grouped(total - entries.count)) more") }
        }
        return (lines + annotations).joined(separator: "\n")
    }

    public static func == (a: DropReport, b: DropReport) -> Bool {
        a.entries == b.entries && a.countsByReason.elementsEqual(b.countsByReason, by: { $0 == $1 })
            && a.notes.elementsEqual(b.notes, by: { $0 == $1 }) && a.remarks == b.remarks
    }
}
