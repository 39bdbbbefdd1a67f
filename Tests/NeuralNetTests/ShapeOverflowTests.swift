import NeuralNet
import TensorCore
import XCTest

/// Sizes from user input never trap: every product and sum in shape inference
/// and parameter counting reports overflow as a `ModelError` at the layer.
final class ShapeOverflowTests: XCTestCase {
    func testHugeSizesAreErrorsAtTheirLayer() {
        let big = 4_611_686_018_427_387_904  // 2⁶²
        let cases: [(ModelDefinition, Int, String)] = [
            (ModelDefinition(inputLength: 10, layers: [.embedding(inputDim: 100, outputDim: 8), .lstm(units: 3_000_000_000, returnSequences: false, recurrentActivation: .sigmoid)]),
             1, "lstm: the weight count is too large to count (more than 2⁶³ − 1); use smaller sizes"),
            (ModelDefinition(inputLength: 10, layers: [.embedding(inputDim: 100, outputDim: 8), .flatten, .dense(units: big, activation: .sigmoid)]),
             2, "dense: the weight count is too large to count (more than 2⁶³ − 1); use smaller sizes"),
            (ModelDefinition(layers: [.embedding(inputDim: 16_777_216, outputDim: 999_999_999_999_999)]),
             0, "embedding: the weight count is too large to count (more than 2⁶³ − 1); use smaller sizes"),
            (ModelDefinition(inputLength: 9_999_999_999, layers: [.embedding(inputDim: 10, outputDim: big), .flatten]),
             0, "embedding: the output (batch, 9999999999, 4611686018427387904) is too large to count (more than 2⁶³ − 1); use smaller sizes"),
            (ModelDefinition(inputLength: 3, layers: [.embedding(inputDim: 10, outputDim: 4), .lstm(units: big, returnSequences: true, recurrentActivation: .sigmoid)]),
             1, "lstm: the output (batch, 3, 4611686018427387904) is too large to count (more than 2⁶³ − 1); use smaller sizes"),
        ]
        for (definition, layer, message) in cases {
            XCTAssertThrowsError(try definition.inferShapes()) { error in
                XCTAssertEqual((error as? ModelError)?.layerIndex, layer)
                XCTAssertEqual((error as? ModelError)?.description, message)
            }
        }
    }

    func testHugeStrideGivesOneStepInsteadOfOverflowing() throws {
        func definition(strides: Int) -> ModelDefinition {
            ModelDefinition(inputLength: 20, layers: [
                .embedding(inputDim: 10, outputDim: 4),
                .conv1D(filters: 4, kernelSize: 3, strides: strides, padding: .same, activation: .relu),
            ])
        }
        XCTAssertEqual(try definition(strides: 1 << 32).inferShapes().last, [1, 4])
        XCTAssertThrowsError(try definition(strides: Int.max).inferShapes()) { error in
            XCTAssertEqual((error as? ModelError)?.description, "conv1d: strides must be in 1…4294967296, got 9223372036854775807")
        }
    }

    func testFlattenOfAHugeSequenceIsAnError() {
        let definition = ModelDefinition(inputLength: Int.max / 2, layers: [.embedding(inputDim: 10, outputDim: 1), .flatten])
        XCTAssertNoThrow(try definition.inferShapes())
        let wide = ModelDefinition(inputLength: Int.max / 2, layers: [.embedding(inputDim: 10, outputDim: 3)])
        XCTAssertThrowsError(try wide.inferShapes())
    }

    /// A 3-D output into the loss is caught at definition with the fix in the message (issue 11 §2).
    func testSequenceOutputIsAnErrorAtTheLastLayer() {
        let definition = ModelDefinition(inputLength: 20, layers: [.embedding(inputDim: 100, outputDim: 8), .dense(units: 2, activation: .softmax)])
        XCTAssertNoThrow(try definition.inferShapes(), "a dense over steps is a legal layer")
        XCTAssertThrowsError(try definition.requireVectorOutput()) { error in
            XCTAssertEqual(error as? ModelError, .sequenceOutput(layer: 1, kind: "dense", output: [20, 2]))
            XCTAssertEqual((error as? ModelError)?.description,
                           "dense outputs (batch, 20, 2), one vector per step, but the loss needs one per sample; add flatten or globalmaxpool1d before it")
        }
        let fixed = ModelDefinition(inputLength: 20, layers: [.embedding(inputDim: 100, outputDim: 8), .flatten, .dense(units: 2, activation: .softmax)])
        XCTAssertNoThrow(try fixed.requireVectorOutput())
    }

    func testOneUnitSoftmaxIsAWarning() {
        let definition = ModelDefinition(layers: [.embedding(inputDim: 100, outputDim: 8), .globalMaxPooling1D, .dense(units: 1, activation: .softmax)])
        XCTAssertEqual(definition.warnings.map(\.layer), [2])
        XCTAssertEqual(ModelDefinition(layers: [.dense(units: 1, activation: .sigmoid)]).warnings.count, 0)
    }

    /// An untrainable stack is refused before any batch runs (it crashed in the epoch metrics).
    func testCheckBatchRefusesASequenceOutput() throws {
        var rng = RandomGenerator(seed: 1)
        let model = Sequential(definition: ModelDefinition(layers: [.embedding(inputDim: 10, outputDim: 4), .dense(units: 2, activation: .softmax)]),
                               namer: &namer)
        try model.build(inputLength: 5, using: &rng)
        try model.compile()
        XCTAssertThrowsError(try model.checkBatch(x: Tensor(shape: [3, 5]), y: Tensor(shape: [3]))) { error in
            XCTAssertEqual((error as? ModelError)?.layerIndex, 1)
        }
    }

    private var namer = LayerNamer()
}
