import TensorCore

/// Builds datasets of dense inputs (npz, npy, libsvm) from inputs and raw labels.
enum ArrayDataset {
    /// A dataset of the rows of `inputs` whose label maps under `mapping`; others are dropped and reported.
    /// - Throws: `DataError.noRows` when none is left.
    static func make(source: String, inputs: Tensor, labels: [String], lines: [Int], mapping: LabelMapping,
                     report: DropReport) throws -> Dataset {
        var report = report
        var keep: [Int] = [], values: [Float] = []
        for (i, raw) in labels.enumerated() {
            if let v = mapping.target(for: raw) { keep.append(i); values.append(v) } else {
                report.drop(file: source, line: lines[i] == 0 ? nil : lines[i], reason: "unknown label value", detail: "'\(raw)'")
            }
        }
        if keep.isEmpty { throw DataError.noRows(path: source, report: report.text) }
        let width = inputs.count / max(labels.count, 1)
        let kept: Tensor
        if keep.count == labels.count { kept = inputs } else {
            kept = Tensor(shape: [keep.count] + inputs.shape.dropFirst())
            for (r, i) in keep.enumerated() { (kept.data + r * width).update(from: inputs.data + i * width, count: width) }
        }
        let shape = mapping.kind == .classes ? [keep.count] : [keep.count, 1]
        return Dataset(source: source, texts: nil, labels: keep.map { labels[$0] }, lines: keep.map { lines[$0] },
                       labelMapping: mapping, targets: Tensor(shape: shape, values: values), inputs: kept, dropReport: report)
    }
}
