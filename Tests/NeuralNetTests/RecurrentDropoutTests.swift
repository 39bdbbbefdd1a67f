import NeuralNet
import TensorCore
import TestSupport
import XCTest

/// `dropout=` and `recurrent_dropout=` on lstm, gru and simplernn: one input mask
/// and one recurrent mask per sequence, fixed over the steps, training only.
final class RecurrentDropoutTests: XCTestCase {
    /// 33 samples: the batch is cut into two slices (`BatchSlices`) of 16 and 17.
    let n = 33, t = 4, d = 5, u = 4
    let rates = RecurrentDropout(input: 0.4, recurrent: 0.3)

    /// Every sample of a training forward against the reference fed the masks a generator with `seed` yields.
    func checkTrainingForward(_ layer: any Layer, reference: (_ x: RecurrentReference.Matrix, _ mx: [Double]?, _ mr: [Double]?) -> RecurrentReference.Matrix,
                              file: StaticString = #filePath, line: UInt = #line) {
        let x = randomTensor([n, t, d], low: -2, high: 2)
        var rng = RandomGenerator(seed: 17)
        let y = layer.forward(x, training: true, using: &rng).copy()
        let masks = RecurrentReference.masks(seed: 17, n: n, d: d, u: u, rates: rates)
        XCTAssertTrue(masks.input!.joined().contains(0) && masks.recurrent!.joined().contains(0), "the masks drop something", file: file, line: line)
        for s in 0..<n {
            let expected = reference(RecurrentReference.sample(x, s), masks.input?[s], masks.recurrent?[s])
            assertClose((0..<t).flatMap { step in (0..<u).map { y[s, step, $0] } }, expected.flatMap { $0 }.map(Float.init),
                        rtol: 1e-5, atol: 3e-6, "sample \(s)", file: file, line: line)
        }
    }

    func weights(_ layer: any Layer, _ cols: Int) -> (RecurrentReference.Matrix, RecurrentReference.Matrix, [Double]) {
        (RecurrentReference.rows(layer.parameters[0].value, cols: cols), RecurrentReference.rows(layer.parameters[1].value, cols: cols),
         layer.parameters[2].value.values.map(Double.init))
    }

    func testLSTMTrainingForwardMasksInputsAndStateOncePerSequence() {
        let lstm = built(LSTM(u, returnSequences: true, dropout: rates), [t, d])
        let (w, r, b) = weights(lstm, 4 * u)
        checkTrainingForward(lstm) { RecurrentReference.lstm(x: $0, w: w, r: r, b: b, units: u, mx: $1, mr: $2) }
    }

    func testGRUTrainingForwardMasksInputsAndStateOncePerSequence() {
        for resetAfter in [true, false] {
            let gru = built(GRU(u, returnSequences: true, resetAfter: resetAfter, dropout: rates), [t, d])
            gru.parameters[2].value.copy(from: randomTensor(gru.parameters[2].value.shape, seed: 3))
            let (w, r, b) = weights(gru, 3 * u)
            checkTrainingForward(gru) {
                RecurrentReference.gru(x: $0, w: w, r: r, bIn: Array(b[..<(3 * u)]), bRec: resetAfter ? Array(b[(3 * u)...]) : nil,
                                       units: u, mx: $1, mr: $2)
            }
        }
    }

    func testSimpleRNNTrainingForwardMasksInputsAndStateOncePerSequence() {
        let rnn = built(SimpleRNN(u, returnSequences: true, dropout: rates), [t, d])
        let (w, r, b) = weights(rnn, u)
        checkTrainingForward(rnn) { RecurrentReference.simpleRNN(x: $0, w: w, r: r, b: b, mx: $1, mr: $2) }
    }

    /// Inference ignores both rates: the same numbers as the layer without dropout.
    func testInferenceIgnoresDropout() {
        let x = randomTensor([n, t, d])
        let pairs: [(any Layer, any Layer)] = [
            (LSTM(u, dropout: rates), LSTM(u)), (GRU(u, dropout: rates), GRU(u)), (SimpleRNN(u, dropout: rates), SimpleRNN(u)),
        ]
        for (with, without) in pairs {
            _ = built(with, [t, d]); _ = built(without, [t, d])
            var r1 = RandomGenerator(seed: 1), r2 = RandomGenerator(seed: 1)
            XCTAssertEqual(with.forward(x, training: false, using: &r1).values, without.forward(x, training: false, using: &r2).values)
            XCTAssertEqual(r1, RandomGenerator(seed: 1), "inference draws nothing")
        }
    }

    /// Input dropout alone keeps the fast LSTM recurrence: the same numbers as an LSTM fed x ⊙ mask.
    func testLSTMInputDropoutAloneFeedsTheFastRecurrenceMaskedInputs() {
        let lstm = built(LSTM(u, dropout: RecurrentDropout(input: 0.5)), [t, d]), plain = built(LSTM(u), [t, d])
        let x = randomTensor([n, t, d])
        var rng = RandomGenerator(seed: 17)
        let y = lstm.forward(x, training: true, using: &rng).copy()
        let mask = RecurrentReference.masks(seed: 17, n: n, d: d, u: u, rates: RecurrentDropout(input: 0.5)).input!
        let masked = Tensor(shape: x.shape, values: (0..<x.count).map { x.data[$0] * Float(mask[$0 / (t * d)][$0 % d]) })
        XCTAssertEqual(y.values, plain.forward(masked, training: true, using: &rng).values)
    }

    /// Tolerance: rtol 2e-2, atol 2e-3; each forward of the check reseeds, so the masks repeat.
    func testGradientsWithBothMasks() {
        checkLayerGradients(built(LSTM(u, returnSequences: true, dropout: rates), [t, d]), input: randomTensor([n, t, d]))
        checkLayerGradients(built(LSTM(u, dropout: RecurrentDropout(input: 0.3)), [t, d]), input: randomTensor([n, t, d]))
        checkLayerGradients(built(GRU(u, dropout: rates), [t, d]), input: randomTensor([n, t, d]))
        checkLayerGradients(built(GRU(u, returnSequences: true, resetAfter: false, dropout: rates), [t, d]), input: randomTensor([n, t, d]))
        checkLayerGradients(built(SimpleRNN(u, dropout: rates), [t, d]), input: randomTensor([n, t, d]))
    }

    func testRatesOutsideTheRangeAreModelErrors() {
        let spec = LayerSpec.gru(units: 4, returnSequences: false, recurrentActivation: .sigmoid, dropout: RecurrentDropout(recurrent: 1))
        XCTAssertThrowsError(try spec.outputShape(input: [3, 2], position: 2)) {
            XCTAssertEqual("\($0)", "gru: recurrent_dropout must be in [0, 1), got 1.0")
        }
    }
}
