import Foundation
import LabData
import NeuralNet
import TensorCore
import TestSupport
import Training
import XCTest

/// The training loop through the Swift API: continuity, checkpoints, Ctrl-C, early stopping, replay.
final class TrainerTests: XCTestCase {
    var folder = ""

    override func setUpWithError() throws {
        folder = NSTemporaryDirectory() + "trainer-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try FileManager.default.removeItem(atPath: folder) }

    /// 96 sequences of 12 token ids; label 1 when token 7 appears (a pattern an LSTM can learn).
    func dataset(seed: UInt64 = 11, count: Int = 96) -> Dataset {
        var rng = RandomGenerator(seed: seed)
        let x = Tensor(shape: [count, 12])
        var labels: [Float] = []
        for i in 0..<count {
            var positive = false
            for t in 0..<12 {
                let id = Float(1 + rng.int(below: 19))
                x[i, t] = id
                if id == 7 { positive = true }
            }
            labels.append(positive ? 1 : 0)
        }
        return Dataset(source: "synthetic", texts: nil, labels: labels.map { "\(Int($0))" }, lines: Array(repeating: 0, count: count),
                       labelMapping: LabelMapping(kind: .binary, classNames: ["0", "1"], table: ["0": 0, "1": 1]),
                       targets: Tensor(shape: [count, 1], values: labels), inputs: x)
    }

    func model(seed: UInt64 = 5, dropout: Bool = true) -> Model {
        var namer = LayerNamer()
        let layers: [LayerSpec] = [.embedding(inputDim: 20, outputDim: 8)]
            + (dropout ? [.dropout(rate: 0.2)] : [])
            + [.lstm(units: 6, returnSequences: false, recurrentActivation: .sigmoid), .dense(units: 1, activation: .sigmoid)]
        let network = Sequential(definition: ModelDefinition(layers: layers), namer: &namer)
        return Model(name: "m", network: network, rng: RandomGenerator(seed: seed), metrics: [.accuracy, .auc])
    }

    /// A clock that advances one second per call, so recorded times are reproducible.
    func ticking() -> () -> Double {
        var t = 0.0
        return { t += 1; return t }
    }

    func weights(_ m: Model) -> [[Float]] { m.network.namedParameters.map(\.parameter.value.values) }

    func testHistoryContinuesAcrossTrainCalls() throws {
        let m = model(), data = dataset()
        XCTAssertEqual(try Trainer.fit(m, on: data, trainName: "d", validation: dataset(seed: 12), options: FitOptions(epochs: 2, batchSize: 16), clock: ticking()), .completed)
        XCTAssertEqual(try Trainer.fit(m, on: data, trainName: "d", options: FitOptions(epochs: 1, batchSize: 16), clock: ticking()), .completed)
        XCTAssertEqual(m.history.epochs.map(\.epoch), [1, 2, 3])
        XCTAssertEqual(m.history.keys, ["loss", "accuracy", "auc", "val_loss", "val_accuracy", "val_auc"])
        XCTAssertNil(m.history.epochs[2].value(of: "val_loss"))
    }

    func testSameSeedGivesIdenticalHistoryAndWeights() throws {
        func run() throws -> (History, [[Float]]) {
            let m = model()
            _ = try Trainer.fit(m, on: dataset(), trainName: "d", validation: dataset(seed: 12),
                                options: FitOptions(epochs: 3, batchSize: 16), clock: ticking())
            return (m.history, weights(m))
        }
        let (h1, w1) = try run(), (h2, w2) = try run()
        XCTAssertEqual(h1, h2)
        XCTAssertEqual(w1, w2)
        XCTAssertLessThan(h1.epochs[2].value(of: "loss")!, h1.epochs[0].value(of: "loss")!)
    }

    /// Two epochs, a checkpoint, a fresh load and two more equal four epochs in one go, bit for bit.
    func testResumeFromCheckpointEqualsUninterruptedTraining() throws {
        let straight = model()
        _ = try Trainer.fit(straight, on: dataset(), trainName: "d", options: FitOptions(epochs: 4, batchSize: 16), clock: ticking())

        let first = model()
        let path = folder + "/ckpt.safetensors"
        _ = try Trainer.fit(first, on: dataset(), trainName: "d", options: FitOptions(epochs: 2, batchSize: 16, checkpoint: path), clock: ticking())
        var namer = LayerNamer()
        let resumed = try ModelFile.load(name: "m", from: path, namer: &namer)
        XCTAssertEqual(resumed.history.epochs.count, 2)
        _ = try Trainer.fit(resumed, on: dataset(), trainName: "d", options: FitOptions(epochs: 2, batchSize: 16), clock: ticking())

        XCTAssertEqual(weights(resumed), weights(straight))
        XCTAssertEqual(resumed.history.epochs.map { $0.values }, straight.history.epochs.map { $0.values })
    }

    /// Ctrl-C (the flag the signal handler sets) stops after the current batch;
    /// the partial epoch is not recorded and its time is kept.
    func testInterruptStopsAfterCurrentBatch() throws {
        let m = model(), flag = InterruptFlag()
        _ = try Trainer.fit(m, on: dataset(), trainName: "d", options: FitOptions(epochs: 1, batchSize: 16), interrupt: flag, clock: ticking())
        var batches = 0
        let outcome = try Trainer.fit(m, on: dataset(), trainName: "d", options: FitOptions(epochs: 3, batchSize: 16),
                                      interrupt: flag, clock: ticking()) { event in
            if case .batchFinished = event {
                batches += 1
                if batches == 2 { flag.request() }
            }
        }
        XCTAssertEqual(outcome, .interrupted(epoch: 2))
        XCTAssertEqual(batches, 2)
        XCTAssertEqual(m.history.epochs.map(\.epoch), [1])
        XCTAssertGreaterThan(m.history.trainingSeconds, try XCTUnwrap(m.history.epochs[0].seconds))
    }

    func testEarlyStoppingRestoresBestWeights() throws {
        let m = model(dropout: false)
        var saved: [[Float]] = []
        var best = Float.infinity
        // A validation set with flipped labels gets worse as the model learns the pattern.
        let train = dataset()
        let flipped = dataset(seed: 12)
        for i in 0..<flipped.count { flipped.targets.data[i] = 1 - flipped.targets.data[i] }
        let outcome = try Trainer.fit(m, on: train, trainName: "d", validation: flipped, validationName: "v",
                                      options: FitOptions(epochs: 30, batchSize: 16, patience: 2, restoreBest: true),
                                      clock: ticking()) { event in
            if case .epochFinished(let record, _) = event, let v = record.value(of: "val_loss"), v < best {
                best = v
                saved = self.weights(m)
            }
        }
        guard case .stoppedEarly(let epoch) = outcome else { return XCTFail("expected early stopping, got \(outcome)") }
        XCTAssertLessThan(epoch, 30)
        XCTAssertEqual(weights(m), saved)
        // The weights are those of the best epoch, and a test result says so.
        let bestEpoch = try XCTUnwrap(m.history.bestValidationLoss?.epoch)
        XCTAssertLessThan(bestEpoch, epoch)
        XCTAssertEqual(m.history.weightsEpoch, bestEpoch)
        XCTAssertEqual(try Evaluator.evaluate(m, on: train, named: "d", encodedWith: nil).epoch, bestEpoch)
        var namer = LayerNamer()
        try ModelFile.save(m, to: folder + "/best.safetensors")
        XCTAssertEqual(try ModelFile.load(name: "m", from: folder + "/best.safetensors", namer: &namer).history.weightsEpoch, bestEpoch)
    }

    func testDataThatDoesNotFitIsReportedBeforeTraining() {
        let m = model()
        let bad = dataset()
        bad.inputs![0, 0] = 25  // outside the embedding's 0..<20
        XCTAssertThrowsError(try Trainer.fit(m, on: bad, trainName: "bad", options: FitOptions(), clock: ticking())) { error in
            XCTAssertEqual("\(error)", "m cannot use bad: token id 25 is outside the embedding's 0..<20; tokenize with words ≤ 20")
        }
        XCTAssertTrue(m.history.epochs.isEmpty)
    }

    func testEvaluateAndPredictText() throws {
        let m = model()
        _ = try Trainer.fit(m, on: dataset(), trainName: "d", options: FitOptions(epochs: 1, batchSize: 16), clock: ticking())
        let result = try Evaluator.evaluate(m, on: dataset(seed: 13), named: "t", encodedWith: nil)
        XCTAssertEqual(result.samples, 96)
        XCTAssertEqual(m.history.test, result)
        XCTAssertThrowsError(try Evaluator.predict(m, texts: ["hello"])) { error in
            XCTAssertEqual("\(error)", "m has no tokenizer, so it cannot read raw text; train it on tokenized text first")
        }
        var tokenizer = Tokenizer(numWords: 20)
        tokenizer.fit(on: ["good film", "bad film"])
        m.textEncoding = TextEncoding(tokenizer: tokenizer, maxlen: 12)
        let p = try Evaluator.predict(m, texts: ["good film", "unknown words only"])
        XCTAssertEqual(p.shape, [2, 1])
        XCTAssertTrue(p.values.allSatisfy { $0 > 0 && $0 < 1 })
    }

    /// A test result is labelled with its epoch and goes stale with the first step of more
    /// training, even one stopped by Ctrl-C before any epoch is recorded.
    func testTrainingMakesTheTestResultStale() throws {
        let m = model()
        _ = try Trainer.fit(m, on: dataset(), trainName: "d", options: FitOptions(epochs: 1, batchSize: 16), clock: ticking())
        let result = try Evaluator.evaluate(m, on: dataset(seed: 13), named: "t", encodedWith: nil)
        XCTAssertEqual(result.epoch, 1)
        XCTAssertEqual(m.history.currentTest, result)
        let flag = InterruptFlag()
        let outcome = try Trainer.fit(m, on: dataset(), trainName: "d", options: FitOptions(epochs: 1, batchSize: 16),
                                      interrupt: flag, clock: ticking()) { event in
            if case .batchFinished = event { flag.request() }
        }
        XCTAssertEqual(outcome, .interrupted(epoch: 2))
        XCTAssertEqual(m.history.epochs.count, 1)
        XCTAssertNil(m.history.currentTest)
        XCTAssertEqual(m.history.test?.isCurrent, false)
        XCTAssertEqual(m.history.test?.epoch, 1)
    }

    /// Data tokenized with another encoding than the model's is refused; untokenized text is
    /// read with the model's own encoding.
    func testInputsUseTheModelsOwnVocabulary() throws {
        let m = model()
        _ = try Trainer.fit(m, on: dataset(), trainName: "d", options: FitOptions(epochs: 1, batchSize: 16), clock: ticking())
        var tokenizer = Tokenizer(numWords: 20)
        tokenizer.fit(on: ["good film", "bad film"])
        let own = TextEncoding(tokenizer: tokenizer, maxlen: 12)
        m.textEncoding = own
        XCTAssertNoThrow(try Trainer.checkVocabulary(m, own, named: "t"))
        XCTAssertNoThrow(try Trainer.checkVocabulary(m, nil, named: "t"))
        var other = own
        other.padding = .post
        XCTAssertThrowsError(try Trainer.checkVocabulary(m, other, named: "t")) { error in
            XCTAssertEqual(error as? TrainingError, .otherVocabulary(model: "m", dataset: "t",
                                                                     modelEncoding: "words=20 maxlen=12 (vocabulary \(own.fingerprint))",
                                                                     dataEncoding: "words=20 maxlen=12 padding=post (vocabulary \(other.fingerprint))"))
        }
        XCTAssertNotEqual(own.fingerprint, other.fingerprint)
    }

    /// Ctrl-C during evaluate or predict: the loop stops before its next batch, says how far it got,
    /// and records no test result.
    func testEvaluationAndPredictionStopWhenInterrupted() throws {
        let m = model()
        _ = try Trainer.fit(m, on: dataset(), trainName: "d", options: FitOptions(epochs: 1, batchSize: 16), clock: ticking())
        let interrupt = InterruptFlag()
        interrupt.request()
        XCTAssertThrowsError(try Evaluator.evaluate(m, on: dataset(seed: 13), named: "t", encodedWith: nil, interrupt: interrupt)) { error in
            XCTAssertEqual(error as? TrainingError, .interrupted(done: 0, total: 96))
            XCTAssertEqual("\(error)", "stopped by Ctrl-C after 0 of 96 rows; nothing was recorded or written")
        }
        XCTAssertNil(m.history.test)
        let inputs = try XCTUnwrap(dataset(seed: 13).inputs)
        XCTAssertThrowsError(try Evaluator.predict(m.network, inputs: inputs, batchSize: 32, interrupt: interrupt)) { error in
            XCTAssertEqual(error as? TrainingError, .interrupted(done: 0, total: 96))
        }
        interrupt.clear()
        XCTAssertEqual(try Evaluator.predict(m.network, inputs: inputs, batchSize: 32, interrupt: interrupt).shape, [96, 1])
    }
}
