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
