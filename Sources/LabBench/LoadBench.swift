import Foundation
import LabData
import TensorCore

/// Reading a large TSV file: SST-2 train (67,349 rows) with its body repeated `copies`
/// times (538,792 rows, 30 MB at 8 copies), written to a temporary file, then
/// `load` (the file read into a text dataset: split, validated, labels mapped),
/// and `load` followed by Keras-exact tokenizing (`words=5000`, `maxlen=50`).
///
/// The Python sides are `scripts/bench_load.sh` (whole processes: lab, plain
/// Python read + split, Keras 2's Tokenizer). Each part runs once as a warm-up (which
/// also brings the file into the page cache), then `repeats` times; the fastest run counts.
public enum LoadBench {
    /// Writes the repeated file next to the other temporary files and returns its path.
    /// - Throws: when `source` cannot be read or the file cannot be written.
    public static func makeFile(source: String = "data/sst2/train.tsv", copies: Int = 8) throws -> URL {
        let bytes = try Data(contentsOf: URL(fileURLWithPath: source))
        guard let headerEnd = bytes.firstIndex(of: 10) else { throw DataError.noRows(path: source, report: "no lines") }
        var out = Data(bytes[...headerEnd])
        let body = bytes[(headerEnd + 1)...]
        for _ in 0..<copies { out.append(body) }
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("lab-bench-load-\(UUID().uuidString).tsv")
        try out.write(to: url)
        return url
    }

    /// Runs both parts on the repeated file, removed afterwards.
    /// - Throws: `DataError` when the file cannot be read or written.
    public static func run(source: String = "data/sst2/train.tsv", copies: Int = 8, repeats: Int = 3) throws -> [BenchResult] {
        let url = try makeFile(source: source, copies: copies)
        defer { try? FileManager.default.removeItem(at: url) }
        let megabytes = Double((try FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int) ?? 0) / 1e6
        func now() -> Double { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }
        func fastest(_ body: () throws -> Void) rethrows -> Double {
            try body()
            var best = Double.infinity
            for _ in 0..<repeats {
                let t0 = now()
                try body()
                best = min(best, now() - t0)
            }
            return best
        }
        var rows = 0
        let load = try fastest { rows = try DatasetReader.read(path: url.path, options: LoadOptions()).count }
        var idSum = 0.0
        var parts = (load: 0.0, tokenize: 0.0)
        let both = try fastest {
            let t0 = now()
            let texts = try DatasetReader.read(path: url.path, options: LoadOptions()).texts ?? []
            let t1 = now()
            var tokenizer = Tokenizer(numWords: 5000)
            let padded = PadSequences.pad(tokenizer.fitSequences(on: texts), maxlen: 50)  // as `tokenize` does
            let t2 = now()
            if t2 - t0 < parts.load + parts.tokenize || parts.load == 0 { parts = (t1 - t0, t2 - t1) }
            idSum = 0
            for i in 0..<padded.count { idSum += Double(padded.data[i]) }
        }
        let detail = "SST-2 train ×\(copies), \(rows) rows, \(String(format: "%.1f", megabytes)) MB, \(Parallel.threads) threads"
        return [BenchResult(config: "load", detail: detail, seconds: load, gflops: 0,
                            extra: ["rows": Double(rows), "rows_per_second": Double(rows) / load,
                                    "mb_per_second": megabytes / load]),
                BenchResult(config: "load_tokenize", detail: detail + ", words=5000 maxlen=50", seconds: both, gflops: 0,
                            extra: ["rows_per_second": Double(rows) / both, "load_seconds": parts.load,
                                    "tokenize_seconds": parts.tokenize, "id_sum": idSum])]
    }
}
