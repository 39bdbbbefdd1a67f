/// Which CSV/TSV column holds the text and which the label.
///
/// With a header, `text=`/`label=` name columns (a number `1`, `2`, … also works
/// when no column has that name); without one, columns are `1`, `2`, ….
/// Without `text=`/`label=`: well-known header names first (`text`, `sentence`,
/// `review`, `content`, … and `label`, `sentiment`, `polarity`, …); otherwise a
/// one-column file is unlabeled text, and in a two-column file the column with
/// the longer values is the text and the other the label.
struct ColumnChoice: Equatable {
    var text: Int
    var label: Int?

    static let textNames = ["text", "sentence", "review", "content", "comment", "body", "review_body",
                            "review_text", "document", "tweet", "reviewtext"]
    static let labelNames = ["label", "sentiment", "polarity", "class", "target", "y", "rating", "score",
                             "star_rating", "stars", "category", "overall"]

    /// Whether a first row looks like a header: every field a short non-numeric name, all distinct.
    static func looksLikeHeader(_ row: [String]) -> Bool {
        guard !row.isEmpty, Set(row).count == row.count else { return false }
        return row.allSatisfy { f in
            let t = f.trimmingCharacters(in: .whitespaces)
            return !t.isEmpty && t.count <= 40 && Double(t) == nil && t.split(separator: " ").count <= 3
        }
    }

    /// The columns to use.
    /// - Parameters:
    ///   - names: column names (the header, or `1`, `2`, … without one).
    ///   - sample: the first rows, to tell text from label by length.
    /// - Throws: `DataError.missingColumn` for a name the file lacks, `.malformed` when the choice is ambiguous.
    static func resolve(names: [String], sample: [[String]], options: LoadOptions, path: String) throws -> ColumnChoice {
        func index(of name: String) throws -> Int {
            if let i = names.firstIndex(of: name) { return i }
            if let i = names.firstIndex(where: { $0.lowercased() == name.lowercased() }) { return i }
            if let n = Int(name), n >= 1, n <= names.count { return n - 1 }
            throw DataError.missingColumn(path: path, column: name, available: names)
        }
        func known(_ list: [String], excluding: Int?) -> Int? {
            for want in list {
                if let i = names.firstIndex(where: { $0.lowercased() == want }), i != excluding { return i }
            }
            return nil
        }
        let text = try options.textColumn.map(index(of:))
        let label = try options.labelColumn.map(index(of:))
        if let text, let label { return ColumnChoice(text: text, label: label) }
        if let t = text ?? known(textNames, excluding: label) {
            if let label { return ColumnChoice(text: t, label: label) }
            if let l = known(labelNames, excluding: t) { return ColumnChoice(text: t, label: l) }
            if names.count == 1 { return ColumnChoice(text: t, label: nil) }
            if names.count == 2 { return ColumnChoice(text: t, label: 1 - t) }
        } else if let label {
            if names.count == 2 { return ColumnChoice(text: 1 - label, label: label) }
        } else if names.count == 1 {
            return ColumnChoice(text: 0, label: nil)
        } else if names.count == 2 {
            if let l = known(labelNames, excluding: nil) { return ColumnChoice(text: 1 - l, label: l) }
            func meanLength(_ c: Int) -> Double {
                let rows = sample.filter { $0.count > c }
                return rows.isEmpty ? 0 : Double(rows.reduce(0) { $0 + $1[c].utf8.count }) / Double(rows.count)
            }
            let t = meanLength(0) >= meanLength(1) ? 0 : 1
            return ColumnChoice(text: t, label: 1 - t)
        }
        throw DataError.malformed(path: path, line: nil,
                                  reason: "\(names.count) columns (\(names.joined(separator: ", "))): say which hold the text and label with text= and label=")
    }
}
