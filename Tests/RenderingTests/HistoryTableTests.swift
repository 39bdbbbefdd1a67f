import Rendering
import Training
import XCTest

/// Golden text for `history MODEL`.
final class HistoryTableTests: XCTestCase {
    func testTableWithValidationAndTest() {
        XCTAssertEqual(HistoryTable.render(Fixtures.lstm, model: "lstm1"), """
            epoch    loss  accuracy  val_loss  val_accuracy  seconds
            -----  ------  --------  --------  ------------  -------
                1  0.6931    0.5012    0.6925        0.5100     12.3
                2  0.4102    0.8207    0.3811        0.8433     11.9
                3  0.2301    0.9125    0.4012        0.8391    131.8
            test after epoch 3: loss 0.3100 - accuracy 0.8712 (2,500 samples)

            """)
    }

    func testMissingValuesShowDash() {
        var h = Fixtures.cnn
        h.append(train: [MetricValue("loss", 0.3)], validation: [MetricValue("loss", 0.4)], seconds: 1)
        XCTAssertEqual(HistoryTable.render(h, model: "cnn"), """
            epoch    loss  accuracy  val_loss  seconds
            -----  ------  --------  --------  -------
                1  0.5500    0.7000         -      4.0
                2  0.3500    0.8500         -      4.5
                3  0.3000         -    0.4000      1.0

            """)
    }

    func testUntrainedModel() {
        XCTAssertEqual(HistoryTable.render(History(), model: "m"), "m has not been trained yet\n")
    }
}
