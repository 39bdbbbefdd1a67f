import Foundation
import LabData
import NeuralNet
import TensorCore
import Training
import XCTest

/// Training from a file read on the fly equals training on the same rows in memory, in bounded memory.
final class StreamedTrainingTests: XCTestCase {
    var folder = ""
    var path = ""

    /// Writes the first 600 reviews of the bundled Amazon sample as a fastText file in a temp folder.
    override func setUpWithError() throws {
        folder = NSTemporaryDirectory() + "streamed-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let all = try String(contentsOf: root.appendingPathComponent("data/amazon/reviews_6k.ft.txt"), encoding: .utf8)
        path = folder + "/reviews.ft.txt"
        try (all.split(separator: "\n").prefix(600).joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
    }

    override func tearDownWithError() throws { try FileManager.default.removeItem(atPath: folder) }

    func model(_ metrics: [Metric]) -> Model {
        var namer = LayerNamer()
        let definition = ModelDefinition(layers: [.embedding(inputDim: 300, outputDim: 8), .dropout(rate: 0.2),
                                                  .globalAveragePooling1D, .dense(units: 1, activation: .sigmoid)])
        return Model(name: "m", network: Sequential(definition: definition, namer: &namer), rng: RandomGenerator(seed: 9), metrics: metrics)
    }

    func ticking() -> () -> Double {
        var t = 0.0
        return { t += 1; return t }
    }

    func streamed() throws -> StreamedBatches {
        let stream = try StreamingText(path: path)
        var tokenizer = Tokenizer(numWords: 300)
        let (rows, mapping, _) = try stream.fitTokenizer(&tokenizer)
        return StreamedBatches(stream: stream, encoding: TextEncoding(tokenizer: tokenizer, maxlen: 30), mapping: mapping, rows: rows)
    }

    func testStreamedFileTrainsToTheSameHistoryAndWeightsAsInMemory() throws {
        let metrics: [Metric] = [.accuracy, .precision, .recall, .f1, .auc]
        let group = DatasetGroup(name: "r", whole: try DatasetReader.read(path: path, options: LoadOptions()))
        try group.tokenize(words: 300, maxlen: 30)
        let memory = model(metrics)
        XCTAssertEqual(try Trainer.fit(memory, on: group.whole!, trainName: "r",
                                       options: FitOptions(epochs: 3, batchSize: 64, shuffle: false), clock: ticking()), .completed)

        let source = try streamed()
        let stream = model(metrics)
        var seen: [Int] = []
        XCTAssertEqual(try Trainer.fit(stream, batches: source, trainName: "r", options: FitOptions(epochs: 3, batchSize: 64, shuffle: false),
                                       clock: ticking()) { event in
            if case let .batchFinished(n, total, _) = event { seen.append(n); XCTAssertEqual(total, 600) }
        }, .completed)

        XCTAssertEqual(stream.network.namedParameters.map(\.parameter.value.values),
                       memory.network.namedParameters.map(\.parameter.value.values))
        XCTAssertEqual(stream.history.epochs.count, 3)
        for (s, m) in zip(stream.history.epochs, memory.history.epochs) {
            XCTAssertEqual(s.values.filter { $0.name != "auc" }, m.values.filter { $0.name != "auc" })
            XCTAssertEqual(s.value(of: "auc")!, m.value(of: "auc")!, accuracy: 1e-3, "binned AUC of epoch \(s.epoch)")
        }
        XCTAssertEqual(seen.suffix(10), [64, 128, 192, 256, 320, 384, 448, 512, 576, 600])
        XCTAssertEqual(source.peakRowsHeld, 64, "the stream holds one batch of rows, never the 600 of the file")
    }

    func testStreamRefusesShuffleAndChecksTheModelBeforeTraining() throws {
        let source = try streamed()
        XCTAssertThrowsError(try Trainer.fit(model([.accuracy]), batches: source, trainName: "r",
                                             options: FitOptions(epochs: 1, shuffle: true), clock: ticking())) { error in
            XCTAssertEqual((error as? TrainingError)?.description,
                           "\(self.path) is streamed and trains in file order; give shuffle=false, "
                           + "shuffle_buffer=N to shuffle through N rows, or load it in memory to shuffle")
        }
        var namer = LayerNamer()
        let small = Model(name: "small", network: Sequential(definition: ModelDefinition(layers: [
            .embedding(inputDim: 100, outputDim: 4), .globalAveragePooling1D, .dense(units: 1, activation: .sigmoid)]), namer: &namer),
                          rng: RandomGenerator(seed: 1))
        XCTAssertThrowsError(try Trainer.fit(small, batches: source, trainName: "r", options: FitOptions(shuffle: false), clock: ticking())) { error in
            guard case .incompatible(model: "small", dataset: "r", reason: _)? = error as? TrainingError else {
                return XCTFail("\(error)")
            }
        }
        XCTAssertTrue(small.history.epochs.isEmpty)
    }

    /// Without `shuffle`, each source picks its default: a stream trains in file order, memory reshuffles.
    func testShuffleDefaultsToTheSource() throws {
        XCTAssertEqual(try Trainer.fit(model([.accuracy]), batches: try streamed(), trainName: "r",
                                       options: FitOptions(epochs: 1, batchSize: 100), clock: ticking()), .completed)
        XCTAssertFalse(try streamed().shufflesByDefault)
        let group = DatasetGroup(name: "r", whole: try DatasetReader.read(path: path, options: LoadOptions()))
        try group.tokenize(words: 300, maxlen: 30)
        XCTAssertTrue(try InMemoryBatches(group.whole!, named: "r").shufflesByDefault)
    }

    func testInterruptStopsAStreamAfterTheCurrentBatch() throws {
        let flag = InterruptFlag(), m = model([.accuracy])
        var batches = 0
        let outcome = try Trainer.fit(m, batches: try streamed(), trainName: "r", options: FitOptions(epochs: 2, batchSize: 100, shuffle: false),
                                      interrupt: flag, clock: ticking()) { event in
            if case .batchFinished = event {
                batches += 1
                if batches == 3 { flag.request() }
            }
        }
        XCTAssertEqual(outcome, .interrupted(epoch: 1))
        XCTAssertEqual(batches, 3)
        XCTAssertTrue(m.history.epochs.isEmpty)
    }
}
