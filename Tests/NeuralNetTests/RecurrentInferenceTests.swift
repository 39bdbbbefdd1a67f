import NeuralNet
import TensorCore
import TestSupport
import XCTest

/// The fused inference forward (`training: false`, `RecurrentPanels`) of LSTM, CuDNNLSTM
/// and GRU against their training forward (the naive twin: BLAS GEMMs per step and
/// separate gate passes), and its independence from the batch cut.
final class RecurrentInferenceTests: XCTestCase {
    /// (samples, steps, inputs, units): full and partial panels of 8 units, tiles of 3 rows with
    /// tails of 1 and 2, one and two batch slices, the seed's 32 → 100 and a 256-unit layer.
    let sizes: [(n: Int, t: Int, d: Int, u: Int)] = [(1, 1, 1, 1), (5, 6, 9, 13), (40, 7, 32, 100), (33, 5, 17, 24), (16, 3, 64, 256)]

    /// Every size, both output forms and both gate activations of the layer `make` builds
    /// (units, return sequences, gate), its bias set to random values.
    func checkInferenceIsTheTrainingForward(_ make: (Int, Bool, RecurrentActivation) -> any Layer) {
        for (n, t, d, u) in sizes {
            for sequences in [false, true] {
                for gate in [RecurrentActivation.sigmoid, .hardSigmoid] {
                    let layer = built(make(u, sequences, gate), [t, d])
                    layer.parameters[2].value.copy(from: randomTensor(layer.parameters[2].value.shape, seed: 21))
                    let x = randomTensor([n, t, d], low: -2, high: 2)
                    var rng = RandomGenerator(seed: 1)
                    let inference = layer.forward(x, training: false, using: &rng).copy()
                    let training = layer.forward(x, training: true, using: &rng)
                    assertClose(inference, training, rtol: 1e-5, atol: 1e-6,
                                "\(layer.name) n \(n) t \(t) d \(d) u \(u) sequences \(sequences) \(gate)")
                }
            }
        }
    }

    func testLSTMInferenceIsTheTrainingForwardUpToSummationOrder() {
        checkInferenceIsTheTrainingForward { LSTM($0, returnSequences: $1, recurrentActivation: $2) }
    }

    func testGRUInferenceIsTheTrainingForwardUpToSummationOrder() {
        checkInferenceIsTheTrainingForward { GRU($0, returnSequences: $1, recurrentActivation: $2) }
    }

    func testCuDNNLSTMInferenceIsItsTrainingForward() {
        let cudnn = built(CuDNNLSTM(20, returnSequences: true), [6, 11])
        cudnn.parameters[2].value.copy(from: randomTensor([160], seed: 4))
        let x = randomTensor([9, 6, 11])
        var rng = RandomGenerator(seed: 1)
        let inference = cudnn.forward(x, training: false, using: &rng).copy()
        assertClose(inference, cudnn.forward(x, training: true, using: &rng), rtol: 1e-5, atol: 1e-6)
    }

    /// A sample's output has the same bits alone, in a batch of 37, and at 1 or 2 threads:
    /// every row's sum runs in the same order whatever tile and slice it falls in.
    func testASampleHasTheSameBitsAloneInABatchAndAtAnyThreadCount() {
        defer { Parallel.setThreads(2) }
        let layers: [any Layer] = [built(LSTM(21, returnSequences: true), [5, 10]), built(GRU(21, returnSequences: true), [5, 10])]
        let x = randomTensor([37, 5, 10], low: -2, high: 2)
        var rng = RandomGenerator(seed: 1)
        for layer in layers {
            Parallel.setThreads(2)
            let batch = layer.forward(x, training: false, using: &rng).copy()
            Parallel.setThreads(1)
            XCTAssertEqual(layer.forward(x, training: false, using: &rng).values, batch.values, layer.name)
            let per = 5 * 21
            for s in [0, 17, 36] {
                let one = Tensor(shape: [1, 5, 10], values: Array(x.values[(s * 50)..<((s + 1) * 50)]))
                XCTAssertEqual(layer.forward(one, training: false, using: &rng).values, Array(batch.values[(s * per)..<((s + 1) * per)]),
                               "\(layer.name) sample \(s)")
            }
        }
    }
}
