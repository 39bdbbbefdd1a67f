import TensorCore

/// The register kernel of the recurrent inference passes (`RecurrentPanels`): up to
/// three rows of [x_t, h_{t−1}] times one packed panel of 8 units × 4 gate blocks.
///
/// Fast path: a three-row tile keeps 12 `SIMD8` accumulators (3 rows × 4 gate
/// vectors) in registers and streams the panel ([D+U, 32], 17 KB for the seed,
/// resident in L1 across the tile's rows); per depth step that is three broadcasts,
/// four loads and 12 FMAs, so the FMA units bound it, not the loads (Swift emits
/// `vbroadcastss` + `vfmadd231ps` for it at `-target-cpu haswell`; the first version
/// indexed rows as `a[lda + k]`, whose overflow checks spilled two accumulators). Every
/// accumulator starts from the bias and adds the products in depth order, the
/// same for 1, 2 or 3 rows, so a row's result does not depend on its tile.
enum PanelKernel {
    typealias Lanes = SIMD8<Float>
    /// Units per panel (one `SIMD8` per gate).
    static let unitsPerPanel = 8
    /// Floats in one panel row: 4 gates × 8 units.
    static let width = 32
    /// Rows per tile (12 accumulators of the 16 AVX2 registers).
    static let rowsPerTile = 3
    /// Floats of one Z tile.
    static let tileFloats = 3 * 32

    /// z[row, 0..<32] = bias + Σ_k a[row, k] · panel[k, 0..<32] for `rows` (1…3) rows of `a`.
    static func multiply(rows: Int, _ a: UnsafePointer<Float>, stride lda: Int, depth: Int, panel: UnsafePointer<Float>,
                         bias: UnsafePointer<Float>, into z: UnsafeMutablePointer<Float>) {
        let b0 = load(bias), b1 = load(bias + 8), b2 = load(bias + 16), b3 = load(bias + 24)
        let a0 = a, a1 = a + lda, a2 = a1 + lda
        switch rows {
        case 3:
            var c00 = b0, c01 = b1, c02 = b2, c03 = b3
            var c10 = b0, c11 = b1, c12 = b2, c13 = b3
            var c20 = b0, c21 = b1, c22 = b2, c23 = b3
            var w = panel
            for k in 0..<depth {
                let x0 = Lanes(repeating: a0[k]), x1 = Lanes(repeating: a1[k]), x2 = Lanes(repeating: a2[k])
                var v = load(w)
                c00 = c00.addingProduct(x0, v); c10 = c10.addingProduct(x1, v); c20 = c20.addingProduct(x2, v)
                v = load(w + 8)
                c01 = c01.addingProduct(x0, v); c11 = c11.addingProduct(x1, v); c21 = c21.addingProduct(x2, v)
                v = load(w + 16)
                c02 = c02.addingProduct(x0, v); c12 = c12.addingProduct(x1, v); c22 = c22.addingProduct(x2, v)
                v = load(w + 24)
                c03 = c03.addingProduct(x0, v); c13 = c13.addingProduct(x1, v); c23 = c23.addingProduct(x2, v)
                w += width
            }
            store(c00, c01, c02, c03, z)
            store(c10, c11, c12, c13, z + width)
            store(c20, c21, c22, c23, z + 2 * width)
        case 2:
            var c00 = b0, c01 = b1, c02 = b2, c03 = b3
            var c10 = b0, c11 = b1, c12 = b2, c13 = b3
            var w = panel
            for k in 0..<depth {
                let x0 = Lanes(repeating: a0[k]), x1 = Lanes(repeating: a1[k])
                let w0 = load(w), w1 = load(w + 8), w2 = load(w + 16), w3 = load(w + 24)
                c00 = c00.addingProduct(x0, w0); c01 = c01.addingProduct(x0, w1)
                c02 = c02.addingProduct(x0, w2); c03 = c03.addingProduct(x0, w3)
                c10 = c10.addingProduct(x1, w0); c11 = c11.addingProduct(x1, w1)
                c12 = c12.addingProduct(x1, w2); c13 = c13.addingProduct(x1, w3)
                w += width
            }
            store(c00, c01, c02, c03, z)
            store(c10, c11, c12, c13, z + width)
        default:
            var c00 = b0, c01 = b1, c02 = b2, c03 = b3
            var w = panel
            for k in 0..<depth {
                let x0 = Lanes(repeating: a0[k])
                c00 = c00.addingProduct(x0, load(w)); c01 = c01.addingProduct(x0, load(w + 8))
                c02 = c02.addingProduct(x0, load(w + 16)); c03 = c03.addingProduct(x0, load(w + 24))
                w += width
            }
            store(c00, c01, c02, c03, z)
        }
    }

    @inline(__always) static func load(_ p: UnsafePointer<Float>) -> Lanes {
        UnsafeRawPointer(p).loadUnaligned(as: Lanes.self)
    }

    /// Stores all 8 lanes.
    @inline(__always) static func store(_ v: Lanes, _ p: UnsafeMutablePointer<Float>) {
        UnsafeMutableRawPointer(p).storeBytes(of: v, as: Lanes.self)
    }

    /// Stores the first `count` lanes (all 8 in one store when `count` is 8).
    @inline(__always) static func store(_ v: Lanes, _ p: UnsafeMutablePointer<Float>, count: Int) {
        if count == unitsPerPanel { store(v, p) } else { for j in 0..<count { p[j] = v[j] } }
    }

    @inline(__always) private static func store(_ c0: Lanes, _ c1: Lanes, _ c2: Lanes, _ c3: Lanes,
                                                _ p: UnsafeMutablePointer<Float>) {
        let raw = UnsafeMutableRawPointer(p), size = MemoryLayout<Lanes>.size
        raw.storeBytes(of: c0, as: Lanes.self)
        raw.storeBytes(of: c1, toByteOffset: size, as: Lanes.self)
        raw.storeBytes(of: c2, toByteOffset: 2 * size, as: Lanes.self)
        raw.storeBytes(of: c3, toByteOffset: 3 * size, as: Lanes.self)
    }
}
