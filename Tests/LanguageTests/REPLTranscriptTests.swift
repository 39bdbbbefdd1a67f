import Foundation
import XCTest

/// The `lab` REPL driven through a pseudo-terminal, as a person would use it:
/// prompts, a model block across lines, an error that keeps the session, and
/// Ctrl-D to leave. Also the same statements piped in without a terminal.
final class REPLTranscriptTests: XCTestCase {
    override func setUpWithError() throws {
        XCTAssertTrue(FileManager.default.isExecutableFile(atPath: LabProcess.binary), "lab is not built at \(LabProcess.binary)")
    }

    func testSessionThroughAPseudoTerminal() throws {
        let home = NSTemporaryDirectory() + "repl-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: home) }
        let (process, terminal) = try LabProcess.startOnTerminal(home: home)
        var screen = ""
        let steps: [(String, String)] = [
            ("seed 1\n", "lab> "),
            ("model m\n", "...> "),
            ("  embedding 100 8\n", "...> "),
            ("  lstn 4\n", "did you mean 'lstm'?"),
            ("  lstm 4\n", "...> "),
            ("  dense 1 sigmoid\n", "...> "),
            ("end\n", "m: 3 layers"),
            ("summary m\n", "Total params: 1,013"),
            ("list\n", "model m: 3 layers, 1,013 params, untrained"),
        ]
        LabProcess.read(terminal, until: "lab> ", into: &screen)
        for (line, expected) in steps {
            terminal.write(Data(line.utf8))
            LabProcess.read(terminal, until: expected, count: screen.components(separatedBy: expected).count, into: &screen)
            XCTAssertTrue(screen.contains(expected), "after \(line.debugDescription) expected \(expected.debugDescription) in:\n\(screen)")
        }
        // A person presses Ctrl-D at the prompt; before readline is back, the
        // terminal is in line mode and would swallow the end-of-file mark.
        LabProcess.read(terminal, into: &screen) { $0.hasSuffix("lab> ") }
        terminal.write(Data([4]))   // Ctrl-D on an empty line
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0)
        XCTAssertTrue(screen.hasPrefix("lab "), screen)
        let history = try String(contentsOfFile: home + "/.lab_history", encoding: .utf8)
        XCTAssertTrue(history.contains("summary m"), history)
    }

    func testPipedInputContinuesAfterErrorsAndFailsAtTheEnd() throws {
        let run = try LabProcess.pipe("echo \"one\"\nbogus\necho \"two\"\n")
        XCTAssertEqual(run.output, "one\ntwo\n")
        XCTAssertEqual(run.errors, "<stdin>:2:1: error: unknown command 'bogus' (type 'help' for the list)\nbogus\n^\n")
        XCTAssertEqual(run.status, 1)
    }

    /// `record` keeps every statement that succeeded (a model block whole, without its bad line)
    /// and `lab run` replays the recording to the same result.
    func testRecordWritesAReplayableScript() throws {
        let script = NSTemporaryDirectory() + "record-\(UUID().uuidString).exp"
        defer { try? FileManager.default.removeItem(atPath: script) }
        let session = """
            seed 5
            record "\(script)"
            model m
              embedding 50 4
              lstn 3
              lstm 3
              dense 1 sigmoid
            end
            bogus
            summary m
            record off
            echo "after"

            """
        let live = try LabProcess.pipe(session)
        XCTAssertEqual(live.status, 1)
        XCTAssertEqual(try String(contentsOfFile: script, encoding: .utf8),
                       "model m\n  embedding 50 4\n  lstm 3\n  dense 1 sigmoid\nend\nsummary m\n")
        let replay = try LabProcess.pipe("", arguments: ["run", script])
        XCTAssertEqual(replay.status, 0, replay.errors)
        XCTAssertTrue(live.output.contains(replay.output), "replay:\n\(replay.output)\nlive:\n\(live.output)")
    }
}
