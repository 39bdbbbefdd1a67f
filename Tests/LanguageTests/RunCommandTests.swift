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
              lstm 8 dropout=0.2
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
            \(path):4:10: error: unknown option 'dropout=' for 'lstm' (see 'help lstm')
              lstm 8 dropout=0.2
                     ^

            """)
    }
}
