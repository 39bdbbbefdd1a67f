import Foundation
import TensorCore

/// The machine a benchmark ran on: written into every `lab bench --json` object and at the
/// top of each per-CPU-kind results file.
public struct BenchMachine: Sendable, Equatable {
    /// The CPU model name (`AMD EPYC 9R45`).
    public var cpu: String
    /// The widest vector ISA: `avx512f` or `avx2`.
    public var isa: String
    /// The OpenBLAS kernel set in use (`Zen`, `Haswell`, `SkylakeX`).
    public var blas: String
    /// The CPU kind naming the results file (`zen3-avx2`).
    public var kind: String
    /// lab's compute threads.
    public var threads: Int

    public init(cpu: String, isa: String, blas: String, kind: String, threads: Int) {
        self.cpu = cpu
        self.isa = isa
        self.blas = blas
        self.kind = kind
        self.threads = threads
    }

    /// This process's machine. The ISA is the one the kernels in use run: `avx512f` only when
    /// OpenBLAS runs AVX-512 kernels (lab's own code is compiled for AVX2), so a run with
    /// `LAB_BLAS_CORETYPE=Haswell` on an AVX-512 CPU counts as `avx2` (`zen5-avx2`).
    public static var current: BenchMachine {
        let blas = BLASRuntime.coreName
        let isa = CPUFeatures.isa == "avx512f" && !BLASRuntime.avx512Cores.contains(blas.lowercased()) ? "avx2" : CPUFeatures.isa
        return BenchMachine(cpu: CPUFeatures.modelName, isa: isa, blas: blas, kind: CPUFeatures.kind(isa: isa),
                            threads: Parallel.threads)
    }

    /// The JSON fields: `cpu`, `isa`, `blas`, `cpu_kind`, `threads`.
    public var fields: [String: Any] { ["cpu": cpu, "isa": isa, "blas": blas, "cpu_kind": kind, "threads": threads] }
}

/// The results file of one CPU kind (`Benchmarks/results-zen3-avx2.json`), kept in the
/// repository so a slower run on either kind shows: `lab bench --record Benchmarks`
/// rewrites it and prints each throughput against the one it replaces.
public enum BenchRecord {
    /// The throughput fields compared between runs (higher is better).
    public static let compared = ["train_sps", "infer_sps", "rows_per_second", "gflops"]

    /// A ratio below this is marked `slower` (run-to-run noise here is about ±15–30%).
    public static let slowerBelow = 0.8

    /// The results file for `machine` in `directory`.
    public static func path(directory: String, machine: BenchMachine) -> String {
        (directory as NSString).appendingPathComponent("results-\(machine.kind).json")
    }

    /// The file's text: the machine, lab's version, the date and the results.
    public static func text(_ results: [BenchResult], machine: BenchMachine, version: String, date: Date = Date()) -> String {
        var object = machine.fields
        object["lab"] = version
        object["date"] = ISO8601DateFormatter().string(from: date)
        object["results"] = results.map(\.jsonObject)
        let data = try! JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys])
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// Writes the file for `machine` in `directory` (atomically) and returns one line per
    /// throughput also in the file it replaces: `lstm infer_sps 1305.2 → 1102.0 (0.84×)`.
    /// - Throws: `FileWriteError` when the file cannot be written.
    public static func write(_ results: [BenchResult], machine: BenchMachine, version: String,
                             directory: String) throws -> [String] {
        let file = path(directory: directory, machine: machine)
        let previous = (try? Data(contentsOf: URL(fileURLWithPath: file)))
            .flatMap { try? JSONSerialization.jsonObject(with: $0) as? [String: Any] }?["results"] as? [[String: Any]]
        try AtomicFile.write(text(results, machine: machine, version: version), to: file)
        let lines = compare(old: previous ?? [], new: results.map(\.jsonObject))
        return ["recorded \(file)" + (previous == nil ? " (new)" : "")] + lines
    }

    /// The throughputs in both result lists, matched by `config` and `detail`, as lines.
    public static func compare(old: [[String: Any]], new: [[String: Any]]) -> [String] {
        func key(_ o: [String: Any]) -> String { "\(o["config"] as? String ?? "?") \(o["detail"] as? String ?? "")" }
        var byKey: [String: [String: Any]] = [:]
        for o in old { byKey[key(o)] = o }
        var lines: [String] = []
        for o in new {
            guard let before = byKey[key(o)] else { continue }
            for field in compared {
                guard let a = before[field] as? Double, let b = o[field] as? Double, a > 0, b > 0 else { continue }
                let ratio = b / a
                let numbers = String(format: "%.1f → %.1f (%.2f×)", a, b, ratio)
                lines.append("\(o["config"] as? String ?? "?") \(field) \(numbers)\(ratio < slowerBelow ? "  slower" : "")")
            }
        }
        return lines
    }
}
