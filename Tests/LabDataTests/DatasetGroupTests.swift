import Foundation
import LabData
import TensorCore
import XCTest

/// Splits, tokenizing a group, batching, describe, show, export and streaming.
final class DatasetGroupTests: XCTestCase {
    private func sentences() throws -> Dataset {
        try DatasetReader.read(path: TestFiles.data("sentences/imdb_labelled.txt"), options: LoadOptions())
    }

    func testSplitIsReproducibleWithASeedAndCoversEveryRow() throws {
        func cut(seed: UInt64) throws -> DatasetGroup {
            let g = DatasetGroup(name: "s", whole: try sentences())
            var rng = RandomGenerator(seed: seed)
            try g.split(train: 0.8, val: 0.1, test: 0.1, shuffle: true, using: &rng)
            return g
        }
        let a = try cut(seed: 7), b = try cut(seed: 7), c = try cut(seed: 8)
        XCTAssertEqual(a.splits.map(\.name), ["train", "val", "test"])
        XCTAssertEqual(a.splits.map(\.dataset.count), [800, 100, 100])
        XCTAssertEqual(a[split: "test"]?.lines, b[split: "test"]?.lines)
        XCTAssertNotEqual(a[split: "test"]?.lines, c[split: "test"]?.lines)
        XCTAssertEqual(Set(a.splits.flatMap(\.dataset.lines)).count, 1000)
    }

    func testBadSplitFractionsAreErrorsAndLeaveTheGroupUnchanged() throws {
        let g = DatasetGroup(name: "s", whole: try sentences())
        var rng = RandomGenerator(seed: 1)
        XCTAssertThrowsError(try g.split(train: 0.9, val: 0.2, using: &rng))
        XCTAssertTrue(g.splits.isEmpty)
    }

    func testTokenizeFitsOnTrainOnly() throws {
        let g = DatasetGroup(name: "sst")
        try g.setSplit("train", try DatasetReader.read(path: TestFiles.data("sst2/dev.tsv"), options: LoadOptions(limit: 400)))
        try g.setSplit("test", try DatasetReader.read(path: TestFiles.data("sentences/amazon_cells_labelled.txt"), options: LoadOptions()))
        try g.tokenize(words: 100, maxlen: 20)
        var expected = Tokenizer(numWords: 100)
        expected.fit(on: g[split: "train"]!.texts!)
        XCTAssertEqual(g.encoding?.tokenizer.wordsByIndex, expected.wordsByIndex)
        XCTAssertEqual(g[split: "test"]?.inputs?.shape, [1000, 20])
        XCTAssertEqual(g[split: "test"]?.sequences?.first, expected.sequence(for: g[split: "test"]!.texts![0]))
    }

    func testTestSplitTakesTheTrainLabelMapping() throws {
        let g = DatasetGroup(name: "t")
        try g.setSplit("train", try DatasetReader.read(path: TestFiles.write("text,topic\na,x\nb,y\nc,z\n", name: "tr.csv"), options: LoadOptions()))
        try g.setSplit("test", try DatasetReader.read(path: TestFiles.write("text,topic\nd,z\ne,y\n", name: "te.csv"), options: LoadOptions()))
        XCTAssertEqual(g[split: "test"]?.targets.values, [2, 1])
        XCTAssertEqual(g[split: "test"]?.targets.shape, [2])
    }

    func testBatchIteratorShufflesIndicesAndCoversEveryRowOnce() {
        let x = Tensor(shape: [5, 2], values: [0, 0, 1, 1, 2, 2, 3, 3, 4, 4])
        let y = Tensor(shape: [5, 1], values: [0, 1, 2, 3, 4])
        var rng = RandomGenerator(seed: 3)
        var seen: [Float] = []
        var sizes: [Int] = []
        var it = BatchIterator(inputs: x, targets: y, batchSize: 2, shuffle: true, rng: &rng)
        while let (bx, by) = it.next() {
            sizes.append(by.shape[0])
            for r in 0..<by.shape[0] { XCTAssertEqual(bx[r, 0], by[r, 0]); seen.append(by[r, 0]) }
        }
        XCTAssertEqual(sizes, [2, 2, 1])
        XCTAssertEqual(seen.sorted(), [0, 1, 2, 3, 4])
        XCTAssertNotEqual(seen, [0, 1, 2, 3, 4])
    }

    func testDescribeShowAndExport() throws {
        let path = TestFiles.write("text,label\nGood good film,1\nbad,0\n,1\nfine film,2\n", name: "d.csv")
        let g = DatasetGroup(name: "d", whole: try DatasetReader.read(path: path, options: LoadOptions(positive: ["1"], negative: ["0"])))
        try g.tokenize(words: nil, maxlen: 4)
        let description = DatasetDescription(g.whole!)
        XCTAssertEqual(description.text, """
            \(path)
              rows: 3
              labels: 0 1 (33.3%), 1 2 (66.7%)
              mapping: binary: 0 → 0, 1 → 1
              length (words): p50 1 p90 3 p99 3 p99.9 3
              vocabulary: 3 words
              inputs: 4 per row
              1 row dropped: unknown label value (1)
                \(path):5: unknown label value: '2'
            """)
        XCTAssertEqual(DatasetPreview.text(g.whole!, n: 1), "[line 2] label 1\n  Good good film\n  ids: [1, 1, 2]")
        let out = TestFiles.scratch().appendingPathComponent("tokens.csv").path
        try TokenExport.write(dataset: g.whole!, to: out)
        XCTAssertEqual(try String(contentsOfFile: out, encoding: .utf8), "label,t1,t2,t3,t4\n1,0,1,1,2\n0,0,0,0,3\n1,0,0,0,0\n")
    }

    func testStreamingFitAndBatchesEqualInMemory() throws {
        let path = TestFiles.data("amazon/reviews_6k.ft.txt")
        let stream = try StreamingText(path: path)
        var streamed = Tokenizer(numWords: 1000)
        let (rows, mapping, _) = try stream.fitTokenizer(&streamed)
        let whole = try DatasetReader.read(path: path, options: LoadOptions())
        var memory = Tokenizer(numWords: 1000)
        memory.fit(on: whole.texts!)
        XCTAssertEqual(rows, whole.count)
        XCTAssertEqual(streamed.wordsByIndex, memory.wordsByIndex)
        var xs: [Float] = [], ys: [Float] = []
        try stream.batches(tokenizer: streamed, mapping: mapping, maxlen: 30, batchSize: 1000) { x, y in
            xs += x.values; ys += y.values
            return true
        }
        XCTAssertEqual(xs, PadSequences.pad(memory.sequences(for: whole.texts!), maxlen: 30).values)
        XCTAssertEqual(ys, whole.targets.values)
    }

    func testStreamDescriptionAndFittingEqualInMemoryAndDropUnmappedLabels() throws {
        let path = TestFiles.write(Array("__label__1 Good good film\n__label__2 bad\n__label__3 odd one out\n__label__2 worse, much worse\n".utf8),
                                   name: "three.ft.txt")
        let options = LoadOptions(positive: ["2"], negative: ["1"])
        let stream = try StreamingText(path: path, options: options)
        let memory = try DatasetReader.read(path: path, options: options)
        let streamed = try DatasetDescription(stream: stream).text.split(separator: "\n").dropFirst()
        XCTAssertEqual(Array(streamed), Array(DatasetDescription(memory).text.split(separator: "\n").dropFirst()))
        XCTAssertEqual(streamed.first, "  rows: 3")
        var tokenizer = Tokenizer()
        let fit = try stream.fitTokenizer(&tokenizer)
        XCTAssertEqual(fit.rows, 3)
        XCTAssertEqual(fit.drops.total, 1)
        var inMemory = Tokenizer()
        inMemory.fit(on: memory.texts!)
        XCTAssertEqual(tokenizer.wordsByIndex, inMemory.wordsByIndex)
        XCTAssertThrowsError(try StreamingText(path: TestFiles.data("sst2/dev.tsv"))) { error in
            XCTAssertEqual((error as? DataError)?.description,
                           "\(TestFiles.data("sst2/dev.tsv")): only fastText and plain-lines files can be streamed, not tsv")
        }
    }
}
