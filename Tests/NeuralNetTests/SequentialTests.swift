import Foundation
import NeuralNet
import TensorCore
import TestSupport
import XCTest

final class SequentialTests: XCTestCase {
    /// Impossible stacks and their exact messages, reported before any weight exists.
    func testShapeErrorMessages() {
        let cases: [([LayerSpec], Int?, String)] = [
            ([.embedding(inputDim: 100, outputDim: 8), .flatten, .lstm(units: 4, returnSequences: false, recurrentActivation: .sigmoid)], 10500 / 8,
             "lstm expects (batch, steps, features) but gets (batch, 10496)"),
            ([.embedding(inputDim: 100, outputDim: 8), .conv1D(filters: 4, kernelSize: 3, strides: 1, padding: .valid, activation: .relu), .lstm(units: 4, returnSequences: false, recurrentActivation: .sigmoid), .maxPooling1D(poolSize: 2, strides: nil)], 20,
             "maxpool1d expects (batch, steps, features) but gets (batch, 4)"),
            ([.embedding(inputDim: 10, outputDim: 2), .embedding(inputDim: 10, outputDim: 2)], 5,
             "embedding: must be the first layer (it reads token ids)"),
            ([.embedding(inputDim: 10, outputDim: 2), .conv1D(filters: 4, kernelSize: 9, strides: 1, padding: .valid, activation: .relu)], 5,
             "conv1d has no output for input (batch, 5, 2)"),
            ([.embedding(inputDim: 10, outputDim: 2), .flatten, .lstm(units: 4, returnSequences: false, recurrentActivation: .sigmoid)], nil,
             "lstm expects (batch, steps, features) but gets (batch, None)"),
            ([.embedding(inputDim: 10, outputDim: 2), .dropout(rate: 1.5)], 5, "dropout: rate must be in [0, 1), got 1.5"),
            ([.dense(units: 0, activation: .linear)], 5, "dense: units must be positive, got 0"),
            ([], 5, "the model has no layers"),
        ]
        for (layers, length, message) in cases {
            var namer = LayerNamer()
            let model = Sequential(definition: ModelDefinition(inputLength: length, layers: layers), namer: &namer)
            XCTAssertThrowsError(try model.validate(), message) { error in
                XCTAssertEqual("\(error)", message)
            }
        }
        // Without a length a stack can still be checked; only weight counts that depend on it wait.
        var namer = LayerNamer()
        let unbound = Sequential(definition: ModelDefinition(layers: [.embedding(inputDim: 10, outputDim: 2), .flatten,
                                                                      .dense(units: 1, activation: .sigmoid)]), namer: &namer)
        XCTAssertNoThrow(try unbound.validate())
        XCTAssertThrowsError(try unbound.parameterCounts()) { error in
            XCTAssertEqual("\(error)", "dense needs a known sequence length; give the model `input N` or train it on data first")
        }
        XCTAssertEqual(ModelError.incompatibleShape(layer: 2, kind: "lstm", expected: "(batch, steps, features)", got: [10500]).description,
                       "lstm expects (batch, steps, features) but gets (batch, 10500)")
    }

    func testBuilderShapesCountsAndNames() throws {
        let model = Sequential { Embedding(5000, 32); LSTM(100); Dense(1, activation: .sigmoid) }
        XCTAssertEqual(model.layers.map(\.name), ["embedding_1", "lstm_1", "dense_1"])
        XCTAssertEqual(try model.outputShapes(inputLength: 500), [[500, 32], [100], [1]])
        XCTAssertEqual(model.parameterCount, 5000 * 32 + 4 * 100 * 133 + 101)
        XCTAssertEqual(model.definition.defaultLoss, .binaryCrossentropy)
        XCTAssertFalse(model.isBuilt)
        var namer = LayerNamer()
        _ = Sequential(definition: model.definition, namer: &namer)
        let second = Sequential(definition: model.definition, namer: &namer)
        XCTAssertEqual(second.layers.map(\.name), ["embedding_2", "lstm_2", "dense_2"])
    }

    func testDefaultCompileRule() throws {
        let softmax = Sequential { Embedding(10, 2); GlobalAveragePooling1D(); Dense(3, activation: .softmax) }
        try softmax.compile()
        XCTAssertEqual(softmax.loss, .sparseCategoricalCrossentropy)
        XCTAssertEqual(softmax.optimizer?.spec, .adam())
        let linear = Sequential { Dense(3) }
        XCTAssertThrowsError(try linear.compile()) { XCTAssertEqual("\($0)", "cannot infer a loss from the last layer (dense); give compile a loss=") }
    }

    /// Targets that do not fit the last layer say what to change: the loss for class indices under
    /// categorical_crossentropy (Keras's usual slip), else the last layer by name.
    func testTargetMismatchesNameTheFix() throws {
        var rng = RandomGenerator(seed: 1)
        let x = Tensor(shape: [4, 3], values: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1])
        let categorical = Sequential { Embedding(10, 2); GlobalAveragePooling1D(); Dense(3, activation: .softmax) }
        try categorical.build(inputLength: 3, using: &rng)
        categorical.compile(loss: .categoricalCrossentropy, optimizer: .adam())
        XCTAssertThrowsError(try categorical.checkBatch(x: x, y: Tensor(shape: [4, 1], values: [0, 2, 1, 0]))) {
            XCTAssertEqual("\($0)", "categorical_crossentropy on class indices (4 × 1) does not fit the last layer (dense_1, 3 outputs per sample): "
                           + "one-hot targets [4, 3] are needed; for class indices compile with loss=sparse_categorical_crossentropy")
        }
        XCTAssertNoThrow(try categorical.checkBatch(x: x, y: Tensor(shape: [4, 3])))
        let regression = Sequential { Embedding(10, 2); GlobalAveragePooling1D(); Dense(3) }
        try regression.build(inputLength: 3, using: &rng)
        regression.compile(loss: .meanSquaredError, optimizer: .adam())
        XCTAssertThrowsError(try regression.checkBatch(x: x, y: Tensor(shape: [4, 1]))) {
            XCTAssertEqual("\($0)", "mse on 1 value per sample does not fit the last layer (dense_1, 3 outputs per sample): change dense_1 to 1 unit, or the loss")
        }
    }

    func testBatchChecks() throws {
        let model = Sequential { Embedding(10, 2); GlobalAveragePooling1D(); Dense(1, activation: .sigmoid) }
        var rng = RandomGenerator(seed: 1)
        try model.build(inputLength: 3, using: &rng)
        try model.compile()
        XCTAssertNoThrow(try model.checkBatch(x: Tensor(shape: [2, 3], values: [0, 1, 9, 2, 3, 4]), y: Tensor(shape: [2, 1])))
        XCTAssertThrowsError(try model.checkBatch(x: Tensor(shape: [1, 3], values: [0, 10, 1]), y: nil)) {
            XCTAssertEqual("\($0)", "token id 10 is outside the embedding's 0..<10; tokenize with words ≤ 10")
        }
        XCTAssertThrowsError(try model.checkBatch(x: Tensor(shape: [2, 4]), y: nil)) { XCTAssertEqual("\($0)", "x should be [N, 3] but is 2×4") }
        XCTAssertThrowsError(try model.checkBatch(x: Tensor(shape: [2, 3]), y: Tensor(shape: [3, 1])))

        // Softmax with sparse targets takes class indices as [N] or [N, 1] (0/1 labels of a binary file), as Keras does.
        let softmax = Sequential { Embedding(10, 2); GlobalAveragePooling1D(); Dense(2, activation: .softmax) }
        try softmax.build(inputLength: 3, using: &rng)
        try softmax.compile()
        let x = Tensor(shape: [2, 3], values: [0, 1, 2, 3, 4, 5])
        XCTAssertNoThrow(try softmax.checkBatch(x: x, y: Tensor(shape: [2], values: [0, 1])))
        XCTAssertNoThrow(try softmax.checkBatch(x: x, y: Tensor(shape: [2, 1], values: [1, 0])))
        XCTAssertEqual(softmax.loss(predictions: Tensor(shape: [2, 2], values: [0.25, 0.75, 0.5, 0.5]), targets: Tensor(shape: [2, 1], values: [1, 0])),
                       -(log(0.75) + log(0.5)) / 2, accuracy: 1e-6)
        XCTAssertThrowsError(try softmax.checkBatch(x: x, y: Tensor(shape: [2, 1], values: [2, 0]))) {
            XCTAssertEqual("\($0)", "y should be class indices in 0..<2 but is 2×1")
        }
    }

    /// A small LSTM classifier learns a separable task: sequences containing token 1 are positive.
    func testTrainingStepsReduceLossAndPredictIsDeterministic() throws {
        var rng = RandomGenerator(seed: 42)
        let model = Sequential { Embedding(8, 6); Dropout(0.1); LSTM(8); Dense(1, activation: .sigmoid) }
        try model.build(inputLength: 5, using: &rng)
        model.compile(loss: .binaryCrossentropy, optimizer: .adam(learningRate: 0.02))
        let n = 32
        var xs: [Float] = [], ys: [Float] = []
        for s in 0..<n {
            let positive = s % 2 == 0
            var row = (0..<5).map { _ in Float(2 + rng.int(below: 6)) }
            if positive { row[rng.int(below: 5)] = 1 }
            xs += row; ys.append(positive ? 1 : 0)
        }
        let x = Tensor(shape: [n, 5], values: xs), y = Tensor(shape: [n, 1], values: ys)
        try model.checkBatch(x: x, y: y)
        let first = model.trainStep(x: x, y: y, using: &rng)
        XCTAssertEqual(model.lastPredictions.shape, [n, 1])
        XCTAssertEqual(first, model.loss(predictions: model.lastPredictions, targets: y), accuracy: 1e-9)
        var last = first
        for _ in 0..<60 { last = model.trainStep(x: x, y: y, using: &rng) }
        XCTAssertLessThan(last, 0.3 * first)
        let p = model.predict(x)
        XCTAssertEqual(p.values, model.predict(x).values)
        let correct = (0..<n).filter { (p[$0, 0] > 0.5) == (ys[$0] == 1) }.count
        XCTAssertGreaterThanOrEqual(correct, 30)
    }

    /// Same seed ⇒ the same bits at any thread count, for the fast paths that run
    /// on several threads: LSTM batch slices (an odd batch, uneven slices), split
    /// GEMMs (dense and conv weight gradients above the split size), blocked
    /// Conv1D forward, chunked dropout masks, the parallel embedding scatter and
    /// Adam sweep. Fails when any cut follows the thread count (with OpenBLAS's
    /// AVX2 kernels the bits of a sub-GEMM depend on where it starts).
    func testTrainingIsBitwiseRepeatableAtAnyThreadCount() throws {
        defer { Parallel.setThreads(2) }
        func train(_ makeModel: () -> Sequential, loss: Loss, classes: Int, threads: Int) throws -> [Float] {
            Parallel.setThreads(threads)
            var rng = RandomGenerator(seed: 5)
            let model = makeModel()
            try model.build(inputLength: 40, using: &rng)
            model.compile(loss: loss, optimizer: .adam())
            let n = 67
            let x = Tensor(shape: [n, 40], values: (0..<(n * 40)).map { _ in Float(rng.int(below: 300)) })
            let y = classes == 1 ? Tensor(shape: [n, 1], values: (0..<n).map { Float($0 % 2) })
                : Tensor(shape: [n], values: (0..<n).map { Float($0 % classes) })
            for _ in 0..<3 { _ = model.trainStep(x: x, y: y, using: &rng) }
            return model.namedParameters.flatMap { $0.parameter.value.values } + model.predict(x).values
        }
        let lstm = { Sequential { Embedding(300, 16); Dropout(0.2); LSTM(24); Dense(1, activation: .sigmoid) } }
        let cnn = {
            Sequential {
                Embedding(300, 40); Dropout(0.2); Conv1D(70, 3, activation: .relu); MaxPooling1D(3); Flatten()
                Dense(30, activation: .relu); Dense(2, activation: .softmax)
            }
        }
        let lstmAtOne = try train(lstm, loss: .binaryCrossentropy, classes: 1, threads: 1)
        let cnnAtOne = try train(cnn, loss: .sparseCategoricalCrossentropy, classes: 2, threads: 1)
        for threads in [2, 3] {
            XCTAssertEqual(try train(lstm, loss: .binaryCrossentropy, classes: 1, threads: threads), lstmAtOne, "lstm, \(threads) threads")
            XCTAssertEqual(try train(cnn, loss: .sparseCategoricalCrossentropy, classes: 2, threads: threads), cnnAtOne, "cnn, \(threads) threads")
        }
    }

    /// The seed CNN (Conv1D + pooling + softmax) trains with sparse categorical targets.
    func testConvolutionalSoftmaxTrainStep() throws {
        var rng = RandomGenerator(seed: 9)
        let model = Sequential { Embedding(20, 4); Conv1D(6, 3, activation: .relu); MaxPooling1D(2); Flatten(); Dense(2, activation: .softmax) }
        try model.build(inputLength: 9, using: &rng)
        try model.compile()
        let x = Tensor(shape: [4, 9], values: (0..<36).map { Float($0 % 20) })
        let y = Tensor(shape: [4], values: [0, 1, 1, 0])
        let before = model.trainStep(x: x, y: y, using: &rng)
        var after = before
        for _ in 0..<20 { after = model.trainStep(x: x, y: y, using: &rng) }
        XCTAssertLessThan(after, before)
        XCTAssertEqual(model.predict(x).shape, [4, 2])
    }

    /// The seed LSTM (Embedding 5000×32, length 500, LSTM 100, Dense 1 sigmoid) builds, trains one step and saves.
    func testSeedModelBuildsTrainsOneStepAndSaves() throws {
        var rng = RandomGenerator(seed: 7)
        let model = Sequential(inputLength: 500) { Embedding(5000, 32); LSTM(100); Dense(1, activation: .sigmoid) }
        try model.build(inputLength: 500, using: &rng)
        try model.compile()
        let x = Tensor(shape: [4, 500], values: (0..<2000).map { _ in Float(rng.int(below: 5000)) })
        let y = Tensor(shape: [4, 1], values: [1, 0, 1, 0])
        try model.checkBatch(x: x, y: y)
        let loss = model.trainStep(x: x, y: y, using: &rng)
        XCTAssertEqual(loss, Foundation.log(2.0), accuracy: 0.1)
        let path = NSTemporaryDirectory() + "seed-\(UUID().uuidString).safetensors"
        defer { try? FileManager.default.removeItem(atPath: path) }
        try model.save(to: path, metadata: [:])
        let file = try SafeTensors.read(from: path)
        XCTAssertEqual(file["lstm_1.kernel"]?.shape, [32, 400])
        XCTAssertEqual(file["optimizer.iterations"]?.values, [1])
    }
}
