import NeuralNet
import TensorCore
import TestSupport
import XCTest

final class EmbeddingTests: XCTestCase {
    func testForwardGathersRowsIncludingRowZero() {
        let e = built(Embedding(5, 3), [2])
        var rng = RandomGenerator(seed: 1)
        let y = e.forward(Tensor(shape: [1, 2], values: [0, 4]), training: false, using: &rng)
        let table = e.parameters[0].value.values
        XCTAssertEqual(y.shape, [1, 2, 3])
        XCTAssertEqual(y.values, Array(table[0..<3]) + Array(table[12..<15]))
    }

    func testInitIsUniformWithinFiveHundredths() {
        let table = built(Embedding(1000, 16), [4]).parameters[0].value.values
        XCTAssertLessThanOrEqual(table.map(abs).max()!, 0.05)
        XCTAssertGreaterThan(table.map(abs).max()!, 0.049)
        XCTAssertEqual(Double(table.reduce(0, +)) / Double(table.count), 0, accuracy: 2e-3)
    }

    func testGradientTouchesOnlyTheBatchRowsAndSumsRepeats() {
        let e = built(Embedding(10, 2), [3])
        var rng = RandomGenerator(seed: 1)
        _ = e.forward(Tensor(shape: [1, 3], values: [7, 2, 7]), training: true, using: &rng)
        _ = e.backward(Tensor(shape: [1, 3, 2], values: [1, 2, 3, 4, 5, 6]))
        guard case let .sparseRows(g) = e.parameters[0].gradient else { return XCTFail("sparse gradient expected") }
        XCTAssertEqual(g.touchedRows, [7, 2])
        XCTAssertEqual(g.values.values, [6, 8, 3, 4])
        e.parameters[0].zeroGradient()
        XCTAssertEqual(g.touchedRows, [])
    }

    /// Tolerance: rtol 2e-2, atol 2e-3; the table is checked densely (untouched rows must be 0).
    func testTableGradient() {
        let e = built(Embedding(6, 4), [5])
        checkLayerGradients(e, input: Tensor(shape: [2, 5], values: [0, 1, 5, 1, 3, 2, 2, 0, 4, 1]), checkInput: false)
    }
}

/// `weights=` and `trainable=false`: initial rows, frozen tables, Keras's Non-trainable count.
final class EmbeddingSetupTests: XCTestCase {
    private func model(trainable: Bool) -> Sequential {
        let definition = ModelDefinition(inputLength: 3, layers: [.embedding(inputDim: 6, outputDim: 2), .flatten,
                                                                   .dense(units: 1, activation: .sigmoid)],
                                         embeddingSetups: [EmbeddingSetup(layer: 0, vectors: "w", trainable: trainable)])
        var namer = LayerNamer()
        return Sequential(definition: definition, namer: &namer)
    }

    func testInitialRowsReplaceTheInitializerOnlyWhereGiven() throws {
        let m = model(trainable: true)
        let embedding = try XCTUnwrap(m.layers[0] as? Embedding)
        embedding.initialRows = InitialRows(rows: [2, 5], values: [1, 2, 3, 4])
        var rng = RandomGenerator(seed: 1)
        try m.build(inputLength: 3, using: &rng)
        let table = embedding.parameters[0].value.values
        XCTAssertEqual(Array(table[4..<6]), [1, 2])
        XCTAssertEqual(Array(table[10..<12]), [3, 4])
        XCTAssertTrue(table[0..<4].allSatisfy { abs($0) <= 0.05 })
        // The same generator draws the same initializer as a random twin: only the given rows differ.
        let twin = Embedding(6, 2)
        var twinRng = RandomGenerator(seed: 1)
        try twin.build(inputShape: [3], using: &twinRng)
        XCTAssertEqual(Array(twin.parameters[0].value.values[0..<4]), Array(table[0..<4]))
    }

    /// Training steps change every layer but a frozen embedding, whose gradient stays empty.
    func testFrozenRowsDoNotChangeWhileTheRestTrains() throws {
        for trainable in [false, true] {
            let m = model(trainable: trainable)
            var rng = RandomGenerator(seed: 2)
            try m.build(inputLength: 3, using: &rng)
            m.compile(loss: .binaryCrossentropy, optimizer: .adam(learningRate: 0.1))
            let table = m.layers[0].parameters[0].value.values, kernel = m.layers[2].parameters[0].value.values
            let x = Tensor(shape: [2, 3], values: [1, 2, 3, 4, 5, 1]), y = Tensor(shape: [2, 1], values: [1, 0])
            for _ in 0..<3 { _ = m.trainStep(x: x, y: y, using: &rng) }
            XCTAssertEqual(m.layers[0].parameters[0].value.values == table, !trainable)
            XCTAssertNotEqual(m.layers[2].parameters[0].value.values, kernel)
            XCTAssertEqual(m.trainableParameters.count, trainable ? 3 : 2)
        }
    }

    /// Keras 2: the table still counts in Total params, and in Non-trainable params when frozen.
    func testSummaryRowsMarkTheFrozenTable() throws {
        let rows = try model(trainable: false).summaryRows()
        XCTAssertEqual(rows.map(\.isTrainable), [false, true, true])
        XCTAssertEqual(rows.map(\.parameterCount), [12, 0, 7])
    }

    func testModelFilesKeepTheSetup() throws {
        let m = model(trainable: false)
        var rng = RandomGenerator(seed: 2)
        try m.build(inputLength: 3, using: &rng)
        m.embeddingSetups[0].source = "word2vec on a.train dim=2"
        m.embeddingSetups[0].covered = 4
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("setup-\(UUID().uuidString).safetensors").path
        try m.save(to: path)
        var namer = LayerNamer()
        let (back, _) = try Sequential.load(from: path, namer: &namer)
        XCTAssertEqual(back.definition.embeddingSetups, m.definition.embeddingSetups)
        XCTAssertEqual((back.layers[0] as? Embedding)?.trainable, false)
    }
}
