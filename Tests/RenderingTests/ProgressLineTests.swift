import Rendering
import Training
import XCTest

/// Golden text for Keras 2 progress lines and their number and time formats.
final class ProgressLineTests: XCTestCase {
    func testFinalLineMatchesKeras() {
        let values = [MetricValue("loss", 0.3348), MetricValue("accuracy", 0.8759),
                      MetricValue("val_loss", 0.2185), MetricValue("val_accuracy", 0.9130)]
        XCTAssertEqual(ProgressLine.final(total: 233068, seconds: 155.7, values: values),
                       "233068/233068 [==============================] - 156s 668us/step - loss: 0.3348 - accuracy: 0.8759 - val_loss: 0.2185 - val_accuracy: 0.9130")
    }

    func testLiveFrames() {
        let values = [MetricValue("loss", 0.6912), MetricValue("accuracy", 0.5203)]
        // 1.72 s for 640 samples ⇒ 24,360 more take 65.5 s.
        XCTAssertEqual(ProgressLine.live(seen: 640, total: 25000, elapsed: 1.72, values: values),
                       "  640/25000 [..............................] - ETA: 1:05 - loss: 0.6912 - accuracy: 0.5203")
        // 30 s for 12,800 ⇒ 12,200 more take 28.6 s.
        XCTAssertEqual(ProgressLine.live(seen: 12800, total: 25000, elapsed: 30, values: values),
                       "12800/25000 [==============>...............] - ETA: 28s - loss: 0.6912 - accuracy: 0.5203")
        // Resumed from a checkpoint at 12,160: 1.72 s for the 640 since ⇒ 12,200 more take 32.8 s.
        XCTAssertEqual(ProgressLine.live(seen: 12800, total: 25000, elapsed: 1.72, values: values, resumedAt: 12160),
                       "12800/25000 [==============>...............] - ETA: 32s - loss: 0.6912 - accuracy: 0.5203")
    }

    func testHeaderAndInterruption() {
        XCTAssertEqual(ProgressLine.epochHeader(epoch: 3, of: 10), "Epoch 3/10")
        XCTAssertEqual(ProgressLine.interrupted(epoch: 3, seen: 640, total: 25000),
                       "Epoch 3 interrupted after 640/25000; history kept up to epoch 2")
    }

    func testTimeFormatsByMagnitude() {
        let cases: [(Double, String)] = [(6.68e-4, "668us/step"), (0.012, "12ms/step"), (1.2, "1s/step"), (0, "0s/step")]
        for (seconds, text) in cases { XCTAssertEqual(KerasFormat.perStep(seconds), text) }
        XCTAssertEqual(KerasFormat.eta(45.9), "45s")
        XCTAssertEqual(KerasFormat.eta(60), "60s")
        XCTAssertEqual(KerasFormat.eta(65.5), "1:05")
        XCTAssertEqual(KerasFormat.eta(3725), "1:02:05")
        XCTAssertEqual(KerasFormat.seconds(155.7), "156s")
    }

    func testMetricFormatSwitchesToExponentForTinyValues() {
        XCTAssertEqual(KerasFormat.metric(0.33481), "0.3348")
        XCTAssertEqual(KerasFormat.metric(1.2345e-5), "1.2345e-05")
        XCTAssertEqual(KerasFormat.metric(0), "0.0000e+00")
        XCTAssertEqual(KerasFormat.metric(.nan), "nan")
    }
}
