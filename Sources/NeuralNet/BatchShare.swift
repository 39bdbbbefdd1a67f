import TensorCore

/// The rows of a global batch that this process computes in a data-parallel run.
///
/// Random masks (dropout, spatial dropout, recurrent dropout) are drawn for the whole global
/// batch, as a single process draws them, and each process keeps its own rows: the masks of a
/// sample do not depend on the number of processes, and every process's generator advances
/// exactly as a single process's does, so shuffles stay in step.
public struct BatchShare: Sendable, Equatable {
    /// B, the rows of the global batch.
    public let globalRows: Int
    /// The rows (indices into the global batch, ascending) this process computes.
    public let rows: [Int]

    public init(globalRows: Int, rows: [Int]) {
        self.globalRows = globalRows
        self.rows = rows
    }

    /// The share of the `Sequential.computeGradients` running now, nil outside a data-parallel step.
    /// Set for the duration of one forward pass (which one thread runs), read by the mask drawers,
    /// so the layers' `forward(_:training:using:)` signature stays as it is.
    nonisolated(unsafe) static var active: BatchShare?

    /// Fills `mask` (resized to [n] + `rowShape`) with the masks of this process's n rows.
    ///
    /// `draw(pointer, count)` must fill `count` elements the way a single process fills its whole
    /// [n, …] mask; outside a data-parallel step it fills `mask` directly, inside it fills the
    /// global [B, …] mask, of which this process's rows are kept.
    static func fill(_ mask: Tensor, rows n: Int, rowShape: [Int], draw: (UnsafeMutablePointer<Float>, Int) -> Void) {
        let width = rowShape.reduce(1, *)
        mask.resize(to: [n] + rowShape)
        guard let share = active, share.rows.count == n else {
            draw(mask.data, mask.count)
            return
        }
        let global = Tensor(shape: [share.globalRows * width])
        draw(global.data, global.count)
        for (k, row) in share.rows.enumerated() {
            (mask.data + k * width).update(from: global.data + row * width, count: width)
        }
    }
}
