import Foundation
import NeuralNet
import TensorCore
import TestSupport
import XCTest

/// Learning-rate schedules, gradient clipping and sample-weighted losses against Keras's formulas.
final class TrainingControlTests: XCTestCase {
    func testExponentialDecayIsKerasExponentialDecay() {
        // ExponentialDecay(0.1, decay_steps=100, decay_rate=0.96): 0.1 · 0.96^(step/100).
        let schedule = LearningRateSchedule.exponential(decayRate: 0.96, decaySteps: 100)
        XCTAssertEqual(schedule.rate(initial: 0.1, step: 0), 0.1)
        XCTAssertEqual(schedule.rate(initial: 0.1, step: 100), 0.096, accuracy: 1e-8)
        XCTAssertEqual(schedule.rate(initial: 0.1, step: 50), Float(0.1 * pow(0.96, 0.5)), accuracy: 1e-8)
        XCTAssertEqual(schedule.rate(initial: 0.1, step: 250), Float(0.1 * pow(0.96, 2.5)), accuracy: 1e-8)
    }

    func testCosineDecayIsKerasCosineDecay() {
        // CosineDecay(0.01, decay_steps=10, alpha=0.1): halfway is 0.01 · (0.9 · 0.5 + 0.1) = 0.0055.
        let schedule = LearningRateSchedule.cosine(decaySteps: 10, alpha: 0.1)
        XCTAssertEqual(schedule.rate(initial: 0.01, step: 0), 0.01, accuracy: 1e-9)
        XCTAssertEqual(schedule.rate(initial: 0.01, step: 5), 0.0055, accuracy: 1e-9)
        XCTAssertEqual(schedule.rate(initial: 0.01, step: 2), Float(0.01 * (0.9 * 0.5 * (1 + cos(Double.pi * 0.2)) + 0.1)), accuracy: 1e-9)
        // Past decay_steps the rate stays at alpha · lr.
        XCTAssertEqual(schedule.rate(initial: 0.01, step: 10), 0.001, accuracy: 1e-9)
        XCTAssertEqual(schedule.rate(initial: 0.01, step: 30), 0.001, accuracy: 1e-9)
    }

    func testOptimizerStepsWithTheScheduledRate() {
        let p = Parameter(name: "kernel", value: Tensor(shape: [1], values: [1]))
        let sgd = Optimizer(.sgd(learningRate: 0.1))
        sgd.schedule = .exponential(decayRate: 0.5, decaySteps: 1)
        for _ in 0..<3 {
            if case let .dense(g) = p.gradient { g.data[0] = 1 }
            sgd.step([("w", p)])
        }
        // Steps 0, 1, 2 use 0.1, 0.05, 0.025.
        XCTAssertEqual(p.value[0], 1 - 0.175, accuracy: 1e-6)
        XCTAssertEqual(sgd.currentLearningRate, 0.0125, accuracy: 1e-9)
    }

    func testClipNormRescalesEachTensorAndClipValueClamps() {
        let a = Parameter(name: "kernel", value: Tensor(shape: [2], values: [0, 0]))
        let b = Parameter(name: "bias", value: Tensor(shape: [2], values: [0, 0]))
        if case let .dense(g) = a.gradient { g.copy(from: Tensor(shape: [2], values: [3, 4])) }     // norm 5
        if case let .dense(g) = b.gradient { g.copy(from: Tensor(shape: [2], values: [0.3, -0.4])) } // norm 0.5
        let sgd = Optimizer(.sgd(learningRate: 1))
        sgd.clipping = GradientClipping(norm: 1)
        sgd.step([("a", a), ("b", b)])
        // Per tensor: a is scaled to norm 1 (0.6, 0.8); b is below the bound and unchanged.
        assertClose(a.value.values, [-0.6, -0.8], rtol: 1e-6, atol: 1e-7)
        assertClose(b.value.values, [-0.3, 0.4], rtol: 1e-6, atol: 1e-7)

        let c = Parameter(name: "kernel", value: Tensor(shape: [3], values: [0, 0, 0]))
        if case let .dense(g) = c.gradient { g.copy(from: Tensor(shape: [3], values: [2, -0.1, -5])) }
        let clipped = Optimizer(.sgd(learningRate: 1))
        clipped.clipping = GradientClipping(value: 0.5)
        clipped.step([("c", c)])
        assertClose(c.value.values, [-0.5, 0.1, 0.5], rtol: 1e-6, atol: 1e-7)
    }

    func testClippingSparseEmbeddingRows() {
        let table = Parameter(name: "embeddings", sparseRowsOf: Tensor(shape: [4, 2]))
        guard case let .sparseRows(g) = table.gradient else { return XCTFail("sparse") }
        g.accumulator(forRow: 1).update(from: [6, 0], count: 2)
        g.accumulator(forRow: 3).update(from: [0, 8], count: 2)                 // the table's norm is 10
        let sgd = Optimizer(.sgd(learningRate: 1))
        sgd.clipping = GradientClipping(norm: 5, value: 3.5)
        sgd.step([("e", table)])
        // Norm 10 → scaled by 0.5 to (3, 0) and (0, 4); then clamped at 3.5.
        assertClose(table.value.values, [0, 0, -3, 0, 0, 0, 0, -3.5], rtol: 1e-6, atol: 1e-7)
    }

    func testSampleWeightsScaleLossAndGradient() {
        // Binary cross-entropy of p = 0.8 on targets 1, 0 is −ln 0.8 and −ln 0.2; weights 1 and 3.
        let p = Tensor(shape: [2, 1], values: [0.8, 0.8]), y = Tensor(shape: [2, 1], values: [1, 0])
        let weighted = Loss.binaryCrossentropy.value(predictions: p, targets: y, sampleWeights: [1, 3])
        XCTAssertEqual(weighted, (-log(0.8) - 3 * log(0.2)) / 2, accuracy: 1e-6)

        // Through a model: a weight of 2 on every sample doubles the loss and the update.
        let plain = Sequential { Embedding(10, 2); GlobalAveragePooling1D(); Dense(1, activation: .sigmoid) }
        let doubled = Sequential { Embedding(10, 2); GlobalAveragePooling1D(); Dense(1, activation: .sigmoid) }
        var rng = RandomGenerator(seed: 3)
        let x = Tensor(shape: [2, 3], values: [1, 2, 3, 4, 5, 1])
        for model in [plain, doubled] {
            var initial = RandomGenerator(seed: 1)
            XCTAssertNoThrow(try model.build(inputLength: 3, using: &initial))
            model.compile(loss: .binaryCrossentropy, optimizer: .sgd(learningRate: 0.1))
        }
        func flat(_ m: Sequential) -> [Float] { m.namedParameters.flatMap(\.parameter.value.values) }
        let before = flat(plain)
        XCTAssertEqual(before, flat(doubled))
        let l1 = plain.trainStep(x: x, y: y, using: &rng)
        let l2 = doubled.trainStep(x: x, y: y, sampleWeights: [2, 2], using: &rng)
        XCTAssertEqual(l2, 2 * l1, accuracy: 1e-9)
        let step1 = zip(flat(plain), before).map { $0 - $1 }
        let step2 = zip(flat(doubled), before).map { $0 - $1 }
        assertClose(step2, step1.map { 2 * $0 }, rtol: 1e-5, atol: 1e-7)
    }

    /// A model file keeps the clipping and the learning rate in use (lowered by ReduceLROnPlateau).
    func testModelFileKeepsClippingAndTheCurrentLearningRate() throws {
        let model = Sequential { Embedding(10, 2); GlobalAveragePooling1D(); Dense(1, activation: .sigmoid) }
        var rng = RandomGenerator(seed: 1)
        try model.build(inputLength: 3, using: &rng)
        model.compile(loss: .binaryCrossentropy, optimizer: .adam(learningRate: 0.001))
        model.optimizer?.clipping = GradientClipping(norm: 1, value: 0.25)
        model.optimizer?.learningRate = 0.0005
        let path = NSTemporaryDirectory() + "clip-\(UUID().uuidString).safetensors"
        defer { try? FileManager.default.removeItem(atPath: path) }
        try model.save(to: path)
        var namer = LayerNamer()
        let (loaded, metadata) = try Sequential.load(from: path, namer: &namer)
        XCTAssertEqual(loaded.optimizer?.clipping, GradientClipping(norm: 1, value: 0.25))
        XCTAssertEqual(loaded.optimizer?.learningRate, 0.0005)
        XCTAssertEqual(metadata, [:])
    }
}
