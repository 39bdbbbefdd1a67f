import LabData
import NeuralNet
import TensorCore
import Training
import XCTest

/// Early stopping, ReduceLROnPlateau and the monitor on scripted histories (no training),
/// with the epoch sequences Keras 2's callbacks produce on the same values.
final class TrainingCallbackTests: XCTestCase {
    /// Runs early stopping over `values` (epochs 1, 2, …) and returns (stop epoch, best epoch).
    func stopEpoch(_ values: [Float], _ monitor: Monitor, patience: Int) -> (stop: Int?, best: Int) {
        var early = EarlyStopping(monitor: monitor, patience: patience)
        for (i, value) in values.enumerated() where early.update(epoch: i + 1, value: value).stop {
            return (i + 1, early.bestEpoch)
        }
        return (nil, early.bestEpoch)
    }

    func testAutoModeFollowsKerasNames() {
        XCTAssertEqual(Monitor("val_loss").mode, .min)
        XCTAssertEqual(Monitor("loss").mode, .min)
        XCTAssertEqual(Monitor("lr").mode, .min)
        for column in ["val_accuracy", "accuracy", "val_auc", "precision", "val_recall", "f1", "val_binary_accuracy"] {
            XCTAssertEqual(Monitor(column).mode, .max, column)
        }
        XCTAssertEqual(Monitor("val_auc", mode: .min).mode, .min)
    }

    func testMinDeltaMustBeExceeded() {
        let min = Monitor("val_loss", minDelta: 0.01)
        XCTAssertTrue(min.improves(0.489, on: 0.5))
        XCTAssertFalse(min.improves(0.4905, on: 0.5))
        let max = Monitor("val_auc", minDelta: 0.001)
        XCTAssertTrue(max.improves(0.9015, on: 0.9))
        XCTAssertFalse(max.improves(0.9005, on: 0.9))
        XCTAssertFalse(max.improves(.nan, on: 0.9))
    }

    func testEarlyStoppingOnValLossStopsAfterPatienceEpochs() {
        // Best at epoch 3; epochs 4 and 5 do not improve; patience 2 stops at 5.
        let result = stopEpoch([0.9, 0.7, 0.6, 0.65, 0.61, 0.5], Monitor(), patience: 2)
        XCTAssertEqual(result.stop, 5)
        XCTAssertEqual(result.best, 3)
    }

    func testEarlyStoppingOnAUCMaximises() {
        // An improvement at epoch 4 resets the wait; 5, 6, 7 do not improve: patience 3 stops at 7.
        let result = stopEpoch([0.70, 0.80, 0.79, 0.85, 0.84, 0.85, 0.80, 0.9], Monitor("val_auc"), patience: 3)
        XCTAssertEqual(result.stop, 7)
        XCTAssertEqual(result.best, 4)
    }

    func testEarlyStoppingWithMinDeltaIgnoresSmallGains() {
        // 0.795 → 0.7945 is a gain of 0.0005 < min_delta 0.001: not an improvement.
        let result = stopEpoch([0.8, 0.795, 0.7945, 0.7941, 0.5], Monitor("val_loss", minDelta: 0.001), patience: 2)
        XCTAssertEqual(result.stop, 4)
        XCTAssertEqual(result.best, 2)
    }

    func testEarlyStoppingNeverStopsWhileImproving() {
        XCTAssertNil(stopEpoch([5, 4, 3, 2, 1], Monitor(), patience: 1).stop)
        // patience=0: the first epoch that does not improve stops (Keras 2.3).
        let zero = stopEpoch([5, 4, 4, 1], Monitor(), patience: 0)
        XCTAssertEqual(zero.stop, 3)
        XCTAssertEqual(zero.best, 2)
    }

    func testReduceLROnPlateauSequence() {
        // Keras ReduceLROnPlateau(factor=0.5, patience=2, min_lr=0.0002, cooldown=0) from lr 0.001.
        var plateau = PlateauReduction(monitor: Monitor(), factor: 0.5, patience: 2, minimum: 0.0002)
        var rate: Float = 0.001
        var reductions: [(epoch: Int, rate: Float)] = []
        let values: [Float] = [1.0, 0.9, 0.95, 0.92, 0.91, 0.85, 0.86, 0.87, 0.88, 0.89, 0.9, 0.91]
        for (i, value) in values.enumerated() {
            if let reduced = plateau.update(value: value, rate: rate) {
                rate = reduced
                reductions.append((i + 1, reduced))
            }
        }
        // Epochs 3-4 do not improve on 0.9 → halve after 4; 5 improves no more → wait 1; 6 improves;
        // 7-8 → halve after 8 (0.00025); 9-10 → after 10 to the floor 0.0002; 11-12 → already at the floor.
        XCTAssertEqual(reductions.map(\.epoch), [4, 8, 10])
        XCTAssertEqual(reductions.map(\.rate), [0.0005, 0.00025, 0.0002])
    }

    func testClassWeightsBalancedIsScikitLearnsFormula() {
        // 6 rows: four of class 0, two of class 1 → 6/(2·4) = 0.75 and 6/(2·2) = 1.5.
        let weights = ClassWeights.balanced(labels: [0, 0, 1, 0, 1, 0])
        XCTAssertEqual(weights.weights, [0: 0.75, 1: 1.5])
        // Three classes 1, 1, 1, 2, 3 → 5/(3·3), 5/3, 5/3.
        let three = ClassWeights.balanced(labels: [1, 1, 1, 2, 3])
        XCTAssertEqual(three.weights[1]!, 5.0 / 9, accuracy: 1e-7)
        XCTAssertEqual(three.weights[2]!, 5.0 / 3, accuracy: 1e-7)
    }

    func testSampleWeightsReadEveryTargetLayout() {
        let weights = ClassWeights([0: 1, 1: 3, 2: 0.5])
        XCTAssertEqual(try weights.sampleWeights(for: Tensor(shape: [3, 1], values: [1, 0, 1])), [3, 1, 3])
        XCTAssertEqual(try weights.sampleWeights(for: Tensor(shape: [3], values: [2, 1, 0])), [0.5, 3, 1])
        XCTAssertEqual(try weights.sampleWeights(for: Tensor(shape: [2, 3], values: [0, 0, 1, 0, 1, 0])), [0.5, 3])
        XCTAssertThrowsError(try weights.sampleWeights(for: Tensor(shape: [2], values: [1, 7]))) { error in
            XCTAssertEqual("\(error)", "class_weight= gives no weight for class 7, which the training data holds "
                           + "(weights are given for 0, 1, 2); give every class a weight, as Keras requires")
        }
    }

    func testValidationSplitTakesTheLastRows() throws {
        let x = Tensor(shape: [10, 2], values: (0..<20).map(Float.init))
        let data = Dataset(source: "d", texts: nil, labels: (0..<10).map { "\($0 % 2)" }, lines: Array(1...10),
                           labelMapping: LabelMapping(kind: .binary, classNames: ["0", "1"], table: ["0": 0, "1": 1]),
                           targets: Tensor(shape: [10, 1], values: (0..<10).map { Float($0 % 2) }), inputs: x)
        // Keras: split_at = int(10 · (1 − 0.25)) = 7.
        let (train, validation) = try Trainer.validationSplit(data, named: "d", fraction: 0.25)
        XCTAssertEqual(train.lines, Array(1...7))
        XCTAssertEqual(validation.lines, [8, 9, 10])
        XCTAssertEqual(validation.inputs?.values, [14, 15, 16, 17, 18, 19])
        XCTAssertEqual(try Trainer.validationSplit(data, named: "d", fraction: 0.01).validation.lines, [10])
        XCTAssertThrowsError(try Trainer.validationSplit(data, named: "d", fraction: 0.95)) { error in
            XCTAssertEqual("\(error)", "validation_split=0.95 leaves no training rows of the 10 in d")
        }
    }
}
