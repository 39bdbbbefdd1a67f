@testable import RunStore
import XCTest

/// The TFRecord framing, masked CRC-32C and Event encoding against known vectors.
final class TensorBoardEventsTests: XCTestCase {
    func testCRC32CCheckValue() {
        XCTAssertEqual(CRC32C.checksum(Array("123456789".utf8)), 0xE306_9283)
        XCTAssertEqual(CRC32C.checksum([]), 0)
    }

    /// The bytes the tensorboard package's own `RecordWriter` writes for this event
    /// (`scripts/tensorboard_readback.py --vector`).
    func testScalarEventRecordEqualsTensorBoardsOwnWriter() {
        let event = TensorBoardEvents.scalarEvent(wallTime: 1.5, step: 3, scalars: [("loss", 0.25)])
        let hex = TensorBoardEvents.record(event).map { String(format: "%02x", $0) }.joined()
        XCTAssertEqual(hex, "1a00000000000000129bd82d09000000000000f83f10032a0d0a0b0a046c6f7373150000803ed054b255")
    }

    func testWriterAppendsVersionThenOneRecordPerStep() throws {
        let folder = NSTemporaryDirectory() + "tb-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let writer = try TensorBoardWriter(folder: folder + "/nested", wallTime: 100)
        try writer.write(step: 1, wallTime: 101, scalars: [("loss", 0.5), ("lr", 0.001)])
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: writer.path)))
        let first = TensorBoardEvents.record(TensorBoardEvents.versionEvent(wallTime: 100))
        let second = TensorBoardEvents.record(TensorBoardEvents.scalarEvent(wallTime: 101, step: 1, scalars: [("loss", 0.5), ("lr", 0.001)]))
        XCTAssertEqual(bytes, first + second)
        XCTAssertTrue((writer.path as NSString).lastPathComponent.hasPrefix("events.out.tfevents.100."))
    }
}
