/// Aligned plain-text columns with a header and a rule of dashes under it.
///
/// Columns are separated by two spaces; each column is as wide as its widest cell. The first
/// `leftAligned` columns are left-aligned (names), the rest right-aligned (numbers). Lines end
/// with `\n` and carry no trailing spaces.
public struct TextTable: Sendable {
    /// The column titles.
    public var header: [String]
    /// The rows; each has one cell per column.
    public var rows: [[String]]
    /// How many leading columns are left-aligned.
    public var leftAligned: Int

    /// A table of `rows` under `header`.
    public init(header: [String], rows: [[String]], leftAligned: Int = 0) {
        precondition(rows.allSatisfy { $0.count == header.count }, "TextTable: every row needs \(header.count) cells")
        self.header = header
        self.rows = rows
        self.leftAligned = leftAligned
    }

    /// The rendered table.
    public var text: String {
        let widths = header.indices.map { c in ([header] + rows).map { $0[c].count }.max() ?? 0 }
        func line(_ cells: [String]) -> String {
            let padded = cells.enumerated().map { c, cell in
                let pad = String(repeating: " ", count: widths[c] - cell.count)
                return c < leftAligned ? cell + pad : pad + cell
            }
            return String(padded.joined(separator: "  ").reversed().drop { $0 == " " }.reversed()) + "\n"
        }
        return line(header) + line(widths.map { String(repeating: "-", count: $0) }) + rows.map(line).joined()
    }
}
