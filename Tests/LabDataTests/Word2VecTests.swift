import LabData
@testable import LabData
import TensorCore
import XCTest

final class Word2VecTests: XCTestCase {
    /// The bundled UCI Amazon sentences: 1,000 short texts.
    private func sentences() throws -> [String] {
        try DatasetReader.read(path: TestFiles.data("sentences/amazon_cells_labelled.txt"), options: LoadOptions()).texts!
    }

    private func options(skipGram: Bool) -> Word2VecOptions {
        var o = Word2VecOptions()
        o.dimension = 24
        o.minCount = 2
        o.epochs = 3
        o.skipGram = skipGram
        return o
    }

    func testSameSeedGivesTheSameBitsAtAnyThreadCount() throws {
        let texts = Array(repeating: try sentences(), count: 12).joined().map { $0 }  // ~130,000 words: rounds of two jobs
        XCTAssertGreaterThan(texts.joined(separator: " ").split(separator: " ").count, 3 * Word2Vec.jobWords)
        defer { Parallel.setThreads(2) }
        for skipGram in [false, true] {
            Parallel.setThreads(1)
            let one = try Word2Vec.train(texts: texts, options: options(skipGram: skipGram), seed: 5, source: "t")
            Parallel.setThreads(2)
            let two = try Word2Vec.train(texts: texts, options: options(skipGram: skipGram), seed: 5, source: "t")
            Parallel.setThreads(3)
            let three = try Word2Vec.train(texts: texts, options: options(skipGram: skipGram), seed: 5, source: "t")
            XCTAssertEqual(one.vectors.values, two.vectors.values)
            XCTAssertEqual(one.vectors.values, three.vectors.values)
            let other = try Word2Vec.train(texts: texts, options: options(skipGram: skipGram), seed: 6, source: "t")
            XCTAssertNotEqual(one.vectors.values, other.vectors.values)
        }
    }

    /// CBOW: the one-pass kernels for a pair's distinct rows give gensim's row-by-row bits. Width 44 takes every path
    /// of the kernels (blocks of 32, of 8, single floats); 40 words make repeated noise words (the row-by-row path) common.
    func testOnePassPairsGiveTheRowByRowBits() throws {
        var o = options(skipGram: false)
        o.dimension = 44
        o.minCount = 40
        let fused = try Word2Vec.train(texts: try sentences(), options: o, seed: 3, source: "t", fused: true)
        let simple = try Word2Vec.train(texts: try sentences(), options: o, seed: 3, source: "t", fused: false)
        XCTAssertGreaterThan(fused.vectors.words.count, 20)
        XCTAssertEqual(zip(fused.vectors.values, simple.vectors.values).filter { $0 != $1 }.count, 0, "floats that differ")
    }

    /// Skip-gram's window update is C[j] += Σₖ G[j][k]·O[k] and O[k] += Σⱼ G[j][k]·C[j] from the rows as they were, a row
    /// given twice getting both changes; width 45 takes every block size (32, 8, 4, 1).
    func testWindowUpdateIsTheMatrixProductsFromTheRowsAsTheyWere() {
        let d = 45, m = 5, n = 4, stride = 7
        var rng = RandomGenerator(seed: 4)
        var inputTable = (0..<(3 * d)).map { _ in rng.uniform() - 0.5 }, outputTable = (0..<(3 * d)).map { _ in rng.uniform() - 0.5 }
        let contextRows = [0, 1, 0, 2, 1], outputRows = [2, 0, 2, 1]  // repeated rows on both sides
        var g = [Float](repeating: 0, count: m * stride)
        for j in 0..<m { for k in 0..<n { g[j * stride + k] = j == 3 && k == 1 ? 0 : rng.uniform() - 0.5 } }
        var expectedInput = inputTable.map(Double.init), expectedOutput = outputTable.map(Double.init)
        for j in 0..<m {
            for k in 0..<n {
                for i in 0..<d {
                    let gjk = Double(g[j * stride + k])
                    expectedInput[contextRows[j] * d + i] += gjk * Double(outputTable[outputRows[k] * d + i])
                    expectedOutput[outputRows[k] * d + i] += gjk * Double(inputTable[contextRows[j] * d + i])
                }
            }
        }
        inputTable.withUnsafeMutableBufferPointer { input in
            outputTable.withUnsafeMutableBufferPointer { output in
                let contexts = UnsafeMutablePointer<UnsafeMutablePointer<Float>>.allocate(capacity: m)
                let outputs = UnsafeMutablePointer<UnsafeMutablePointer<Float>>.allocate(capacity: n)
                let changes = UnsafeMutablePointer<Float>.allocate(capacity: 32 * n)
                defer { contexts.deallocate(); outputs.deallocate(); changes.deallocate() }
                for j in 0..<m { contexts[j] = input.baseAddress! + contextRows[j] * d }
                for k in 0..<n { outputs[k] = output.baseAddress! + outputRows[k] * d }
                Replica.windowUpdate(contexts: contexts, m, outputs: outputs, n, gradients: g, stride: stride, changes: changes, d)
            }
        }
        for i in 0..<(3 * d) {
            XCTAssertEqual(Double(inputTable[i]), expectedInput[i], accuracy: 1e-5, "input float \(i)")
            XCTAssertEqual(Double(outputTable[i]), expectedOutput[i], accuracy: 1e-5, "output float \(i)")
        }
    }

    /// gensim's vocabulary: words seen min_count times, most frequent first, ties in first-appearance order.
    func testVocabularyIsTheFrequentWordsMostFrequentFirst() throws {
        var o = Word2VecOptions()
        o.minCount = 2
        o.dimension = 4
        o.epochs = 1
        let r = try Word2Vec.train(texts: ["b a c a", "c d b a", "e"], options: o, seed: 1, source: "t")
        XCTAssertEqual(r.vectors.words, ["a", "b", "c"])
        XCTAssertEqual(r.corpusWords, 9)
        XCTAssertEqual(r.distinctWords, 5)
        o.minCount = 4
        XCTAssertThrowsError(try Word2Vec.train(texts: ["b a c a"], options: o, seed: 1, source: "t")) { error in
            XCTAssertEqual(String(describing: error), "no word appears min_count=4 times in t; lower min_count")
        }
    }

    func testTablesTooLargeForMemoryAreRefusedBeforeAllocating() {
        var o = Word2VecOptions()
        o.minCount = 1
        o.dimension = 1 << 40
        XCTAssertThrowsError(try Word2Vec.train(texts: ["a b"], options: o, seed: 1, source: "t")) { XCTAssertTrue($0 is MemoryError, "\($0)") }
    }

    /// gensim's `prepare_vocab`: t = sample · retained words, p = (√(v/t) + 1) · t/v capped at 1, as a chance out of 2³²
    /// (values computed with Python from that formula).
    func testSubsamplingMatchesGensimsFormula() {
        XCTAssertEqual(Word2Vec.subsamplingThresholds(counts: [1000, 10], sample: 1e-3), [140834113, 1798753657])
        XCTAssertEqual(Word2Vec.subsamplingThresholds(counts: [1000, 10], sample: 0), [4294967296, 4294967296])
    }

    /// Noise words follow count^0.75: counts 1, 16, 81 weigh 1, 8, 27.
    func testNoiseFollowsUnigramCountsToThreeQuarters() {
        let sampler = NoiseSampler(counts: [1, 16, 81])
        var rng = RandomGenerator(seed: 3)
        var hits = [0, 0, 0]
        let draws = 360_000
        for _ in 0..<draws { hits[sampler.draw(UInt32(truncatingIfNeeded: rng.next()), UInt32(truncatingIfNeeded: rng.next()))] += 1 }
        for (k, weight) in [1.0, 8, 27].enumerated() {
            XCTAssertEqual(Double(hits[k]) / Double(draws), weight / 36, accuracy: 0.004)
        }
    }

    /// The five words nearest to "cat" all come from its own group of words and contexts (both training modes).
    func testWordsSharingContextsAreNearest() throws {
        var texts: [String] = []
        var rng = RandomGenerator(seed: 9)
        let animals = ["cat", "dog", "horse"], tools = ["hammer", "saw", "drill"]
        for _ in 0..<600 {
            let group = rng.int(below: 2) == 0 ? animals : tools
            let context = group == animals ? ["pet", "feed", "barn", "tail"] : ["nail", "wood", "steel", "shop"]
            texts.append((0..<8).map { _ in rng.int(below: 2) == 0 ? group[rng.int(below: 3)] : context[rng.int(below: 4)] }.joined(separator: " "))
        }
        for skipGram in [false, true] {
            var o = Word2VecOptions()
            o.dimension = 16
            o.minCount = 1
            o.epochs = 10
            o.sample = 0
            o.skipGram = skipGram
            let v = try Word2Vec.train(texts: texts, options: o, seed: 2, source: "t").vectors
            let nearest = try XCTUnwrap(v.nearest(to: "cat", count: 5)).map(\.word)
            XCTAssertTrue(Set(nearest).isSubset(of: ["dog", "horse", "pet", "feed", "barn", "tail"]), "skipGram \(skipGram): \(nearest)")
        }
    }

    func testNearestIsByCosineMostSimilarFirst() throws {
        let v = try WordVectors(words: ["a", "b", "c", "d"], dimension: 2, values: [1, 0, 10, 1, 0, 1, -1, 0], source: "t")
        let n = try XCTUnwrap(v.nearest(to: "a", count: 2))
        XCTAssertEqual(n.map(\.word), ["b", "c"])
        XCTAssertEqual(Double(n[0].similarity), 10 / 101.0.squareRoot(), accuracy: 1e-6)
        XCTAssertNil(v.nearest(to: "zzz", count: 2))
    }
}
