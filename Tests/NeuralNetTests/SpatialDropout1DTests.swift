import NeuralNet
import TensorCore
import TestSupport
import XCTest

final class SpatialDropout1DTests: XCTestCase {
    /// Each sample's channel is kept or dropped for all steps at once, scaled by 1 / (1 − rate).
    func testDropsWholeChannelsPerSample() {
        let layer = built(SpatialDropout1D(0.5), [6, 20])
        let x = randomTensor([4, 6, 20], low: 0.5, high: 1)
        var rng = RandomGenerator(seed: 2)
        let y = layer.forward(x, training: true, using: &rng)
        var dropped = 0
        for s in 0..<4 {
            for c in 0..<20 {
                let ratios = (0..<6).map { y[s, $0, c] / x[s, $0, c] }
                XCTAssertTrue(ratios.allSatisfy { $0 == 0 } || ratios.allSatisfy { abs($0 - 2) < 1e-6 }, "sample \(s) channel \(c): \(ratios)")
                if ratios[0] == 0 { dropped += 1 }
            }
        }
        XCTAssertTrue(dropped > 15 && dropped < 65, "\(dropped) of 80 channels dropped")
        var again = RandomGenerator(seed: 2)
        let replay = built(SpatialDropout1D(0.5), [6, 20]).forward(x, training: true, using: &again)
        XCTAssertEqual(replay.values, y.values, "a seed replays the mask")
    }

    func testInferencePassesThrough() {
        let layer = built(SpatialDropout1D(0.5), [3, 2])
        let x = randomTensor([2, 3, 2])
        var rng = RandomGenerator(seed: 2)
        XCTAssertTrue(layer.forward(x, training: false, using: &rng) === x)
    }

    /// Tolerance: rtol 2e-2, atol 2e-3 (the layer is linear given its mask).
    func testGradients() {
        checkLayerGradients(built(SpatialDropout1D(0.3), [4, 5]), input: randomTensor([3, 4, 5]))
    }

    func testNeedsASequenceOfChannels() {
        XCTAssertThrowsError(try LayerSpec.spatialDropout1D(rate: 0.2).outputShape(input: [10], position: 0)) {
            XCTAssertEqual("\($0)", "spatialdropout1d expects (batch, steps, features) but gets (batch, 10)")
        }
    }
}
