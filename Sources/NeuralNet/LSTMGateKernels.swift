import TensorCore

/// The fused element-wise gate passes of one LSTM row (one sample, one step).
///
/// Fast path: each pass is one plain loop over the U units reading the four
/// gate blocks through separate pointers and calling `VectorMath`'s scalar
/// forms, which LLVM vectorizes. The first version worked on `SIMD16` values
/// with masked tails and spent ~45% of LSTM training in non-inlined `tanh`,
/// per-lane rounding and an out-of-line `activate`; with the `VectorMath` change
/// this form took the seed LSTM (batch 64, 2 threads) from 107 to 388 training
/// samples/s and from 114 to 1072 inference samples/s.
enum LSTMGateKernels {
    /// z [4U] pre-activations → gate activations (in place); writes c_t, tanh(c_t), h_t.
    /// `cellPrevious` nil means c_{t−1} = 0 (the first step).
    static func forward(_ z: UnsafeMutablePointer<Float>, cellPrevious: UnsafePointer<Float>?,
                        cell: UnsafeMutablePointer<Float>, cellTanh: UnsafeMutablePointer<Float>,
                        hidden: UnsafeMutablePointer<Float>, units u: Int, gate: RecurrentActivation) {
        switch gate {
        case .sigmoid:
            forward(z, cellPrevious, cell, cellTanh, hidden, u) { VectorMath.gateSigmoid($0) }
        case .hardSigmoid:
            forward(z, cellPrevious, cell, cellTanh, hidden, u) { VectorMath.hardSigmoid($0) }
        }
    }

    @inline(__always)
    private static func forward(_ z: UnsafeMutablePointer<Float>, _ cellPrevious: UnsafePointer<Float>?,
                                _ cell: UnsafeMutablePointer<Float>, _ cellTanh: UnsafeMutablePointer<Float>,
                                _ hidden: UnsafeMutablePointer<Float>, _ u: Int, _ act: (Float) -> Float) {
        let zi = z, zf = z + u, zg = z + 2 * u, zo = z + 3 * u
        if let cp = cellPrevious {
            for j in 0..<u {
                let i = act(zi[j]), f = act(zf[j]), g = VectorMath.tanh(zg[j]), o = act(zo[j])
                let c = f * cp[j] + i * g
                let tc = VectorMath.tanh(c)
                zi[j] = i; zf[j] = f; zg[j] = g; zo[j] = o
                cell[j] = c; cellTanh[j] = tc; hidden[j] = o * tc
            }
        } else {
            for j in 0..<u {
                let i = act(zi[j]), f = act(zf[j]), g = VectorMath.tanh(zg[j]), o = act(zo[j])
                let c = i * g
                let tc = VectorMath.tanh(c)
                zi[j] = i; zf[j] = f; zg[j] = g; zo[j] = o
                cell[j] = c; cellTanh[j] = tc; hidden[j] = o * tc
            }
        }
    }

    /// Turns the gate activations a [4U] of this row into dZ (in place).
    ///
    /// dh = `hiddenGradient` (from step t+1) + `outputGradient` (from above, if any);
    /// `cellGradient` holds dc from step t+1 on entry and dc_{t−1} on exit.
    static func backward(_ a: UnsafeMutablePointer<Float>, cellPrevious: UnsafePointer<Float>?,
                         cellTanh: UnsafePointer<Float>, hiddenGradient: UnsafePointer<Float>,
                         outputGradient: UnsafePointer<Float>?, cellGradient: UnsafeMutablePointer<Float>,
                         units u: Int, gate: RecurrentActivation, zeros: UnsafePointer<Float>) {
        let cp = cellPrevious ?? zeros, og = outputGradient ?? zeros
        switch gate {
        case .sigmoid:
            backward(a, cp, cellTanh, hiddenGradient, og, cellGradient, u) { $0 * (1 - $0) }
        case .hardSigmoid:
            backward(a, cp, cellTanh, hiddenGradient, og, cellGradient, u) { $0 > 0 && $0 < 1 ? 0.2 : 0 }
        }
    }

    /// The gate derivative is given from the gate's output a: a(1 − a) for sigmoid,
    /// 0.2 inside (0, 1) for hard sigmoid.
    @inline(__always)
    private static func backward(_ a: UnsafeMutablePointer<Float>, _ cp: UnsafePointer<Float>,
                                 _ cellTanh: UnsafePointer<Float>, _ hiddenGradient: UnsafePointer<Float>,
                                 _ outputGradient: UnsafePointer<Float>, _ cellGradient: UnsafeMutablePointer<Float>,
                                 _ u: Int, _ derivative: (Float) -> Float) {
        let ai = a, af = a + u, ag = a + 2 * u, ao = a + 3 * u
        for j in 0..<u {
            let i = ai[j], f = af[j], g = ag[j], o = ao[j], tc = cellTanh[j]
            let dh = hiddenGradient[j] + outputGradient[j]
            let dc = dh * o * (1 - tc * tc) + cellGradient[j]
            ai[j] = dc * g * derivative(i)
            af[j] = dc * cp[j] * derivative(f)
            ag[j] = dc * i * (1 - g * g)
            ao[j] = dh * tc * derivative(o)
            cellGradient[j] = dc * f
        }
    }
}
