import Foundation

/// One measured workload: what ran and how fast.
public struct BenchResult: Sendable {
    public var config: String
    public var detail: String
    public var seconds: Double
    public var gflops: Double
    public var extra: [String: Double]

    public init(config: String, detail: String, seconds: Double, gflops: Double, extra: [String: Double] = [:]) {
        self.config = config
        self.detail = detail
        self.seconds = seconds
        self.gflops = gflops
        self.extra = extra
    }

    /// An aligned text table, one row per result.
    public static func table(_ results: [BenchResult], header: String) -> String {
        var lines = [header, pad("config", 12) + pad("detail", 34) + lpad("seconds", 10) + lpad("GFLOP/s", 10)]
        for r in results {
            lines.append(pad(r.config, 12) + pad(r.detail, 34)
                         + lpad(String(format: "%.3f", r.seconds), 10) + lpad(String(format: "%.1f", r.gflops), 10))
        }
        return lines.joined(separator: "\n")
    }

    /// A JSON array of objects with `config`, `detail`, `seconds`, `gflops` and any extras.
    public static func json(_ results: [BenchResult]) -> String {
        let objects = results.map { r -> [String: Any] in
            var o: [String: Any] = ["config": r.config, "detail": r.detail, "seconds": r.seconds, "gflops": r.gflops]
            for (k, v) in r.extra { o[k] = v }
            return o
        }
        let data = try! JSONSerialization.data(withJSONObject: objects, options: [.prettyPrinted, .sortedKeys])
        return String(decoding: data, as: UTF8.self)
    }

    private static func pad(_ s: String, _ n: Int) -> String { s.padding(toLength: max(n, s.count + 1), withPad: " ", startingAt: 0) }
    private static func lpad(_ s: String, _ n: Int) -> String { String(repeating: " ", count: max(0, n - s.count)) + s }
}
