import Foundation
import Training
import XCTest

/// History: continuous epoch numbering, Keras key order, best epoch, JSON round trip.
final class HistoryTests: XCTestCase {
    func makeHistory() -> History {
        var h = History()
        h.append(train: [MetricValue("loss", 0.6), MetricValue("accuracy", 0.7)],
                 validation: [MetricValue("loss", 0.5), MetricValue("accuracy", 0.75)], seconds: 10)
        h.append(train: [MetricValue("loss", 0.4), MetricValue("accuracy", 0.8)],
                 validation: [MetricValue("loss", 0.45), MetricValue("accuracy", 0.8)], seconds: 11)
        return h
    }

    func testEpochsContinueAcrossAppendCalls() {
        var h = makeHistory()
        XCTAssertEqual(h.nextEpoch, 3)
        let third = h.append(train: [MetricValue("loss", 0.3)], validation: [MetricValue("loss", 0.45)], seconds: 9)
        XCTAssertEqual(third.epoch, 3)
        XCTAssertEqual(h.epochs.map(\.epoch), [1, 2, 3])
        XCTAssertEqual(h.trainingSeconds, 30)
        h.addTrainingTime(2.5)
        XCTAssertEqual(h.trainingSeconds, 32.5)
    }

    func testKeysInKerasOrder() {
        var h = History()
        h.append(train: [MetricValue("accuracy", 0.5), MetricValue("loss", 0.7), MetricValue("auc", 0.6)],
                 validation: [MetricValue("auc", 0.6), MetricValue("loss", 0.7), MetricValue("accuracy", 0.5)], seconds: 1)
        XCTAssertEqual(h.keys, ["loss", "accuracy", "auc", "val_loss", "val_accuracy", "val_auc"])
        XCTAssertEqual(makeHistory().keys, ["loss", "accuracy", "val_loss", "val_accuracy"])
    }

    func testLastAndBestValidationLoss() {
        var h = makeHistory()
        h.append(train: [MetricValue("loss", 0.3)], validation: [MetricValue("loss", 0.45)], seconds: 9)
        h.append(train: [MetricValue("loss", 0.2)], seconds: 9)
        XCTAssertEqual(h.last("loss"), 0.2)
        XCTAssertEqual(h.last("val_loss"), 0.45)
        XCTAssertEqual(h.last("val_accuracy"), 0.8)
        XCTAssertNil(h.last("auc"))
        // 0.45 first reached at epoch 2; the tie at epoch 3 does not replace it.
        XCTAssertEqual(h.bestValidationLoss?.epoch, 2)
        XCTAssertEqual(h.bestValidationLoss?.value, 0.45)
        XCTAssertNil(History().bestValidationLoss)
        XCTAssertEqual(h.series("val_loss").map(\.epoch), [1, 2, 3])
    }

    func testBestValidationLossSkipsNaN() {
        var h = History()
        h.append(train: [MetricValue("loss", 1)], validation: [MetricValue("loss", .nan)], seconds: 1)
        h.append(train: [MetricValue("loss", 1)], validation: [MetricValue("loss", 0.9)], seconds: 1)
        XCTAssertEqual(h.bestValidationLoss?.epoch, 2)
    }

    func testJSONRoundTripIncludingNonFiniteValues() throws {
        var h = makeHistory()
        h.append(train: [MetricValue("loss", .nan)], validation: [MetricValue("loss", .infinity)], seconds: 3)
        h.test = TestResult(loss: 0.41, metrics: [MetricValue("accuracy", 0.83)], samples: 2500, epoch: 2)
        let data = try JSONEncoder().encode(h)
        let text = String(decoding: data, as: UTF8.self)
        XCTAssertTrue(text.contains("\"NaN\""), text)
        XCTAssertTrue(text.contains("\"Infinity\""), text)
        let back = try JSONDecoder().decode(History.self, from: data)
        XCTAssertEqual(back.epochs.count, 3)
        XCTAssertTrue(back.epochs[2].value(of: "loss")!.isNaN)
        XCTAssertEqual(back.epochs[2].value(of: "val_loss"), .infinity)
        XCTAssertEqual(back.epochs.prefix(2).map(\.values), h.epochs.prefix(2).map(\.values))
        XCTAssertEqual(back.test, h.test)
        XCTAssertEqual(back.test?.value(of: "accuracy"), 0.83)
        XCTAssertEqual(back.test?.value(of: "loss"), 0.41)
    }

    /// Wall-clock times stay out of the JSON, so identical trainings encode to identical bytes.
    func testEncodingLeavesTimingsOut() throws {
        var slow = History(), fast = History()
        slow.append(train: [MetricValue("loss", 0.5)], seconds: 12.5)
        fast.append(train: [MetricValue("loss", 0.5)], seconds: 0.25)
        fast.addTrainingTime(3)
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        XCTAssertEqual(try encoder.encode(slow), try encoder.encode(fast))
        let back = try JSONDecoder().decode(History.self, from: try JSONEncoder().encode(slow))
        XCTAssertNil(back.epochs[0].seconds)
        XCTAssertEqual(back.trainingSeconds, 0)
        XCTAssertFalse(back.isTimed)
        XCTAssertTrue(slow.isTimed)
    }

    func testDecodingRejectsUnknownValueText() {
        let json = #"{"name":"loss","value":"lots"}"#
        XCTAssertThrowsError(try JSONDecoder().decode(MetricValue.self, from: Data(json.utf8)))
    }
}
