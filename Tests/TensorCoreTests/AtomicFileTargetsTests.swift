import Foundation
import TensorCore
import XCTest

/// What atomic writes do with what is already at the path: symlinks are written through,
/// devices, pipes and folders are refused, and temporaries of dead processes are cleaned (issue 17).
final class AtomicFileTargetsTests: XCTestCase {
    var folder = ""

    override func setUpWithError() throws {
        folder = NSTemporaryDirectory() + "atomic-targets-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try FileManager.default.removeItem(atPath: folder) }

    func testASymlinkIsWrittenThroughAndStaysALink() throws {
        try FileManager.default.createDirectory(atPath: folder + "/real", withIntermediateDirectories: true)
        try "old".write(toFile: folder + "/real/h.csv", atomically: false, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: folder + "/link.csv", withDestinationPath: "real/h.csv")
        try AtomicFile.write("new", to: folder + "/link.csv")
        XCTAssertEqual(try FileManager.default.destinationOfSymbolicLink(atPath: folder + "/link.csv"), "real/h.csv")
        XCTAssertEqual(try String(contentsOfFile: folder + "/real/h.csv", encoding: .utf8), "new")
    }

    func testDevicesPipesAndFoldersAreRefusedAndKept() throws {
        XCTAssertThrowsError(try AtomicFile.write("x", to: "/dev/null")) { error in
            XCTAssertEqual(error as? FileWriteError, .notRegular(path: "/dev/null", kind: "a character device"))
            XCTAssertEqual(String(describing: error), "cannot write '/dev/null': it is a character device, not a regular file")
        }
        XCTAssertEqual(FileKind.of("/dev/null"), .other("a character device"))
        let pipe = folder + "/p"
        XCTAssertEqual(mkfifo(pipe, 0o600), 0)
        XCTAssertThrowsError(try AtomicFile.write("x", to: pipe)) { error in
            XCTAssertEqual(error as? FileWriteError, .notRegular(path: pipe, kind: "a named pipe"))
        }
        XCTAssertEqual(FileKind.of(pipe), .other("a named pipe"))
        try FileManager.default.createSymbolicLink(atPath: folder + "/to-null", withDestinationPath: "/dev/null")
        XCTAssertThrowsError(try AtomicFile.write("x", to: folder + "/to-null"))
        XCTAssertThrowsError(try AtomicFile.write("x", to: folder))
    }

    func testTemporariesOfDeadProcessesAreRemovedOnTheNextWrite() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/true")
        try process.run()
        process.waitUntilExit()
        let dead = process.processIdentifier
        let stale = folder + "/.m.safetensors.tmp-\(dead)-12345"
        let live = folder + "/.m.safetensors.tmp-\(getppid())-777"
        let unrelated = folder + "/.notes.tmp-abc"
        for path in [stale, live, unrelated] { try "partial".write(toFile: path, atomically: false, encoding: .utf8) }
        try AtomicFile.write("x", to: folder + "/other.csv")
        XCTAssertFalse(FileManager.default.fileExists(atPath: stale))
        XCTAssertTrue(FileManager.default.fileExists(atPath: live))
        XCTAssertTrue(FileManager.default.fileExists(atPath: unrelated))
    }
}
