import TensorCore
import Foundation

/// What `describe NAME` reports about one dataset: size, label balance, text lengths, vocabulary, drops.
public struct DatasetDescription: Sendable {
    /// The dataset described (a path or `NAME.split`).
    public var source: String
    /// N, the number of rows.
    public var rows: Int
    /// Rows per class name (binary/classes), in class order.
    public var labelBalance: [(name: String, count: Int)]
    /// How labels were mapped.
    public var mapping: LabelMapping
    /// Text length in Keras words at p50, p90, p99, p99.9, as whole words (see `percentile`); empty for arrays.
    public var lengthPercentiles: [(percentile: Double, tokens: Int)]
    /// Distinct words in the texts (Keras `len(word_index)` if fitted on them); nil for arrays.
    public var vocabulary: Int?
    /// Dense input width D for arrays, or padded length T once tokenized.
    public var inputWidth: Int?
    /// Rows the reader dropped.
    public var drops: DropReport

    /// Describes `dataset`, counting words with Keras's default filters and lower-casing.
    public init(_ dataset: Dataset) {
        source = dataset.source
        rows = dataset.count
        mapping = dataset.labelMapping
        drops = dataset.dropReport
        inputWidth = dataset.sparseInputs?.columnCount ?? dataset.inputs.map { $0.count / Swift.max(dataset.count, 1) }
        if mapping.kind == .binary || mapping.kind == .classes {
            var counts = [Int](repeating: 0, count: mapping.classNames.count)
            for i in 0..<dataset.count {
                let width = dataset.targets.count / Swift.max(dataset.count, 1)
                let k = Int(dataset.targets.data[i * width])
                if k >= 0 && k < counts.count { counts[k] += 1 }
            }
            labelBalance = zip(mapping.classNames, counts).map { ($0, $1) }
        } else {
            labelBalance = []
        }
        if let texts = dataset.texts {
            let splitter = WordSplitter(filters: Tokenizer.defaultFilters, lower: true)
            var table = WordTable()
            var lengths: [Int] = []
            lengths.reserveCapacity(texts.count)
            for t in texts {
                var n = 0
                splitter.forEachWord(in: t) { table.add($0); n += 1 }
                lengths.append(n)
            }
            lengths.sort()
            lengthPercentiles = [50, 90, 99, 99.9].map { ($0, Self.percentile(lengths, $0)) }
            vocabulary = table.count
        } else {
            lengthPercentiles = []
            vocabulary = nil
        }
    }

    /// The p-th percentile of sorted lengths as a length that occurs: the shortest length that at
    /// least p% of the texts fit in (numpy `percentile(…, method="inverted_cdf")`), so `maxlen=`
    /// set to the p90 keeps 90% of the texts whole.
    static func percentile(_ sorted: [Int], _ p: Double) -> Int {
        guard !sorted.isEmpty else { return 0 }
        return sorted[rank(p, of: sorted.count)]
    }

    /// The 0-based index of the p-th percentile among `n` sorted values: ⌈p/100·n⌉ − 1, within 0..<n.
    static func rank(_ p: Double, of n: Int) -> Int {
        Swift.min(Swift.max(Int((p / 100 * Double(n)).rounded(.up)) - 1, 0), n - 1)
    }

    /// The report as lines of text, e.g.
    /// `rows: 67,349`, `labels: 0 29,780 (44.2%), 1 37,569 (55.8%)`, `length (words): p50 7 p90 23 p99 38 p99.9 47`.
    public var text: String {
        var lines = ["\(source)", "  rows: \(NumberFormat.grouped(rows))"]
        if !labelBalance.isEmpty {
            let parts = labelBalance.map { name, n in
                "\(name) \(NumberFormat.grouped(n)) (\(String(format: "%.1f", rows == 0 ? 0 : 100 * Double(n) / Double(rows)))%)"
            }
            lines.append("  labels: \(parts.joined(separator: ", "))")
        }
        lines.append("  mapping: \(mapping.text)")
        if !lengthPercentiles.isEmpty {
            let parts = lengthPercentiles.map { p, v in
                "p\(p == p.rounded() ? String(Int(p)) : String(p)) \(NumberFormat.grouped(v))"
            }
            lines.append("  length (words): \(parts.joined(separator: " "))")
        }
        if let vocabulary { lines.append("  vocabulary: \(NumberFormat.grouped(vocabulary)) word\(vocabulary == 1 ? "" : "s")") }
        if let inputWidth { lines.append("  inputs: \(NumberFormat.grouped(inputWidth)) per row") }
        lines.append(contentsOf: drops.text.split(separator: "\n").map { "  \($0)" })
        return lines.joined(separator: "\n")
    }
}
