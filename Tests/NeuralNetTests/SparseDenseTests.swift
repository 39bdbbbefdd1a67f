import NeuralNet
import TensorCore
import TestSupport
import XCTest

/// A first `dense` layer on sparse CSR rows: the same outputs and weight gradients as on the
/// densified rows (the naive twin), finite-difference checked, and no input gradient formed.
final class SparseDenseTests: XCTestCase {
    /// 7 rows × 40 columns, about one value in five set, one row empty.
    private func rows() -> SparseRows {
        var rng = RandomGenerator(seed: 21)
        var x = SparseRows(columnCount: 40)
        for r in 0..<7 {
            let cols = r == 3 ? [] : rng.permutation(40).prefix(8).sorted()
            x.append(row: cols.map { (Int32($0), Float($0 % 5) * 0.3 - 0.5) })
        }
        return x
    }

    func testSparseForwardAndWeightGradientsEqualTheDenseOnes() {
        let x = rows()
        let sparse = built(Dense(5, activation: .tanh), [40]), dense = built(Dense(5, activation: .tanh), [40])
        var rng = RandomGenerator(seed: 1)
        let ys = sparse.forward(sparse: x, training: true).copy()
        let yd = dense.forward(x.densified(), training: true, using: &rng).copy()
        XCTAssertEqual(ys.shape, [7, 5])
        for i in 0..<ys.count { XCTAssertEqual(ys.data[i], yd.data[i], accuracy: 1e-6) }
        let dy = Tensor(shape: [7, 5], values: GradientCheck.weights(count: 35).values)
        let dx = sparse.backward(dy)
        XCTAssertEqual(dx.count, 0, "no input gradient after sparse rows")
        _ = dense.backward(dy)
        for (a, b) in zip(sparse.parameters, dense.parameters) {
            guard case .dense(let ga) = a.gradient, case .dense(let gb) = b.gradient else { return XCTFail("dense gradients") }
            for i in 0..<ga.count { XCTAssertEqual(ga.data[i], gb.data[i], accuracy: 1e-6, "\(a.name)[\(i)]") }
        }
    }

    func testSparseWeightGradientsPassAFiniteDifferenceCheck() {
        let x = rows()
        let layer = built(Dense(3, activation: .sigmoid), [40])
        let y = layer.forward(sparse: x, training: true)
        let w = GradientCheck.weights(count: y.count)
        for p in layer.parameters { p.zeroGradient() }
        _ = layer.backward(Tensor(shape: y.shape, values: w.values))
        let grads: [Tensor] = layer.parameters.map { if case .dense(let g) = $0.gradient { g.copy() } else { Tensor(shape: [0]) } }
        for (p, g) in zip(layer.parameters, grads) {
            GradientCheck.check("dense.\(p.name)", x: p.value, analytic: g, samples: 120) {
                GradientCheck.weightedSum(layer.forward(sparse: x, training: true), w)
            }
        }
    }

    func testNetworksTrainOnSparseRowsAsOnDenseOnes() {
        let x = rows()
        let y = Tensor(shape: [7, 1], values: [1, 0, 1, 1, 0, 0, 1])
        for layers in [{ [Dense(1, activation: .sigmoid)] as [any Layer] },
                       { [Dense(6, activation: .relu), Dense(3, activation: .tanh), Dense(1, activation: .sigmoid)] }] {
            var losses: [[Double]] = []
            for input in [ModelInput.sparse(x), .dense(x.densified())] {
                let model = Sequential(layers())
                var rng = RandomGenerator(seed: 4)
                XCTAssertNoThrow(try model.build(inputLength: 40, using: &rng))
                model.compile(loss: .binaryCrossentropy)
                XCTAssertNoThrow(try model.checkBatch(input, y: y))
                losses.append((0..<5).map { _ in model.trainStep(input, y: y, using: &rng) })
            }
            for (a, b) in zip(losses[0], losses[1]) { XCTAssertEqual(a, b, accuracy: 1e-6) }
            XCTAssertLessThan(losses[0][4], losses[0][0])
        }
    }

    func testSparseRowsNeedADenseFirstLayerOfTheirWidth() {
        let model = Sequential([Dense(2, activation: .relu), Dense(1, activation: .sigmoid)])
        var rng = RandomGenerator(seed: 4)
        XCTAssertNoThrow(try model.build(inputLength: 39, using: &rng))
        XCTAssertThrowsError(try model.checkBatch(.sparse(rows()), y: nil))
    }

    func testGatherAndAppendKeepRows() {
        let x = rows()
        let g = x.gather([6, 0, 3])
        XCTAssertEqual(g.rowCount, 3)
        XCTAssertEqual(g.row(0).map(\.column), x.row(6).map(\.column))
        XCTAssertEqual(g.row(2).count, 0)
        var both = x.gather([0])
        both.append(rowsOf: x.gather([1]))
        XCTAssertEqual(both, x.gather([0, 1]))
    }
}
