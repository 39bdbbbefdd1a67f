import TensorCore

/// Keras 2's `pad_sequences`: token id sequences into one [N, T] tensor of ids as Float.
///
/// Keras parity (`pad_sequences(seqs, maxlen, padding='pre', truncating='pre', value=0)`):
/// T is `maxlen`, or the longest sequence when nil; a longer sequence keeps
/// its last T ids (`truncating: .pre`) or its first T (`.post`); a shorter one
/// is filled with `value` before (`padding: .pre`) or after (`.post`) its ids.
/// Rows are filled on all threads; each row depends only on its sequence.
public enum PadSequences {
    /// Pads or truncates `sequences` to [N, T].
    /// - Parameters:
    ///   - sequences: N sequences of token ids.
    ///   - maxlen: T; nil takes the longest sequence.
    ///   - padding: where filler goes.
    ///   - truncating: which end is cut from long sequences.
    ///   - value: the filler (0, the padding index).
    public static func pad(_ sequences: [[Int32]], maxlen: Int? = nil, padding: SequenceEnd = .kerasDefault,
                           truncating: SequenceEnd = .kerasDefault, value: Float = 0) -> Tensor {
        let t = maxlen ?? sequences.reduce(0) { max($0, $1.count) }
        let out = Tensor(shape: [sequences.count, t])
        pad(sequences, into: out, rows: 0..<sequences.count, padding: padding, truncating: truncating, value: value)
        return out
    }

    /// Pads `sequences[rows]` into `out` ([rows.count, T], T from `out`), reusing its storage.
    /// - Precondition: `out` is [rows.count, T] and `rows` lies within `sequences`.
    public static func pad(_ sequences: [[Int32]], into out: Tensor, rows: Range<Int>, padding: SequenceEnd = .kerasDefault,
                           truncating: SequenceEnd = .kerasDefault, value: Float = 0) {
        precondition(out.shape.count == 2 && out.shape[0] == rows.count, "pad target \(out.shape) for \(rows.count) rows")
        let t = out.shape[1]
        let data = out.data
        Parallel.forRanges(rows.count, grain: 4096) { range in
            for r in range {
                let s = sequences[rows.lowerBound + r]
                let row = data + r * t
                let n = min(s.count, t)
                let from = truncating == .pre ? s.count - n : 0
                let at = padding == .pre ? t - n : 0
                if at > 0 { row.update(repeating: value, count: at) }
                for k in 0..<n { row[at + k] = Float(s[from + k]) }
                if at + n < t { (row + at + n).update(repeating: value, count: t - at - n) }
            }
        }
    }
}
