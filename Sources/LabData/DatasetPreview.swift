/// What `show NAME n=5` prints: the first rows with their text, label and token ids.
public enum DatasetPreview {
    /// The rows `show` prints when `n=` is not given (pandas `head()`).
    public static let defaultRows = 5

    /// The first `n` rows of `dataset`, one block per row: `[line 2] label 1 (positive)`,
    /// then the text (cut at `width` characters), then the unpadded token ids once tokenized,
    /// or the first input values for array data.
    public static func text(_ dataset: Dataset, n: Int, width: Int = 160) -> String {
        var out: [String] = []
        for i in 0..<Swift.min(n, dataset.count) {
            let tWidth = dataset.targets.count / Swift.max(dataset.count, 1)
            let target = dataset.targets.data[i * tWidth]
            let targetText = target == target.rounded() ? String(Int(target)) : String(target)
            let where_ = dataset.lines[i] > 0 ? "line \(dataset.lines[i])" : "row \(i + 1)"
            let raw = dataset.labels[i]
            out.append("[\(where_)] label \(targetText)\(raw.isEmpty || raw == targetText ? "" : " (\(raw))")")
            if let texts = dataset.texts {
                let t = texts[i]
                out.append("  " + (t.count > width ? String(t.prefix(width)) + "…" : t))
            }
            if let s = dataset.sequences?[i] {
                out.append("  ids: [\(s.map(String.init).joined(separator: ", "))]")
            } else if let x = dataset.sparseInputs {
                let pairs = x.row(i)
                let head = pairs.prefix(8).map { "\($0.column):\($0.value == $0.value.rounded() ? String(Int($0.value)) : String($0.value))" }
                out.append("  x: {\(head.joined(separator: ", "))\(pairs.count > 8 ? ", …" : "")} (\(pairs.count) of \(x.columnCount) non-zero)")
            } else if dataset.texts == nil, let x = dataset.inputs {
                let w = x.count / Swift.max(dataset.count, 1)
                let head = (0..<Swift.min(w, 16)).map { k -> String in
                    let f = x.data[i * w + k]
                    return f == f.rounded() ? String(Int(f)) : String(f)
                }
                out.append("  x: [\(head.joined(separator: ", "))\(w > 16 ? ", …" : "")]")
            }
        }
        return out.joined(separator: "\n")
    }
}
