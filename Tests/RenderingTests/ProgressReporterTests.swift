import Rendering
import Training
import XCTest

/// The reporter's output on a terminal (throttled `\r` redraws) and elsewhere (final lines only).
final class ProgressReporterTests: XCTestCase {
    /// Collects everything a reporter writes.
    final class Sink: @unchecked Sendable {
        var text = ""
    }

    func drive(terminal: Bool) -> String {
        let sink = Sink()
        var reporter = ProgressReporter(isTerminal: terminal) { sink.text += $0 }
        reporter.epochStarted(3, of: 10, now: 10)
        reporter.batchFinished(seen: 10, total: 100, metrics: [MetricValue("loss", 0.6912)], now: 18)
        reporter.batchFinished(seen: 20, total: 100, metrics: [MetricValue("loss", 0.6)], now: 18.05)
        reporter.batchFinished(seen: 50, total: 100, metrics: [MetricValue("loss", 0.5)], now: 30)
        reporter.batchFinished(seen: 100, total: 100, metrics: [MetricValue("loss", 0.45)], now: 50)
        reporter.epochFinished(total: 100, metrics: [MetricValue("loss", 0.45)],
                               validation: [MetricValue("loss", 0.5)], seconds: 40)
        return sink.text
    }

    func testTerminalRedrawsThrottledAndPadded() {
        // The frame at 18.05 s comes 0.05 s after the previous one and is skipped; the shorter
        // "20s" frame blanks the last character of "1:12".
        XCTAssertEqual(drive(terminal: true), "Epoch 3/10\n"
            + "\r 10/100 [==>...........................] - ETA: 1:12 - loss: 0.6912"
            + "\r 50/100 [==============>...............] - ETA: 20s - loss: 0.5000 "
            + "\r100/100 [==============================] - 40s 400ms/step - loss: 0.4500 - val_loss: 0.5000\n")
    }

    func testNonTerminalWritesOnlyFinalLines() {
        XCTAssertEqual(drive(terminal: false), "Epoch 3/10\n"
            + "100/100 [==============================] - 40s 400ms/step - loss: 0.4500 - val_loss: 0.5000\n")
    }

    func testInterruptedEpochEndsLiveLineAndSaysSo() {
        let sink = Sink()
        var reporter = ProgressReporter(isTerminal: true) { sink.text += $0 }
        reporter.epochStarted(4, of: 10, now: 0)
        reporter.batchFinished(seen: 10, total: 100, metrics: [MetricValue("loss", 0.5)], now: 1)
        reporter.epochInterrupted(epoch: 4, seen: 10, total: 100)
        XCTAssertEqual(sink.text, "Epoch 4/10\n"
            + "\r 10/100 [==>...........................] - ETA: 9s - loss: 0.5000\n"
            + "Epoch 4 interrupted after 10/100; history kept up to epoch 3\n")
    }

    /// Ctrl-C in an epoch's last batch: the epoch finishes and is recorded, so the message
    /// names the next epoch, in agreement with the history (it said "Epoch 4 … kept up to epoch 3").
    func testInterruptAtAnEpochBoundaryNamesTheNextEpoch() {
        let sink = Sink()
        var reporter = ProgressReporter(isTerminal: false) { sink.text += $0 }
        reporter.epochStarted(4, of: 10, now: 0)
        reporter.batchFinished(seen: 100, total: 100, metrics: [MetricValue("loss", 0.5)], now: 1)
        reporter.epochFinished(total: 100, metrics: [MetricValue("loss", 0.5)], validation: [], seconds: 1)
        reporter.epochInterrupted(epoch: 5, seen: 0, total: 100)
        XCTAssertTrue(sink.text.hasSuffix("Epoch 5 interrupted after 0/100; history kept up to epoch 4\n"), sink.text)
    }
}
