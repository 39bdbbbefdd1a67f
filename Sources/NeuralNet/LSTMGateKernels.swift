import TensorCore

/// The fused element-wise gate passes of one LSTM row (one sample, one step), 16 lanes at a time.
enum LSTMGateKernels {
    typealias Lanes = SIMD16<Float>

    @inline(__always) static func load(_ p: UnsafePointer<Float>, _ w: Int) -> Lanes {
        if w == 16 { return UnsafeRawPointer(p).loadUnaligned(as: Lanes.self) }
        var v = Lanes(repeating: 0)
        for j in 0..<w { v[j] = p[j] }
        return v
    }

    @inline(__always) static func store(_ v: Lanes, _ p: UnsafeMutablePointer<Float>, _ w: Int) {
        if w == 16 { UnsafeMutableRawPointer(p).storeBytes(of: v, as: Lanes.self); return }
        for j in 0..<w { p[j] = v[j] }
    }

    @inline(__always) static func activate(_ x: Lanes, _ gate: RecurrentActivation) -> Lanes {
        gate == .sigmoid ? VectorMath.sigmoid(x) : VectorMath.hardSigmoid(x)
    }

    /// The gate derivative from its output a: a(1 − a) for sigmoid, 0.2 inside (0, 1) for hard sigmoid.
    @inline(__always) static func derivative(_ a: Lanes, _ gate: RecurrentActivation) -> Lanes {
        if gate == .sigmoid { return a * (1 - a) }
        let inside = (a .> 0) .& (a .< 1)
        return Lanes(repeating: 0).replacing(with: 0.2, where: inside)
    }

    /// z [4U] pre-activations → gate activations (in place); writes c_t, tanh(c_t), h_t.
    static func forward(_ z: UnsafeMutablePointer<Float>, cellPrevious: UnsafePointer<Float>?,
                        cell: UnsafeMutablePointer<Float>, cellTanh: UnsafeMutablePointer<Float>,
                        hidden: UnsafeMutablePointer<Float>, units u: Int, gate: RecurrentActivation) {
        var j = 0
        while j < u {
            let w = min(16, u - j)
            let i = activate(load(z + j, w), gate)
            let f = activate(load(z + u + j, w), gate)
            let g = VectorMath.tanh(load(z + 2 * u + j, w))
            let o = activate(load(z + 3 * u + j, w), gate)
            var c = i * g
            if let cp = cellPrevious { c += f * load(cp + j, w) }
            let tc = VectorMath.tanh(c)
            store(i, z + j, w); store(f, z + u + j, w); store(g, z + 2 * u + j, w); store(o, z + 3 * u + j, w)
            store(c, cell + j, w); store(tc, cellTanh + j, w); store(o * tc, hidden + j, w)
            j += 16
        }
    }

    /// Turns the gate activations a [4U] of this row into dZ (in place).
    ///
    /// dh = `hiddenGradient` (from step t+1) + `outputGradient` (from above, if any);
    /// `cellGradient` holds dc from step t+1 on entry and dc_{t−1} on exit.
    static func backward(_ a: UnsafeMutablePointer<Float>, cellPrevious: UnsafePointer<Float>?,
                         cellTanh: UnsafePointer<Float>, hiddenGradient: UnsafePointer<Float>,
                         outputGradient: UnsafePointer<Float>?, cellGradient: UnsafeMutablePointer<Float>,
                         units u: Int, gate: RecurrentActivation) {
        var j = 0
        while j < u {
            let w = min(16, u - j)
            let i = load(a + j, w), f = load(a + u + j, w), g = load(a + 2 * u + j, w), o = load(a + 3 * u + j, w)
            let tc = load(cellTanh + j, w)
            var dh = load(hiddenGradient + j, w)
            if let og = outputGradient { dh += load(og + j, w) }
            let dc = dh * o * (1 - tc * tc) + load(cellGradient + j, w)
            let cp = cellPrevious.map { load($0 + j, w) } ?? Lanes(repeating: 0)
            store(dc * g * derivative(i, gate), a + j, w)
            store(dc * cp * derivative(f, gate), a + u + j, w)
            store(dc * i * (1 - g * g), a + 2 * u + j, w)
            store(dh * tc * derivative(o, gate), a + 3 * u + j, w)
            store(dc * f, cellGradient + j, w)
            j += 16
        }
    }
}
