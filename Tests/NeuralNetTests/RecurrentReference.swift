import Foundation
import NeuralNet
import TensorCore

/// Independent scalar recurrences in `Double` (Keras's formulas written out), the
/// specification the recurrent layers are tested against. `mx` [D] and `mr` [U]
/// are one sample's input and recurrent dropout masks (nil: ones).
enum RecurrentReference {
    typealias Matrix = [[Double]]

    static func gate(_ z: Double, hard: Bool) -> Double { hard ? min(max(0.2 * z + 0.5, 0), 1) : 1 / (1 + exp(-z)) }

    /// x_t · W + h · R for row vectors (W [D, C], R [U, C]).
    static func project(_ x: [Double], _ w: Matrix) -> [Double] {
        (0..<w[0].count).map { j in (0..<x.count).reduce(0) { $0 + x[$1] * w[$1][j] } }
    }

    static func masked(_ v: [Double], _ m: [Double]?) -> [Double] { m.map { zip(v, $0).map(*) } ?? v }

    /// Keras GRU: gate blocks z, r, h; `bIn`, `bRec` are the two bias rows (`bRec` nil without `reset_after`).
    static func gru(x: Matrix, w: Matrix, r: Matrix, bIn: [Double], bRec: [Double]?, units u: Int, hard: Bool = false,
                    mx: [Double]? = nil, mr: [Double]? = nil) -> Matrix {
        var h = [Double](repeating: 0, count: u), hs: Matrix = []
        for xt in x {
            let p = zip(project(masked(xt, mx), w), bIn).map(+)
            let hm = masked(h, mr)
            var next = h
            if let bRec {
                let q = zip(project(hm, r), bRec).map(+)
                for j in 0..<u {
                    let z = gate(p[j] + q[j], hard: hard), rr = gate(p[u + j] + q[u + j], hard: hard)
                    let candidate = tanh(p[2 * u + j] + rr * q[2 * u + j])
                    next[j] = z * h[j] + (1 - z) * candidate
                }
            } else {
                let q = project(hm, r)
                let z = (0..<u).map { gate(p[$0] + q[$0], hard: hard) }, rr = (0..<u).map { gate(p[u + $0] + q[u + $0], hard: hard) }
                let rh = project(zip(rr, hm).map(*), r.map { Array($0[(2 * u)...]) })
                for j in 0..<u { next[j] = z[j] * h[j] + (1 - z[j]) * tanh(p[2 * u + j] + rh[j]) }
            }
            h = next
            hs.append(h)
        }
        return hs
    }

    /// Keras SimpleRNN with tanh.
    static func simpleRNN(x: Matrix, w: Matrix, r: Matrix, b: [Double], mx: [Double]? = nil, mr: [Double]? = nil) -> Matrix {
        var h = [Double](repeating: 0, count: b.count), hs: Matrix = []
        for xt in x {
            let p = project(masked(xt, mx), w), q = project(masked(h, mr), r)
            h = (0..<b.count).map { tanh(p[$0] + q[$0] + b[$0]) }
            hs.append(h)
        }
        return hs
    }

    /// Keras LSTM, gate blocks i, f, c, o.
    static func lstm(x: Matrix, w: Matrix, r: Matrix, b: [Double], units u: Int, mx: [Double]? = nil, mr: [Double]? = nil) -> Matrix {
        var h = [Double](repeating: 0, count: u), c = h, hs: Matrix = []
        for xt in x {
            let p = project(masked(xt, mx), w), q = project(masked(h, mr), r)
            let z = (0..<(4 * u)).map { p[$0] + q[$0] + b[$0] }
            for j in 0..<u {
                let i = gate(z[j], hard: false), f = gate(z[u + j], hard: false), g = tanh(z[2 * u + j]), o = gate(z[3 * u + j], hard: false)
                c[j] = f * c[j] + i * g
                h[j] = o * tanh(c[j])
            }
            hs.append(h)
        }
        return hs
    }

    /// A [rows, cols] tensor as rows of `Double`.
    static func rows(_ t: Tensor, cols: Int) -> Matrix {
        let v = t.values.map(Double.init)
        return (0..<(v.count / cols)).map { Array(v[($0 * cols)..<(($0 + 1) * cols)]) }
    }

    /// Sample s of x [N, T, D] as T rows.
    static func sample(_ x: Tensor, _ s: Int) -> Matrix {
        let t = x.shape[1], d = x.shape[2]
        return (0..<t).map { step in (0..<d).map { Double(x[s, step, $0]) } }
    }

    /// The masks a recurrent layer draws from a generator with `seed` (input [N, D] first, then recurrent [N, U]),
    /// as `RecurrentDropoutMasks` documents: element kept when uniform() < 1 − rate, scaled by 1 / (1 − rate).
    static func masks(seed: UInt64, n: Int, d: Int, u: Int, rates: RecurrentDropout) -> (input: Matrix?, recurrent: Matrix?) {
        var rng = RandomGenerator(seed: seed)
        func draw(_ width: Int, _ rate: Float) -> Matrix? {
            guard rate > 0 else { return nil }
            let keep = 1 - rate
            return (0..<n).map { _ in (0..<width).map { _ in rng.uniform() < keep ? Double(1 / keep) : 0 } }
        }
        let input = draw(d, rates.input)
        return (input, draw(u, rates.recurrent))
    }
}
