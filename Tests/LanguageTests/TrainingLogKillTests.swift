import Foundation
import XCTest

/// `train … log="x.csv"` leaves a valid CSV when the process is killed with SIGKILL mid-run.
final class TrainingLogKillTests: XCTestCase {
    /// The debug `lab` binary that `swift build --build-tests` builds.
    var binary: String { RepositoryPaths.root + "/.build/debug/lab" }

    func testLogIsValidCSVAfterKillNine() throws {
        XCTAssertTrue(FileManager.default.isExecutableFile(atPath: binary), "lab is not built at \(binary)")
        let folder = NSTemporaryDirectory() + "killlog-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let log = folder + "/m.csv", script = folder + "/long.exp"
        try (SentenceScript.setup() + """
            train m on s.train val=s.val epochs=100000 batch=50 log="\(log)"

            """).write(toFile: script, atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = ["run", script]
        process.currentDirectoryURL = URL(fileURLWithPath: RepositoryPaths.root)
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()

        // Wait for three finished epochs, then kill somewhere inside a later one.
        let deadline = Date().addingTimeInterval(120)
        func rows() -> Int { ((try? String(contentsOfFile: log, encoding: .utf8)) ?? "").split(separator: "\n").count - 1 }
        while rows() < 3, Date() < deadline, process.isRunning { usleep(20_000) }
        usleep(useconds_t.random(in: 0...30_000))
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        XCTAssertEqual(process.terminationReason, .uncaughtSignal)

        let text = try String(contentsOfFile: log, encoding: .utf8)
        XCTAssertTrue(text.hasSuffix("\n"), "the last row is complete")
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        XCTAssertEqual(lines.first, "epoch,loss,accuracy,val_loss,val_accuracy")
        XCTAssertGreaterThanOrEqual(lines.count - 1, 3)
        for (i, line) in lines.dropFirst().enumerated() {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            XCTAssertEqual(fields.count, 5, String(line))
            XCTAssertEqual(fields.first.flatMap { Int($0) }, i + 1, String(line))
            XCTAssertTrue(fields.dropFirst().allSatisfy { Float($0) != nil }, String(line))
        }
    }
}
