import TensorCore

/// Copies chosen rows of a dataset's [N, …] tensor into a reused batch tensor.
///
/// Training visits samples in a shuffled order; gathering one batch at a time
/// keeps memory at one batch and never copies the dataset.
struct BatchGather {
    let source: Tensor
    let rowWidth: Int
    let buffer: Tensor

    init(_ source: Tensor) {
        self.source = source
        let n = source.shape.first ?? 0
        rowWidth = n == 0 ? 0 : source.count / n
        buffer = Tensor(shape: [0] + source.shape.dropFirst())
    }

    /// The rows `order[range]` of the source, as a [range.count, …] tensor valid until the next call.
    func gather(_ order: [Int], _ range: Range<Int>) -> Tensor {
        buffer.resize(to: [range.count] + source.shape.dropFirst())
        for (r, i) in order[range].enumerated() {
            (buffer.data + r * rowWidth).update(from: source.data + i * rowWidth, count: rowWidth)
        }
        return buffer
    }
}
