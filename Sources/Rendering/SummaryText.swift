import TensorCore
import LabData
import NeuralNet

/// The text of Keras 2's `model.summary()`, byte for byte.
///
/// 65 columns; fields start at columns 0, 29 and 55 (Keras's positions
/// .45, .85, 1.0); each field is cut to its column width less one, so long
/// names read `max_pooling1d_1 (MaxPooling1`. Rows are separated by `_` rules,
/// the header and the last row by `=` rules; per-layer counts print without
/// separators, totals with commas; a frozen layer's count goes to `Non-trainable params`.
public enum SummaryText {
    /// Keras's `line_length` for Sequential models.
    public static let lineLength = 65
    /// Where each column ends.
    static let columnEnds = [29, 55, 65]

    /// The full summary, one line per element, each ending in a newline.
    /// - Parameter modelName: printed as `Model: "sequential_1"` first (Keras ≥ 2.3); nil omits it (Keras 2.2).
    public static func render(rows: [SummaryRow], modelName: String? = nil) -> String {
        var lines: [String] = []
        if let modelName { lines.append("Model: \"\(modelName)\"") }
        lines.append(String(repeating: "_", count: lineLength))
        lines.append(row(["Layer (type)", "Output Shape", "Param #"]))
        lines.append(String(repeating: "=", count: lineLength))
        for (i, r) in rows.enumerated() {
            lines.append(row(["\(r.name) (\(r.typeName))", shape(r.outputShape), String(r.parameterCount)]))
            lines.append(String(repeating: i == rows.count - 1 ? "=" : "_", count: lineLength))
        }
        if rows.isEmpty { lines.append(String(repeating: "=", count: lineLength)) }
        let total = rows.reduce(0) { $0 + $1.parameterCount }
        lines.append("Total params: \(NumberFormat.grouped(total))")
        let frozen = rows.filter { !$0.isTrainable }.reduce(0) { $0 + $1.parameterCount }
        lines.append("Trainable params: \(NumberFormat.grouped(total - frozen))")
        lines.append("Non-trainable params: \(NumberFormat.grouped(frozen))")
        lines.append(String(repeating: "_", count: lineLength))
        return lines.map { $0 + "\n" }.joined()
    }

    /// A Keras output shape with the batch as `None`: `(None, 400, 32)`; a single dimension keeps Python's `(None, 1)`.
    public static func shape(_ dims: [Int?]) -> String {
        "(" + (["None"] + dims.map { $0.map(String.init) ?? "None" }).joined(separator: ", ") + ")"
    }

    /// Keras's `print_row`: each field appended after the previous one's last character
    /// becomes a space, cut at its column end and padded to it.
    static func row(_ fields: [String]) -> String {
        var line = ""
        for (i, field) in fields.enumerated() {
            if i > 0 { line = String(line.dropLast()) + " " }
            line += field
            line = String(line.prefix(columnEnds[i]))
            line += String(repeating: " ", count: max(0, columnEnds[i] - line.count))
        }
        return line
    }
}
