import Foundation
import LabData
import TensorCore

/// scikit-learn-exact tf-idf throughput: the bundled Amazon reviews (6,459) repeated `copies`
/// times, `TfidfVectorizer(max_features=20000, ngram_range=(1, 2), min_df=2, max_df=0.9,
/// sublinear_tf=True)` fitted on all rows, then `transform` of all rows (the seed's features).
///
/// `scripts/bench_vectorize_sklearn.py` times the same work with scikit-learn for comparison.
/// Reading the file is not timed; fitting and transforming are.
public enum VectorizeBench {
    /// The options both sides use.
    public static let options = VectorizerOptions(weighting: .tfidf, maxFeatures: 20_000, ngramMin: 1, ngramMax: 2,
                                                  minDF: .documents(2), maxDF: .proportion(0.9), sublinearTF: true)

    /// Runs the benchmark once after a warm-up on the first 1,000 rows.
    /// - Throws: `DataError` when the file cannot be read, or what fitting throws.
    public static func run(path: String = "data/amazon/reviews_6k.ft.txt", copies: Int = 5) throws -> [BenchResult] {
        let base = try DatasetReader.read(path: path, options: LoadOptions()).texts ?? []
        guard !base.isEmpty else { throw DataError.noRows(path: path, report: "no texts") }
        let texts = (0..<(base.count * copies)).map { base[$0 % base.count] }
        _ = try measure(Array(texts.prefix(1_000)))
        let (fit, transform, rows) = try measure(texts)
        var sum = 0.0
        for v in rows.values { sum += Double(v) }
        return [BenchResult(config: "vectorize",
                            detail: "Amazon ×\(copies) = \(texts.count) rows, tfidf words=20000 ngrams=1,2 min_df=2 max_df=0.9 "
                                + "sublinear_tf=true, \(Parallel.threads) threads",
                            seconds: fit + transform, gflops: 0,
                            extra: ["rows_per_second": Double(texts.count) / (fit + transform), "fit_seconds": fit,
                                    "transform_seconds": transform, "non_zeros": Double(rows.nonZeroCount), "value_sum": sum])]
    }

    private static func measure(_ texts: [String]) throws -> (fit: Double, transform: Double, rows: SparseRows) {
        func now() -> Double { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }
        let t0 = now()
        let vectorizer = try TextVectorizer(fitting: texts, options: options)
        let t1 = now()
        let rows = vectorizer.transform(texts)
        let t2 = now()
        return (t1 - t0, t2 - t1, rows)
    }
}
