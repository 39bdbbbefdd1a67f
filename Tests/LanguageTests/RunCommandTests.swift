import Foundation
import XCTest

/// `lab run FILE.exp` as a process: where its diagnostics go and how it stops.
final class RunCommandTests: XCTestCase {
    override func setUpWithError() throws {
        XCTAssertTrue(FileManager.default.isExecutableFile(atPath: LabProcess.binary), "lab is not built at \(LabProcess.binary)")
    }

    /// Every syntax error of a script goes to standard error, in source order; nothing runs.
    func testDiagnosticsGoToStandardErrorInOrder() throws {
        let path = try LabProcess.script("echo \"first\"\nmodel m\n  embedding 10 2\nend\nbogus x\nmodel\n")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let run = try LabProcess.pipe("", arguments: ["run", path])
        XCTAssertEqual(run.status, 1)
        XCTAssertEqual(run.output, "")
        XCTAssertEqual(run.errors, """
            \(path):5:1: error: unknown command 'bogus' (type 'help' for the list)
            bogus x
            ^
            \(path):6:6: error: expected a model name after 'model' (see 'help model')
            model
                 ^

            """)
    }

    /// A rejected line inside a model block stops the script there: no model is defined
    /// from the remaining lines, nothing runs, and the error names the line.
    func testErrorInsideAModelBlockStopsTheScript() throws {
        let path = try LabProcess.script("""
            echo "start"
            model g
              embedding 100 8
              lstm 8 zoneout=0.2
              globalaveragepool1d
              dense 1 sigmoid
            end
            summary g

            """)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let run = try LabProcess.pipe("", arguments: ["run", path])
        XCTAssertEqual(run.status, 1)
        XCTAssertEqual(run.output, "")
        XCTAssertEqual(run.errors, """
            \(path):4:10: error: unknown option 'zoneout=' for 'lstm' (see 'help lstm')
              lstm 8 zoneout=0.2
                     ^

            """)
    }

    /// Ctrl-C during a long `evaluate` in `lab run` stops the script there with a located error
    /// (and a non-zero status) instead of being ignored until the evaluation ends.
    func testCtrlCDuringEvaluateStopsWithALocatedError() throws {
        let data = NSTemporaryDirectory() + "rows-\(UUID().uuidString).txt"
        defer { try? FileManager.default.removeItem(atPath: data) }
        let rows = (0..<100_000).map { "__label__\($0 % 2 + 1) good movie bad plot great acting number \($0 % 97)\n" }
        try rows.joined().write(toFile: data, atomically: false, encoding: .utf8)
        let path = try LabProcess.script("""
            seed 1
            load b from "\(data)"
            split b train=0.01 test=0.99
            tokenize b words=100 maxlen=20
            model m
              embedding 100 8
              lstm 8
              dense 1 sigmoid
            end
            train m on b.train epochs=1 batch=100
            echo "evaluating"
            evaluate m on b.test batch=1
            echo "not reached"

            """)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: LabProcess.binary)
        process.arguments = ["run", path]
        process.currentDirectoryURL = URL(fileURLWithPath: RepositoryPaths.root)
        process.environment = ProcessInfo.processInfo.environment.merging(["LAB_STORE": "off"]) { $1 }
        let stdout = Pipe(), stderr = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        var output = ""
        while !output.contains("evaluating\n") {
            let chunk = stdout.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            output += String(decoding: chunk, as: UTF8.self)
        }
        Thread.sleep(forTimeInterval: 0.3)
        process.interrupt()
        output += String(decoding: stdout.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let errors = String(decoding: stderr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 1, errors)
        XCTAssertFalse(output.contains("not reached"), output)
        XCTAssertTrue(errors.hasPrefix("\(path):12:1: error: stopped by Ctrl-C after "), errors)
        XCTAssertTrue(errors.hasSuffix(" of 99000 rows; nothing was recorded or written\nevaluate m on b.test batch=1\n^\n"), errors)
    }
}
