import NeuralNet
import TensorCore
import XCTest

/// The new recurrent and dropout layers give the same bits at 1 and 2 threads
/// (batches large enough that the GEMMs are cut into blocks).
final class RecurrentDeterminismTests: XCTestCase {
    func run(_ spec: LayerSpec, threads: Int) -> [Float] {
        Parallel.setThreads(threads)
        let layer = makeLayer(spec)
        var rng = RandomGenerator(seed: 3)
        try? layer.build(inputShape: [20, 32], using: &rng)
        let y = layer.forward(randomTensor([32, 20, 32]), training: true, using: &rng)
        let dx = layer.backward(randomTensor(y.shape, seed: 8))
        return y.values + dx.values + layer.parameters.flatMap { p -> [Float] in
            guard case let .dense(g) = p.gradient else { return [] }
            return g.values
        }
    }

    func testSameBitsAtOneAndTwoThreads() {
        defer { Parallel.setThreads(2) }
        let rates = RecurrentDropout(input: 0.2, recurrent: 0.3)
        let specs: [LayerSpec] = [
            .gru(units: 48, returnSequences: true, recurrentActivation: .sigmoid, dropout: rates),
            .gru(units: 48, returnSequences: false, recurrentActivation: .sigmoid, resetAfter: false),
            .simpleRNN(units: 48, returnSequences: true, dropout: rates),
            .lstm(units: 48, returnSequences: true, recurrentActivation: .sigmoid, dropout: rates),
            .bidirectional(.lstm(units: 48, returnSequences: false, recurrentActivation: .sigmoid), mergeMode: .concat),
            .spatialDropout1D(rate: 0.3),
        ]
        for spec in specs {
            let one = run(spec, threads: 1), two = run(spec, threads: 2)
            XCTAssertTrue(one == two, "\(spec.keyword) differs between 1 and 2 threads")
        }
    }
}
