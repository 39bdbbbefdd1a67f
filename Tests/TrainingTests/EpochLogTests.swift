import Foundation
import Training
import XCTest

/// `log=`: the CSV grows one row per epoch under one header, across `train` calls.
final class EpochLogTests: XCTestCase {
    func testHeaderOnceThenRowsAcrossCalls() throws {
        let path = NSTemporaryDirectory() + "epochlog-\(UUID().uuidString).csv"
        defer { try? FileManager.default.removeItem(atPath: path) }
        var history = History()
        let first = try EpochLog(path: path, columns: ["loss", "lr", "val_loss"])
        try first.write(history.append(train: [MetricValue("loss", 0.5), MetricValue("lr", 0.001)],
                                       validation: [MetricValue("loss", 0.25)], seconds: 1))
        let second = try EpochLog(path: path, columns: ["loss", "lr", "val_loss"])
        try second.write(history.append(train: [MetricValue("loss", .nan), MetricValue("lr", 1e-05)], seconds: 1))
        XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8),
                       "epoch,loss,lr,val_loss\n1,0.5,0.001,0.25\n2,nan,1e-05,\n")
        XCTAssertThrowsError(try EpochLog(path: path, columns: ["loss"])) { error in
            XCTAssertEqual("\(error)", "cannot log to '\(path)': it has the columns epoch,loss,lr,val_loss; this training writes epoch,loss")
        }
    }
}
