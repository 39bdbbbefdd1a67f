import Foundation
import TensorCore

/// SGEMM throughput through lab's `GEMM` wrapper on the shapes that matter:
/// the square 1024³ case (the machine's peak) and the LSTM step shape
/// 64×132 · 132×400 (batch 64, embedding 32 + units 100, four gates of 100).
public enum GEMMBench {
    public static func run() -> [BenchResult] {
        [measure(name: "gemm", m: 1024, n: 1024, k: 1024, minSeconds: 1.0),
         measure(name: "gemm-lstm", m: 64, n: 400, k: 132, minSeconds: 1.0)]
    }

    /// Repeats C = A·B until `minSeconds` have passed, after one warm-up call.
    public static func measure(name: String, m: Int, n: Int, k: Int, minSeconds: Double) -> BenchResult {
        var rng = RandomGenerator(seed: 1)
        let a = Tensor(shape: [m, k]), b = Tensor(shape: [k, n]), c = Tensor(shape: [m, n])
        Initializers.uniform(a, low: -1, high: 1, using: &rng)
        Initializers.uniform(b, low: -1, high: 1, using: &rng)
        let call = { GEMM.multiply(a.matrix, .none, b.matrix, .none, into: c.mutableMatrix) }
        call()
        var reps = 0
        let start = DispatchTime.now().uptimeNanoseconds
        var elapsed = 0.0
        repeat {
            call()
            reps += 1
            elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        } while elapsed < minSeconds
        let seconds = elapsed / Double(reps)
        return BenchResult(config: name, detail: "\(m)×\(k) · \(k)×\(n), \(Parallel.threads) threads",
                           seconds: seconds, gflops: GEMM.flops(m: m, n: n, k: k) / seconds / 1e9)
    }
}
