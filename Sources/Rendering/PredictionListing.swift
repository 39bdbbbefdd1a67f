import Foundation

/// `predict MODEL on DATA.split top=N`: a binary model's N highest and N lowest scored rows,
/// each with its index, probability, true label and text (one line, cut at `textWidth` characters).
///
/// ```
/// most positive
/// index  probability  label     text
/// -----  -----------  --------  ----------------
///     3       0.9100  positive  a joy to watch
/// most negative
/// ...
/// ```
/// Ties keep index order. Rows without text (array data) show an empty text column.
public enum PredictionListing {
    /// The two tables, ending with a newline.
    /// - Parameters:
    ///   - top: how many rows each table lists (at most all rows).
    ///   - probabilities: N sigmoid outputs.
    ///   - texts: N texts, or nil for array data.
    ///   - labels: N true labels as shown.
    ///   - textWidth: the longest text shown; longer ones end in `…`.
    public static func render(top: Int, probabilities: [Float], texts: [String]?, labels: [String], textWidth: Int = 70) -> String {
        precondition(labels.count == probabilities.count, "PredictionListing: one label per probability")
        let ascending = probabilities.indices.sorted { (probabilities[$0], $0) < (probabilities[$1], $1) }
        let descending = probabilities.indices.sorted { (-probabilities[$0], $0) < (-probabilities[$1], $1) }
        let indexWidth = String(max(probabilities.count - 1, 0)).count
        func table(_ rows: ArraySlice<Int>) -> String {
            TextTable(header: [pad("index", indexWidth), "probability", "label", "text"], rows: rows.map { i in
                [pad(String(i), max(indexWidth, 5)), pad(String(format: "%.4f", probabilities[i]), 11), labels[i],
                 texts.map { oneLine($0[i], textWidth) } ?? ""]
            }, leftAligned: 4).text
        }
        return "most positive\n" + table(descending.prefix(top)) + "most negative\n" + table(ascending.prefix(top))
    }

    private static func pad(_ text: String, _ width: Int) -> String {
        String(repeating: " ", count: max(0, width - text.count)) + text
    }

    /// Whitespace runs (line breaks included) become one space; a text over `width` characters is cut and ends in `…`.
    private static func oneLine(_ text: String, _ width: Int) -> String {
        let flat = text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        return flat.count <= width ? flat : String(flat.prefix(width - 1)) + "…"
    }
}
