import TensorCore

/// Builds datasets of array inputs (npz, npy dense; libsvm sparse) from inputs and raw labels.
enum ArrayDataset {
    /// A dataset of the rows of `inputs` whose label maps under `mapping`; others are dropped and reported.
    /// - Throws: `DataError.noRows` when none is left.
    static func make(source: String, inputs: Tensor, labels: [String], lines: [Int], mapping: LabelMapping,
                     report: DropReport) throws -> Dataset {
        let (keep, targets, report) = try mapped(source: source, labels: labels, lines: lines, mapping: mapping, report: report)
        let width = inputs.count / max(labels.count, 1)
        let kept: Tensor
        if keep.count == labels.count { kept = inputs } else {
            kept = Tensor(shape: [keep.count] + inputs.shape.dropFirst())
            for (r, i) in keep.enumerated() { (kept.data + r * width).update(from: inputs.data + i * width, count: width) }
        }
        return Dataset(source: source, texts: nil, labels: keep.map { labels[$0] }, lines: keep.map { lines[$0] },
                       labelMapping: mapping, targets: targets, inputs: kept, dropReport: report)
    }

    /// A dataset of the sparse rows whose label maps under `mapping`; others are dropped and reported.
    /// - Throws: `DataError.noRows` when none is left.
    static func make(source: String, sparse: SparseRows, labels: [String], lines: [Int], mapping: LabelMapping,
                     report: DropReport) throws -> Dataset {
        let (keep, targets, report) = try mapped(source: source, labels: labels, lines: lines, mapping: mapping, report: report)
        let all = keep.count == labels.count
        return Dataset(source: source, texts: nil, labels: all ? labels : keep.map { labels[$0] },
                       lines: all ? lines : keep.map { lines[$0] }, labelMapping: mapping, targets: targets,
                       sparseInputs: all ? sparse : sparse.gather(keep), dropReport: report)
    }

    /// The rows whose label maps, their targets ([N] class indices or [N, 1]), and the report of the others.
    private static func mapped(source: String, labels: [String], lines: [Int], mapping: LabelMapping,
                               report: DropReport) throws -> (keep: [Int], targets: Tensor, report: DropReport) {
        var report = report
        var keep: [Int] = [], values: [Float] = []
        keep.reserveCapacity(labels.count); values.reserveCapacity(labels.count)
        for (i, raw) in labels.enumerated() {
            if let v = mapping.target(for: raw) { keep.append(i); values.append(v) } else {
                report.drop(file: source, line: lines[i] == 0 ? nil : lines[i], reason: "unknown label value", detail: "'\(raw)'")
            }
        }
        if keep.isEmpty { throw DataError.noRows(path: source, report: report.text) }
        let shape = mapping.kind == .classes ? [keep.count] : [keep.count, 1]
        return (keep, Tensor(shape: shape, values: values), report)
    }
}
