import Foundation
import LabData
import TensorCore

/// Keras-exact tokenizing and padding throughput: SST-2 train (67,349 rows)
/// repeated to 500,000 rows, `Tokenizer(num_words=5000)` fitted on all rows,
/// `texts_to_sequences`, then `pad_sequences(maxlen=50)`, timed as the `tokenize`
/// statement does it: `Tokenizer.fitSequences` (fit and sequences in one split of each
/// word; `fit_sequences_seconds`), then padding.
///
/// `scripts/bench_tokenize_keras.py` times the same work with Keras 2's Python
/// Tokenizer on the same file for comparison (the target is ≥ 10× faster).
/// Reading the file is not timed; fitting, sequences and padding are.
public enum TokenizeBench {
    /// Runs the benchmark once after a warm-up on the first 10,000 rows.
    /// - Parameters:
    ///   - path: SST-2 train (`data/sst2/train.tsv` from the repository root).
    ///   - rows: rows after repeating the file.
    /// - Throws: `DataError` when the file cannot be read.
    public static func run(path: String = "data/sst2/train.tsv", rows: Int = 500_000) throws -> [BenchResult] {
        let base = try DatasetReader.read(path: path, options: LoadOptions()).texts ?? []
        guard !base.isEmpty else { throw DataError.noRows(path: path, report: "no texts") }
        let texts = (0..<rows).map { base[$0 % base.count] }
        _ = measure(Array(texts.prefix(10_000)))
        let (seconds, parts, checksum) = measure(texts)
        return [BenchResult(config: "tokenize", detail: "SST-2 ×\(rows) rows, words=5000 maxlen=50, \(Parallel.threads) threads",
                            seconds: seconds, gflops: 0,
                            extra: ["rows_per_second": Double(rows) / seconds, "fit_sequences_seconds": parts.fitSequences,
                                    "pad_seconds": parts.pad, "id_sum": checksum])]
    }

    private static func measure(_ texts: [String]) -> (Double, (fitSequences: Double, pad: Double), Double) {
        func now() -> Double { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }
        let t0 = now()
        var tokenizer = Tokenizer(numWords: 5000)
        let sequences = tokenizer.fitSequences(on: texts)
        let t1 = now()
        let padded = PadSequences.pad(sequences, maxlen: 50)
        let t2 = now()
        var sum = 0.0
        for i in 0..<padded.count { sum += Double(padded.data[i]) }
        return (t2 - t0, (t1 - t0, t2 - t1), sum)
    }
}
