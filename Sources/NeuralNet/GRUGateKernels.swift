import TensorCore

/// The element-wise passes of one GRU row (one sample, one step), as `LSTMGateKernels` does for the LSTM:
/// one plain loop over the U units per pass, the gate activation chosen once per row so LLVM vectorizes
/// the loop. Blocks z, r, h of P and Q are U apart; a step-0 row passes U zeros as h_{t−1}.
enum GRUGateKernels {
    /// `resetAfter`: P [3U] → z, r, ĥ in place, with ĥ = tanh(P_h + r ⊙ Q_h); h = z ⊙ h_{t−1} + (1 − z) ⊙ ĥ.
    @inline(never)
    static func forwardResetAfter(_ p: UnsafeMutablePointer<Float>, _ q: UnsafePointer<Float>, previous: UnsafePointer<Float>,
                                  hidden: UnsafeMutablePointer<Float>, units u: Int, gate: RecurrentActivation) {
        switch gate {
        case .sigmoid: forwardResetAfter(p, q, previous, hidden, u) { VectorMath.gateSigmoid($0) }
        case .hardSigmoid: forwardResetAfter(p, q, previous, hidden, u) { VectorMath.hardSigmoid($0) }
        }
    }

    @inline(__always)
    private static func forwardResetAfter(_ p: UnsafeMutablePointer<Float>, _ q: UnsafePointer<Float>, _ previous: UnsafePointer<Float>,
                                          _ hidden: UnsafeMutablePointer<Float>, _ u: Int, _ act: (Float) -> Float) {
        let pz = p, pr = p + u, ph = p + 2 * u, qz = q, qr = q + u, qh = q + 2 * u
        for j in 0..<u {
            let z = act(pz[j] + qz[j]), r = act(pr[j] + qr[j])
            let candidate = VectorMath.tanh(ph[j] + r * qh[j])
            pz[j] = z; pr[j] = r; ph[j] = candidate
            hidden[j] = z * previous[j] + (1 - z) * candidate
        }
    }

    /// Without `resetAfter`, first half: P_z, P_r → z, r in place (Q_z, Q_r = h̃ · R_zr); r ⊙ h̃ into `resetHidden`.
    @inline(never)
    static func forwardGates(_ p: UnsafeMutablePointer<Float>, _ q: UnsafePointer<Float>, maskedHidden: UnsafePointer<Float>,
                             resetHidden: UnsafeMutablePointer<Float>, units u: Int, gate: RecurrentActivation) {
        switch gate {
        case .sigmoid: forwardGates(p, q, maskedHidden, resetHidden, u) { VectorMath.gateSigmoid($0) }
        case .hardSigmoid: forwardGates(p, q, maskedHidden, resetHidden, u) { VectorMath.hardSigmoid($0) }
        }
    }

    @inline(__always)
    private static func forwardGates(_ p: UnsafeMutablePointer<Float>, _ q: UnsafePointer<Float>, _ hm: UnsafePointer<Float>,
                                     _ s: UnsafeMutablePointer<Float>, _ u: Int, _ act: (Float) -> Float) {
        let pz = p, pr = p + u, qz = q, qr = q + u
        for j in 0..<u {
            let z = act(pz[j] + qz[j]), r = act(pr[j] + qr[j])
            pz[j] = z; pr[j] = r
            s[j] = r * hm[j]
        }
    }

    /// Without `resetAfter`, second half: P_h → ĥ = tanh(P_h + Q_h) in place (Q_h = (r ⊙ h̃) · R_h); h as above.
    @inline(never)
    static func forwardCandidate(_ p: UnsafeMutablePointer<Float>, _ q: UnsafePointer<Float>, previous: UnsafePointer<Float>,
                                 hidden: UnsafeMutablePointer<Float>, units u: Int) {
        let pz = p, ph = p + 2 * u, qh = q + 2 * u
        for j in 0..<u {
            let candidate = VectorMath.tanh(ph[j] + qh[j])
            ph[j] = candidate
            hidden[j] = pz[j] * previous[j] + (1 - pz[j]) * candidate
        }
    }

    /// From dh_t = `hiddenGradient` (from step t + 1) + `outputGradient`: dP, dQ of this row
    /// (with `resetAfter` all three blocks; otherwise z and h, the r block following in `backwardReset`),
    /// and z ⊙ dh_t, the direct path to h_{t−1}, into `hiddenGradient`.
    @inline(never)
    static func backward(_ a: UnsafePointer<Float>, _ q: UnsafePointer<Float>, previous: UnsafePointer<Float>,
                         hiddenGradient dh: UnsafeMutablePointer<Float>, outputGradient: UnsafePointer<Float>,
                         dp: UnsafeMutablePointer<Float>, dq: UnsafeMutablePointer<Float>, units u: Int,
                         gate: RecurrentActivation, resetAfter: Bool) {
        switch (gate, resetAfter) {
        case (.sigmoid, true): backward(a, q, previous, dh, outputGradient, dp, dq, u, true) { $0 * (1 - $0) }
        case (.sigmoid, false): backward(a, q, previous, dh, outputGradient, dp, dq, u, false) { $0 * (1 - $0) }
        case (.hardSigmoid, true): backward(a, q, previous, dh, outputGradient, dp, dq, u, true) { $0 > 0 && $0 < 1 ? 0.2 : 0 }
        case (.hardSigmoid, false): backward(a, q, previous, dh, outputGradient, dp, dq, u, false) { $0 > 0 && $0 < 1 ? 0.2 : 0 }
        }
    }

    /// The gate derivative is given from the gate's output a: a(1 − a) for sigmoid, 0.2 inside (0, 1) for hard sigmoid.
    /// Two loops, each touching few arrays, so LLVM's runtime alias checks stay within its limit and both vectorize.
    @inline(__always)
    private static func backward(_ a: UnsafePointer<Float>, _ q: UnsafePointer<Float>, _ previous: UnsafePointer<Float>,
                                 _ dh: UnsafeMutablePointer<Float>, _ og: UnsafePointer<Float>, _ dp: UnsafeMutablePointer<Float>,
                                 _ dq: UnsafeMutablePointer<Float>, _ u: Int, _ resetAfter: Bool, _ derivative: (Float) -> Float) {
        let az = a, ar = a + u, ah = a + 2 * u, qh = q + 2 * u
        let dpz = dp, dpr = dp + u, dph = dp + 2 * u, dqz = dq, dqr = dq + u, dqh = dq + 2 * u
        for j in 0..<u {
            let g = dh[j] + og[j], z = az[j], candidate = ah[j]
            dph[j] = g * (1 - z) * (1 - candidate * candidate)
            dpz[j] = g * (previous[j] - candidate) * derivative(z)
            dh[j] = g * z
        }
        if resetAfter {
            for j in 0..<u {
                let r = ar[j], dCandidate = dph[j], dr = dCandidate * qh[j] * derivative(r)
                dqz[j] = dpz[j]
                dpr[j] = dr; dqr[j] = dr
                dqh[j] = dCandidate * r
            }
        } else {
            for j in 0..<u {
                dqz[j] = dpz[j]
                dqh[j] = dph[j]
            }
        }
    }

    /// Without `resetAfter`: from ds = d(r ⊙ h̃) [U], the r block of dP and dQ; ds becomes r ⊙ ds (its share of dh̃).
    @inline(never)
    static func backwardReset(_ a: UnsafePointer<Float>, maskedHidden hm: UnsafePointer<Float>, resetGradient ds: UnsafeMutablePointer<Float>,
                              dp: UnsafeMutablePointer<Float>, dq: UnsafeMutablePointer<Float>, units u: Int, gate: RecurrentActivation) {
        switch gate {
        case .sigmoid: backwardReset(a, hm, ds, dp, dq, u) { $0 * (1 - $0) }
        case .hardSigmoid: backwardReset(a, hm, ds, dp, dq, u) { $0 > 0 && $0 < 1 ? 0.2 : 0 }
        }
    }

    @inline(__always)
    private static func backwardReset(_ a: UnsafePointer<Float>, _ hm: UnsafePointer<Float>, _ ds: UnsafeMutablePointer<Float>,
                                      _ dp: UnsafeMutablePointer<Float>, _ dq: UnsafeMutablePointer<Float>, _ u: Int,
                                      _ derivative: (Float) -> Float) {
        let ar = a + u, dpr = dp + u, dqr = dq + u
        for j in 0..<u {
            let r = ar[j], dr = ds[j] * hm[j] * derivative(r)
            dpr[j] = dr; dqr[j] = dr
            ds[j] *= r
        }
    }
}
