import Foundation
import TensorCore
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

    func testMissingFoldersAreCreated() throws {
        let path = folder + "/runs/deep/h.csv"
        try AtomicFile.write("x", to: path)
        XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8), "x")
    }

    func testUncreatableFileIsTypedError() throws {
        let blocker = folder + "/file"
        try AtomicFile.write("not a folder", to: blocker)
        let path = blocker + "/h.csv"
        XCTAssertThrowsError(try AtomicFile.write("x", to: path)) { error in
            guard case let FileWriteError.cannotCreate(errorPath, reason)? = error as? FileWriteError else {
                return XCTFail("unexpected \(error)")
            }
            XCTAssertEqual(errorPath, path)
            XCTAssertEqual((error as! FileWriteError).description, "cannot create '\(path)': \(reason)")
        }
    }

    /// A crash after the new data is flushed but before the rename keeps the old file whole.
    func testFailureBeforeRenameKeepsOldFile() throws {
        struct Crash: Error {}
        let path = folder + "/model.safetensors"
        try AtomicFile.write("version 1", to: path)
        XCTAssertThrowsError(try AtomicFile.write(to: path, beforeRename: { throw Crash() }) { try $0.write(Array("version 2".utf8)) })
        XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8), "version 1")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder), ["model.safetensors"])
    }

    func testReplacingAFolderFailsAndCleansUp() throws {
        let path = folder + "/taken"
        try FileManager.default.createDirectory(atPath: path + "/inner", withIntermediateDirectories: true)
        XCTAssertThrowsError(try AtomicFile.write("x", to: path)) { error in
            XCTAssertEqual(error as? FileWriteError, .notRegular(path: path, kind: "a folder"))
        }
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder), ["taken"])
    }
}
