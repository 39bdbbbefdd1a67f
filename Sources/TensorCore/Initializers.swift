/// Fills tensors with Keras's initial distributions, drawing from a passed-in generator.
public enum Initializers {
    /// Uniform in [low, high) (Keras `RandomUniform`; embeddings use ±0.05).
    public static func uniform(_ t: Tensor, low: Float, high: Float, using rng: inout RandomGenerator) {
        for i in 0..<t.count { t.data[i] = rng.uniform(low, high) }
    }

    /// Keras `glorot_uniform`: uniform in ±√(6 / (fanIn + fanOut)).
    public static func glorotUniform(_ t: Tensor, fanIn: Int, fanOut: Int, using rng: inout RandomGenerator) {
        let limit = Float((6.0 / Double(fanIn + fanOut)).squareRoot())
        uniform(t, low: -limit, high: limit, using: &rng)
    }

    /// Normal N(mean, std²) in every element.
    public static func normal(_ t: Tensor, mean: Float = 0, std: Float, using rng: inout RandomGenerator) {
        for i in 0..<t.count { t.data[i] = Float(rng.normal(mean: Double(mean), std: Double(std))) }
    }

    /// Keras `Orthogonal(gain)`: a `rows` × `cols` matrix whose rows (when
    /// rows ≤ cols) or columns (otherwise) are orthonormal, times `gain`.
    ///
    /// As Keras: draw a normal matrix of the taller orientation, take Q of its
    /// QR factorisation with R's diagonal made positive, transpose back if wide.
    /// QR here is modified Gram–Schmidt in `Double`, run twice for stability,
    /// which yields exactly that sign convention.
    public static func orthogonal(_ t: Tensor, rows: Int, cols: Int, gain: Float = 1, using rng: inout RandomGenerator) {
        precondition(rows * cols == t.count, "orthogonal \(rows)×\(cols) into \(t.shape)")
        let wide = rows < cols
        let m = wide ? cols : rows, n = wide ? rows : cols      // m ≥ n: orthonormalise n columns of length m
        var q = [Double](repeating: 0, count: m * n)            // column-major: column j at j*m
        for i in 0..<(m * n) { q[i] = rng.normal() }
        for j in 0..<n {
            for _ in 0..<2 {
                for p in 0..<j {
                    var d = 0.0
                    for i in 0..<m { d += q[p * m + i] * q[j * m + i] }
                    for i in 0..<m { q[j * m + i] -= d * q[p * m + i] }
                }
            }
            var norm = 0.0
            for i in 0..<m { norm += q[j * m + i] * q[j * m + i] }
            norm = norm.squareRoot()
            for i in 0..<m { q[j * m + i] /= norm }
        }
        for r in 0..<rows {
            for c in 0..<cols {
                // Tall: element (r, c) is row r of column c. Wide: the transpose.
                let v = wide ? q[r * m + c] : q[c * m + r]
                t.data[r * cols + c] = gain * Float(v)
            }
        }
    }
}
