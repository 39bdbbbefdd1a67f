import Foundation
import Rendering
import XCTest

/// Atomic writes: content lands whole, old files are replaced, failures are typed and leave no debris.
final class AtomicFileTests: XCTestCase {
    var folder = ""

    override func setUpWithError() throws {
        folder = NSTemporaryDirectory() + "atomic-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try FileManager.default.removeItem(atPath: folder)
    }

    func testWritesAndReplaces() throws {
        let path = folder + "/h.csv"
        try AtomicFile.write("old\n", to: path)
        try AtomicFile.write("epoch,loss\n1,0.5\n", to: path)
        XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8), "epoch,loss\n1,0.5\n")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder), ["h.csv"])
    }

    func testMissingFolderIsTypedError() {
        let path = folder + "/missing/h.csv"
        XCTAssertThrowsError(try AtomicFile.write("x", to: path)) { error in
            guard case let FileWriteError.cannotCreate(errorPath, reason)? = error as? FileWriteError else {
                return XCTFail("unexpected \(error)")
            }
            XCTAssertEqual(errorPath, path)
            XCTAssertEqual((error as! FileWriteError).description, "cannot create '\(path)': \(reason)")
        }
    }

    func testReplacingAFolderFailsAndCleansUp() throws {
        let path = folder + "/taken"
        try FileManager.default.createDirectory(atPath: path + "/inner", withIntermediateDirectories: true)
        XCTAssertThrowsError(try AtomicFile.write("x", to: path)) { error in
            guard case FileWriteError.cannotReplace? = error as? FileWriteError else { return XCTFail("unexpected \(error)") }
        }
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder), ["taken"])
    }
}
