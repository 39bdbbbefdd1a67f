import Foundation
import LabData
import NeuralNet
import TensorCore
import Training
import XCTest

/// `checkpoint_every=`: a run stopped mid-epoch and resumed from its last checkpoint ends with
/// the history and weights of a run never stopped, streamed (through a shuffle buffer) or in memory.
final class MidEpochCheckpointTests: XCTestCase {
    var folder = ""
    var path = ""

    /// The first 600 reviews of the bundled Amazon sample as a fastText file in a temp folder.
    override func setUpWithError() throws {
        folder = NSTemporaryDirectory() + "midepoch-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let all = try String(contentsOf: root.appendingPathComponent("data/amazon/reviews_6k.ft.txt"), encoding: .utf8)
        path = folder + "/reviews.ft.txt"
        try (all.split(separator: "\n").prefix(600).joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
    }

    override func tearDownWithError() throws { try FileManager.default.removeItem(atPath: folder) }

    /// Embedding → dropout (draws from the model's stream every step) → pooling → sigmoid, Adam.
    func model() -> Model {
        var namer = LayerNamer()
        let definition = ModelDefinition(layers: [.embedding(inputDim: 300, outputDim: 8), .dropout(rate: 0.2),
                                                  .globalAveragePooling1D, .dense(units: 1, activation: .sigmoid)])
        return Model(name: "m", network: Sequential(definition: definition, namer: &namer), rng: RandomGenerator(seed: 9),
                     metrics: [.accuracy, .auc])
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

    func inMemory() throws -> InMemoryBatches {
        let group = DatasetGroup(name: "r", whole: try DatasetReader.read(path: path, options: LoadOptions()))
        try group.tokenize(words: 300, maxlen: 30)
        return try InMemoryBatches(group.whole!, named: "r")
    }

    /// Trains 2 epochs straight; then again, stopped after 5 batches of epoch 1 with a checkpoint
    /// every 3, and resumed from that checkpoint (batch 3) in a fresh model loaded from the file.
    func assertResumeMatches(_ source: () throws -> some BatchSource, options base: FitOptions,
                             file: StaticString = #filePath, line: UInt = #line) throws {
        let straight = model()
        XCTAssertEqual(try Trainer.fit(straight, batches: try source(), trainName: "r", options: base, clock: ticking()), .completed)

        var options = base
        options.checkpoint = folder + "/ck.safetensors"
        options.checkpointEvery = 3
        let stop = InterruptFlag()
        var saved: [Int?] = []
        let stopped = try Trainer.fit(model(), batches: try source(), trainName: "r", options: options, interrupt: stop,
                                      clock: ticking()) { event in
            if case let .batchFinished(seen, _, _) = event, seen == 5 * 64 { stop.request() }
            if case let .checkpointSaved(_, _, seen) = event { saved.append(seen) }
        }
        XCTAssertEqual(stopped, .interrupted(epoch: 1), file: file, line: line)
        XCTAssertEqual(saved, [192], "one save, after batch 3 of 64 rows", file: file, line: line)

        var namer = LayerNamer()
        let resumed = try ModelFile.load(name: "m", from: options.checkpoint!, namer: &namer)
        XCTAssertEqual(resumed.resumePoint?.seen, 192, file: file, line: line)
        var starts: [Int] = []
        XCTAssertEqual(try Trainer.fit(resumed, batches: try source(), trainName: "r", options: options, clock: ticking()) { event in
            if case let .epochStarted(_, _, resumedAt) = event { starts.append(resumedAt) }
        }, .completed, file: file, line: line)
        XCTAssertEqual(starts, [192, 0], "epoch 1 resumes after 192 samples, epoch 2 starts afresh", file: file, line: line)
        XCTAssertNil(resumed.resumePoint, file: file, line: line)
        XCTAssertEqual(resumed.history.epochs.map(\.values), straight.history.epochs.map(\.values), file: file, line: line)
        XCTAssertEqual(resumed.network.namedParameters.map(\.parameter.value.values),
                       straight.network.namedParameters.map(\.parameter.value.values), file: file, line: line)
    }

    func testResumedStreamThroughAShuffleBufferEqualsTheUninterruptedRun() throws {
        var options = FitOptions(epochs: 2, batchSize: 64)
        options.shuffleBuffer = 100
        try assertResumeMatches(streamed, options: options)
    }

    func testResumedShuffledInMemoryEpochEqualsTheUninterruptedRun() throws {
        try assertResumeMatches(inMemory, options: FitOptions(epochs: 2, batchSize: 64, shuffle: true))
    }

    func testShuffleBufferChangesTheOrderEveryEpochAndKeepsEveryRow() throws {
        var rng = RandomGenerator(seed: 1)
        let source = try streamed()
        func epochTargets(buffer: Int?) throws -> [Float] {
            try source.beginEpoch(shuffle: false, shuffleBuffer: buffer, using: &rng)
            var targets: [Float] = []
            try source.forEachBatch(batchSize: 64) { _, y in targets += y.values; return true }
            return targets
        }
        let fileOrder = try epochTargets(buffer: nil)
        let first = try epochTargets(buffer: 50), second = try epochTargets(buffer: 50)
        XCTAssertNotEqual(first, fileOrder)
        XCTAssertNotEqual(first, second, "reseeded every epoch")
        XCTAssertEqual(first.sorted(), fileOrder.sorted())
        XCTAssertEqual(source.peakRowsHeld, 64 + 50, "one batch plus the buffer")
    }

    func testResumingWithAnotherBatchSizeOrShuffleBufferInMemoryIsRefused() throws {
        let m = model()
        m.resumePoint = EpochProgress(epoch: 1, batches: 3, seen: 192, batchSize: 64, total: 600,
                                      epochStartRNG: m.rng, loss: RunningMean(), accuracy: RunningMean(),
                                      metrics: EpochMetrics([.accuracy], exactAUC: true), seconds: 0)
        XCTAssertThrowsError(try Trainer.fit(m, batches: try streamed(), trainName: "r",
                                             options: FitOptions(batchSize: 32), clock: ticking())) { error in
            XCTAssertEqual((error as? TrainingError)?.description,
                           "m was saved 192 samples into epoch 1 with batch=64; resume it with batch=64, not 32")
        }
        var options = FitOptions()
        options.shuffleBuffer = 10
        XCTAssertThrowsError(try Trainer.fit(model(), batches: try inMemory(), trainName: "r", options: options, clock: ticking())) { error in
            XCTAssertEqual(error as? TrainingError, .shuffleBufferNeedsStream)
        }
    }
}
