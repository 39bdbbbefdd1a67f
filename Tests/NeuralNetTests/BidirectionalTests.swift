import NeuralNet
import TensorCore
import TestSupport
import XCTest

final class BidirectionalTests: XCTestCase {
    let n = 2, t = 4, d = 3, u = 3

    func bidirectional(_ spec: LayerSpec, _ mode: MergeMode = .concat) -> Bidirectional {
        built(Bidirectional(makeLayer(spec), mergeMode: mode, backward: makeLayer(spec)), [t, d])
    }

    /// Each merge mode against SimpleRNN references run forwards and on the reversed sequence.
    func testForwardMatchesReferencesForEveryMergeMode() {
        let x = randomTensor([n, t, d], low: -2, high: 2)
        for sequences in [true, false] {
            for mode in MergeMode.allCases {
                let layer = bidirectional(.simpleRNN(units: u, returnSequences: sequences), mode)
                var rng = RandomGenerator(seed: 1)
                let y = layer.forward(x, training: false, using: &rng)
                let p = layer.parameters.map { RecurrentReference.rows($0.value, cols: u) }
                let width = mode == .concat ? 2 * u : u
                XCTAssertEqual(y.shape, sequences ? [n, t, width] : [n, width])
                for s in 0..<n {
                    let xs = RecurrentReference.sample(x, s)
                    let f = RecurrentReference.simpleRNN(x: xs, w: p[0], r: p[1], b: p[2][0])
                    let b = Array(RecurrentReference.simpleRNN(x: xs.reversed(), w: p[3], r: p[4], b: p[5][0]).reversed())
                    let steps = sequences ? Array(0..<t) : [t - 1]
                    var expected: [Double] = []
                    for step in steps {
                        // Without sequences the backward layer's output is its last state, aligned with step 0.
                        let fb = f[step], bb = sequences ? b[step] : b[0]
                        switch mode {
                        case .concat: expected += fb + bb
                        case .sum: expected += zip(fb, bb).map(+)
                        case .mul: expected += zip(fb, bb).map(*)
                        case .ave: expected += zip(fb, bb).map { ($0 + $1) / 2 }
                        }
                    }
                    let got = Array(y.values[(s * y.count / n)..<((s + 1) * y.count / n)])
                    assertClose(got, expected.map(Float.init), rtol: 1e-5, atol: 2e-6, "\(mode) sequences \(sequences) sample \(s)")
                }
            }
        }
    }

    /// Tolerance: rtol 2e-2, atol 2e-3 (see `GradientCheck`).
    func testGradientsForEveryMergeMode() {
        checkLayerGradients(bidirectional(.lstm(units: u, returnSequences: true, recurrentActivation: .sigmoid)), input: randomTensor([n, t, d]))
        checkLayerGradients(bidirectional(.gru(units: u, returnSequences: false, recurrentActivation: .sigmoid), .mul), input: randomTensor([n, t, d]))
        checkLayerGradients(bidirectional(.simpleRNN(units: u, returnSequences: true), .sum), input: randomTensor([n, t, d]))
        checkLayerGradients(bidirectional(.simpleRNN(units: u, returnSequences: false, dropout: RecurrentDropout(input: 0.2, recurrent: 0.2)), .ave),
                            input: randomTensor([n, t, d]))
    }

    /// Keras names: the wrapped layer takes its name first (`lstm_1`), the wrapper the next (`bidirectional_1`),
    /// and the tensors are `bidirectional_1.forward_lstm_1.kernel`, ….
    func testKerasNamesAndParameterCounts() throws {
        var namer = LayerNamer()
        let model = Sequential(definition: ModelDefinition(inputLength: 10, layers: [
            .embedding(inputDim: 50, outputDim: 100),
            .bidirectional(.lstm(units: 64, returnSequences: true, recurrentActivation: .sigmoid), mergeMode: .concat),
            .lstm(units: 8, returnSequences: false, recurrentActivation: .sigmoid),
        ]), namer: &namer)
        XCTAssertEqual(model.layers.map(\.name), ["embedding_1", "bidirectional_1", "lstm_2"])
        XCTAssertEqual(model.layers[1].fileName, "bidirectional_1/lstm_1")
        // 2 · 4 · 64 · (100 + 64 + 1) = 84,480, as Keras counts Bidirectional(LSTM(64)) on 100 features.
        XCTAssertEqual(try model.parameterCounts()[1], 84_480)
        var rng = RandomGenerator(seed: 1)
        try model.build(inputLength: 10, using: &rng)
        XCTAssertEqual(model.namedParameters.map(\.name).filter { $0.hasPrefix("bidirectional") }, [
            "bidirectional_1.forward_lstm_1.kernel", "bidirectional_1.forward_lstm_1.recurrent_kernel", "bidirectional_1.forward_lstm_1.bias",
            "bidirectional_1.backward_lstm_1.kernel", "bidirectional_1.backward_lstm_1.recurrent_kernel", "bidirectional_1.backward_lstm_1.bias",
        ])
        XCTAssertEqual(model.layers[1].parameters.map(\.value.shape), [[100, 256], [64, 256], [256], [100, 256], [64, 256], [256]])
        XCTAssertEqual(try model.outputShapes(inputLength: 10)[1], [10, 128])
    }

    func testWrapsOnlyRecurrentLayers() {
        XCTAssertThrowsError(try LayerSpec.bidirectional(.dense(units: 3, activation: .linear), mergeMode: .sum).outputShape(input: [4, 2], position: 1)) {
            XCTAssertEqual("\($0)", "bidirectional: wraps lstm, gru or simplernn, not dense")
        }
        XCTAssertEqual(try LayerSpec.bidirectional(.gru(units: 3, returnSequences: false, recurrentActivation: .sigmoid), mergeMode: .sum)
            .outputShape(input: [4, 2], position: 1), [3])
    }
}
