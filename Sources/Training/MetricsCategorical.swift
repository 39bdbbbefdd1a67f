extension Metrics {
    /// Categorical accuracy: the fraction of rows whose largest prediction is the target class.
    ///
    /// Keras parity: `sparse_categorical_accuracy` when `targets` holds N class indices and
    /// `categorical_accuracy` when it holds N×C one-hot rows (argmax of each, first maximum wins).
    /// - Parameters:
    ///   - predictions: N×C scores, row-major.
    ///   - targets: N class indices, or N×C one-hot rows.
    ///   - classes: C.
    public static func categoricalAccuracy(predictions: [Float], targets: [Float], classes: Int) -> Float {
        precondition(classes > 0 && predictions.count % classes == 0, "categoricalAccuracy: \(predictions.count) predictions for \(classes) classes")
        let rows = predictions.count / classes
        let oneHot = targets.count == rows * classes && classes > 1
        precondition(oneHot || targets.count == rows, "categoricalAccuracy: \(targets.count) targets for \(rows) rows of \(classes)")
        guard rows > 0 else { return 0 }
        var hits = 0
        for row in 0..<rows {
            let predicted = argmax(predictions, row: row, classes: classes)
            let target = oneHot ? argmax(targets, row: row, classes: classes) : Int(targets[row])
            if predicted == target { hits += 1 }
        }
        return Float(hits) / Float(rows)
    }

    /// Expands N class indices into N×C one-hot rows (row-major).
    /// - Parameters:
    ///   - indices: N class indices stored as Float.
    ///   - classes: C.
    public static func oneHot(_ indices: [Float], classes: Int) -> [Float] {
        var out = [Float](repeating: 0, count: indices.count * classes)
        for (row, index) in indices.enumerated() {
            let k = Int(index)
            precondition(k >= 0 && k < classes, "oneHot: class \(k) outside 0..<\(classes)")
            out[row * classes + k] = 1
        }
        return out
    }

    private static func argmax(_ values: [Float], row: Int, classes: Int) -> Int {
        let base = row * classes
        var best = 0
        for k in 1..<classes where values[base + k] > values[base + best] { best = k }
        return best
    }
}
