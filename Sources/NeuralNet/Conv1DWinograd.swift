import TensorCore

/// Inference for a kernel-3, stride-1 `Conv1D` by Winograd's minimal filtering
/// F(4,3) (Lavin & Gray, "Fast Algorithms for Convolutional Neural Networks", 2015).
///
/// Four outputs of a channel-summed correlation y[j] = Σ_tap Σ_c x[j+tap, c] · K[tap, c, f]
/// come from six inputs: with d the six input rows of a tile and g = K[·, c, f],
/// y = Aᵀ [(G g) ⊙ (Bᵀ d)], summed over c. The sum over channels makes each of the
/// six transformed points ξ one GEMM, V_ξ [tiles × C] · U_ξ [C × F], so a tile of
/// four outputs costs 6·C·F multiply-adds instead of im2col's 12·C·F: half the
/// arithmetic of the GEMM that bounds the convolution.
///
/// Why our own: OpenBLAS has no convolution, and the im2col GEMM already runs at the
/// machine's SGEMM peak, so only less arithmetic makes CNN inference faster.
/// Training keeps im2col (its patches are what dK = Pᵀ · dZ needs).
///
/// Numbers: the transforms are exact in real arithmetic; in float they round
/// differently from im2col (Conv1DWinogradTests bounds the difference). Tiles are cut
/// into blocks of `blockTiles` from tile 0, so the bits do not depend on the thread count.
enum Conv1DWinograd {
    /// Outputs per tile (m) and transformed points per tile (m + 2).
    static let outputs = 4, points = 6
    /// Tiles per block: OpenBLAS ran the block products (128 × C · C × F at the CNN's C = 100, F = 250) at 74 GFLOP/s
    /// on one Zen 3 core against 72 for 64 tiles and 62 for 256 (its packing of U_ξ is paid once per product).
    static let blockTiles = 128

    /// U_ξ = Σ_tap G[ξ][tap] · kernel[tap]: `kernel` [3, C, F] → `u` [6, C, F].
    static func transformKernel(_ kernel: UnsafePointer<Float>, channels c: Int, filters f: Int, into u: UnsafeMutablePointer<Float>) {
        let size = c * f
        let g0 = kernel, g1 = kernel + size, g2 = kernel + 2 * size
        let u0 = u, u1 = u + size, u2 = u + 2 * size, u3 = u + 3 * size, u4 = u + 4 * size, u5 = u + 5 * size
        for i in 0..<size {
            let a = g0[i], b = g1[i], e = g2[i]
            u0[i] = a / 4
            u1[i] = -(a + b + e) / 6
            u2[i] = -(a - b + e) / 6
            u3[i] = a / 24 + b / 12 + e / 6
            u4[i] = a / 24 - b / 12 + e / 6
            u5[i] = e
        }
    }

    /// y [N, L', F] = x [N, L, C] ⊛ kernel; `u` from `transformKernel`.
    /// - Parameters:
    ///   - padLeft: zeros before the input (0 for `valid`, 1 for `same`); zeros after it as needed.
    ///   - bias: added to every output row; with `relu`, max(0, ·) is taken as the rows are written.
    ///   - finish: called on each block's output rows (first row, row count) while they are in cache (another activation).
    static func forward(x: UnsafePointer<Float>, samples n: Int, length l: Int, channels c: Int,
                        u: UnsafePointer<Float>, filters f: Int, outputLength lo: Int, padLeft: Int,
                        bias: UnsafePointer<Float>, relu: Bool,
                        into y: UnsafeMutablePointer<Float>, finish: (UnsafeMutablePointer<Float>, Int) -> Void) {
        let perSample = (lo + outputs - 1) / outputs, tiles = n * perSample
        let firstRow = { (tile: Int) -> Int in (tile / perSample) * lo + (tile % perSample) * outputs }
        let blocks = (tiles + blockTiles - 1) / blockTiles
        let pieces = Swift.max(1, Swift.min(Parallel.threads, blocks))
        Parallel.forPieces(pieces) { piece in
            let owned = Parallel.piece(piece, of: pieces, count: blocks)
            let scratchSize = points * blockTiles * (c + f) + c + outputs * f
            withUnsafeTemporaryAllocation(of: Float.self, capacity: scratchSize) { scratch in
                let v = scratch.baseAddress!, m = v + points * blockTiles * c, zeros = m + points * blockTiles * f
                let partial = zeros + c  // a last tile's four rows, before the ones inside L' are copied out
                zeros.initialize(repeating: 0, count: c)
                for block in owned {
                    let first = block * blockTiles, count = Swift.min(blockTiles, tiles - first)
                    for t in 0..<count {
                        let tile = first + t, sample = tile / perSample, start = (tile % perSample) * outputs - padLeft
                        let row = { (i: Int) -> UnsafePointer<Float> in
                            let pos = start + i
                            return pos >= 0 && pos < l ? x + (sample * l + pos) * c : UnsafePointer(zeros)
                        }
                        transformInput(row(0), row(1), row(2), row(3), row(4), row(5), channels: c,
                                       into: v + t * c, pointStride: blockTiles * c)
                    }
                    for xi in 0..<points {
                        GEMM.multiply(MatrixView(UnsafePointer(v + xi * blockTiles * c), rows: count, cols: c), .none,
                                      MatrixView(u + xi * c * f, rows: c, cols: f), .none,
                                      into: MutableMatrixView(m + xi * blockTiles * f, rows: count, cols: f))
                    }
                    for t in 0..<count {
                        let tile = first + t, sample = tile / perSample, j = (tile % perSample) * outputs
                        let rows = Swift.min(outputs, lo - j), out = y + (sample * lo + j) * f
                        transformOutput(m + t * f, pointStride: blockTiles * f, filters: f, bias: bias, relu: relu,
                                        into: rows == outputs ? out : partial)
                        if rows < outputs { out.update(from: partial, count: rows * f) }
                    }
                    let start = firstRow(first), end = first + count == tiles ? n * lo : firstRow(first + count)
                    finish(y + start * f, end - start)
                }
            }
        }
    }

    private typealias Lanes = SIMD8<Float>

    /// V_ξ = (Bᵀ d)_ξ for one tile, eight channels at a time; V_ξ goes to `v + ξ · pointStride`.
    @inline(__always) private static func transformInput(_ d0: UnsafePointer<Float>, _ d1: UnsafePointer<Float>, _ d2: UnsafePointer<Float>,
                                                         _ d3: UnsafePointer<Float>, _ d4: UnsafePointer<Float>, _ d5: UnsafePointer<Float>,
                                                         channels c: Int, into v: UnsafeMutablePointer<Float>, pointStride s: Int) {
        var i = 0
        while i + 8 <= c {
            let a0 = load(d0 + i), a1 = load(d1 + i), a2 = load(d2 + i), a3 = load(d3 + i), a4 = load(d4 + i), a5 = load(d5 + i)
            store(4 * a0 - 5 * a2 + a4, v + i)
            store(-4 * (a1 + a2) + a3 + a4, v + s + i)
            store(4 * (a1 - a2) - a3 + a4, v + 2 * s + i)
            store(2 * (a3 - a1) - a2 + a4, v + 3 * s + i)
            store(2 * (a1 - a3) - a2 + a4, v + 4 * s + i)
            store(4 * a1 - 5 * a3 + a5, v + 5 * s + i)
            i += 8
        }
        while i < c {
            let a0 = d0[i], a1 = d1[i], a2 = d2[i], a3 = d3[i], a4 = d4[i], a5 = d5[i]
            v[i] = 4 * a0 - 5 * a2 + a4
            v[s + i] = -4 * (a1 + a2) + a3 + a4
            v[2 * s + i] = 4 * (a1 - a2) - a3 + a4
            v[3 * s + i] = 2 * (a3 - a1) - a2 + a4
            v[4 * s + i] = 2 * (a1 - a3) - a2 + a4
            v[5 * s + i] = 4 * a1 - 5 * a3 + a5
            i += 1
        }
    }

    /// Aᵀ M + bias for one tile (then max(0, ·) with `relu`), eight filters at a time:
    /// M_ξ at `m + ξ · pointStride`, four output rows F apart.
    @inline(__always) private static func transformOutput(_ m: UnsafePointer<Float>, pointStride s: Int, filters f: Int,
                                                          bias: UnsafePointer<Float>, relu: Bool, into y: UnsafeMutablePointer<Float>) {
        let floor = relu ? Lanes(repeating: 0) : Lanes(repeating: -.infinity)
        var i = 0
        while i + 8 <= f {
            let m0 = load(m + i), m1 = load(m + s + i), m2 = load(m + 2 * s + i), m3 = load(m + 3 * s + i)
            let m4 = load(m + 4 * s + i), m5 = load(m + 5 * s + i), b = load(bias + i)
            let p12 = m1 + m2, d12 = m1 - m2, p34 = m3 + m4, d34 = m3 - m4
            store(atLeast(m0 + p12 + p34 + b, floor), y + i)
            store(atLeast(d12 + 2 * d34 + b, floor), y + f + i)
            store(atLeast(p12 + 4 * p34 + b, floor), y + 2 * f + i)
            store(atLeast(d12 + 8 * d34 + m5 + b, floor), y + 3 * f + i)
            i += 8
        }
        let least: Float = relu ? 0 : -.infinity
        while i < f {
            let m0 = m[i], m1 = m[s + i], m2 = m[2 * s + i], m3 = m[3 * s + i], m4 = m[4 * s + i], m5 = m[5 * s + i], b = bias[i]
            let p12 = m1 + m2, d12 = m1 - m2, p34 = m3 + m4, d34 = m3 - m4
            y[i] = Swift.max(m0 + p12 + p34 + b, least)
            y[f + i] = Swift.max(d12 + 2 * d34 + b, least)
            y[2 * f + i] = Swift.max(p12 + 4 * p34 + b, least)
            y[3 * f + i] = Swift.max(d12 + 8 * d34 + m5 + b, least)
            i += 1
        }
    }

    /// max(x, floor) lane by lane (the standard library's `pointwiseMax` was not specialized: 31% of CNN inference).
    @inline(__always) private static func atLeast(_ x: Lanes, _ floor: Lanes) -> Lanes {
        x.replacing(with: floor, where: x .< floor)
    }

    @inline(__always) private static func load(_ p: UnsafePointer<Float>) -> Lanes {
        UnsafeRawPointer(p).loadUnaligned(as: Lanes.self)
    }

    @inline(__always) private static func store(_ x: Lanes, _ p: UnsafeMutablePointer<Float>) {
        UnsafeMutableRawPointer(p).storeBytes(of: x, as: Lanes.self)
    }
}
