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
        let stack = "  embedding 50 4\n  lstm 3\n  dense 1 sigmoid\n"
        XCTAssertTrue(live.output.contains("m: 3 layers, input length bound at training\n" + stack), live.output)
        XCTAssertTrue(live.output.replacingOccurrences(of: stack, with: "").contains(replay.output),
                      "replay:\n\(replay.output)\nlive:\n\(live.output)")
    }

    /// A paste of several lines (readline's bracketed paste hands it over as one line with
    /// newlines) runs each line in order, as if typed; pasted prompts are ignored, and an
    /// error in a pasted line shows that line with its caret.
    func testPastedLinesRunInOrder() throws {
        let session = try TerminalSession(term: "xterm")
        session.type("\u{1B}[200~lab> echo \"one\"\n...> bogus\necho \"two\"\n\u{1B}[201~", waitFor: "two")
        session.type("\r") { $0.contains("\ntwo\n") }
        let after = session.text.components(separatedBy: "[201~").last ?? ""
        XCTAssertTrue(after.contains("one\nbogus\n^\nerror: unknown command 'bogus' (type 'help' for the list)\ntwo\n"), session.text)
        XCTAssertFalse(session.text.contains("unexpected character"), session.text)
    }

    /// A rejected line in a block: the good lines stay (a line retyped right away goes on),
    /// `end` shows the stack it defined and names the line left out, `record` writes exactly
    /// that model, and Up-arrow recalls the whole block as one entry to edit and run again.
    func testABlockWithARejectedLineSaysWhatItDefined() throws {
        let script = NSTemporaryDirectory() + "record-\(UUID().uuidString).exp"
        defer { try? FileManager.default.removeItem(atPath: script) }
        let session = try TerminalSession(term: "xterm")
        session.type("record \"\(script)\"\r") { $0.hasSuffix("recording to \(script)\n\u{1B}[?2004hlab> ") }
        let lines = ["model g", "  embedding 100 8", "  lstn 8 return_sequences=true", "  lstm 8 return_sequences=true",
                     "  dropout 0.2 noise=1", "  globalaveragepool1d", "  dense 1 sigmoid"]
        for line in lines {
            session.type(line + "\r") { $0.hasSuffix("...> ") }
        }
        session.type("end\r") { $0.hasSuffix("lab> ") }
        XCTAssertTrue(session.text.hasSuffix("""
            g: 4 layers, input length bound at training
              embedding 100 8
              lstm 8 return_sequences=true
              globalaveragepool1d
              dense 1 sigmoid
            warning: 'dropout 0.2 noise=1' was rejected and is not in g
            (Up-arrow recalls the block to fix it)
            \u{1B}[?2004hlab> 
            """), session.text)
        session.type("record off\r") { $0.hasSuffix("recording off\n\u{1B}[?2004hlab> ") }
        XCTAssertEqual(try String(contentsOfFile: script, encoding: .utf8),
                       "model g\n  embedding 100 8\n  lstm 8 return_sequences=true\n  globalaveragepool1d\n  dense 1 sigmoid\nend\n")

        // Up-arrow past `record off` recalls the block: the line to fix is in it, the retyped typo is not.
        session.type("\u{1B}[A") { $0.hasSuffix("record off") }
        session.type("\u{1B}[A") { $0.hasSuffix("end") }
        let recalled = session.text.components(separatedBy: "lab> ").last ?? ""
        XCTAssertTrue(recalled.hasSuffix("""
            model g
              embedding 100 8
              lstm 8 return_sequences=true
              dropout 0.2 noise=1
              globalaveragepool1d
              dense 1 sigmoid
            end
            """), recalled)  // after the redisplay's cursor codes
        XCTAssertFalse(recalled.contains("lstn"), recalled)
        // Edit it as one text: from after `end`, back over the 44 characters after ` noise=1`, delete it, run.
        session.terminal.write(Data(String(repeating: "\u{1B}[D", count: 44).utf8))
        session.type(String(repeating: "\u{7F}", count: 8) + "\r") { $0.hasSuffix("lab> ") && $0.contains("g: 5 layers") }
        let rerun = session.text.components(separatedBy: "g: 4 layers").last ?? ""
        XCTAssertTrue(rerun.hasSuffix("g: 5 layers, input length bound at training\n\u{1B}[?2004hlab> "), session.text)
    }

    /// Ctrl-D inside a block drops the block and stays in lab; at the prompt it leaves.
    func testCtrlDInsideABlockDiscardsIt() throws {
        let session = try TerminalSession()
        session.type("model g\r", waitFor: "...> ")
        session.type("  embedding 10 2\r", waitFor: "...> ")
        session.type("\u{4}", waitFor: "lab> ")
        XCTAssertTrue(session.text.hasSuffix("...> \n(model block discarded)\nlab> "), session.text)
        session.type("list\r", waitFor: "lab> ")
        XCTAssertTrue(session.text.contains("the session is empty"), session.text)
        session.terminal.write(Data([4]))
        XCTAssertEqual(session.waitForExit(), 0)
        XCTAssertTrue(session.text.hasSuffix("lab> \n"), session.text)
    }

    /// Ctrl-C twice at the prompt while a recalled block is being edited on its second line:
    /// `^C` goes after the block's last line, so each new prompt starts on a fresh line
    /// instead of over the rest of the block.
    func testDoubleCtrlCAtThePromptLeavesAFreshLine() throws {
        let session = try TerminalSession(term: "xterm")
        for line in ["model g", "  embedding 10 2", "  flatten"] { session.type(line + "\r") { $0.hasSuffix("...> ") } }
        session.type("end\r") { $0.hasSuffix("lab> ") }
        session.type("\u{1B}[A") { $0.hasSuffix("end") }
        session.terminal.write(Data(String(repeating: "\u{1B}[D", count: 20).utf8))
        session.type("\u{3}") { $0.hasSuffix("lab> ") }
        session.type("\u{3}") { $0.components(separatedBy: "^C").count == 3 && $0.hasSuffix("lab> ") }
        let shown = session.text.replacingOccurrences(of: "\u{1B}[?2004l", with: "").replacingOccurrences(of: "\u{1B}[?2004h", with: "")
        XCTAssertTrue(shown.hasSuffix("\nend^C\nlab> ^C\nlab> "), shown)
    }

    /// A second Ctrl-C while a statement runs ends lab at once (status 130) and leaves the
    /// terminal on a fresh line, so the shell's prompt does not start after the echoed `^C^C`.
    func testDoubleCtrlCLeavesAFreshLine() throws {
        let data = NSTemporaryDirectory() + "big-\(UUID().uuidString).txt"
        defer { try? FileManager.default.removeItem(atPath: data) }
        // Long enough that `tokenize` (one split per word) still runs when both Ctrl-Cs arrive.
        let row = "__label__1 " + Array(repeating: "good movie bad plot great acting", count: 12).joined(separator: " ") + "\n"
        try String(repeating: row, count: 200_000).write(toFile: data, atomically: false, encoding: .utf8)
        let session = try TerminalSession()
        session.type("load b from \"\(data)\"\r", waitFor: "lab> ")
        session.type("tokenize b words=100 maxlen=30\r", waitFor: "maxlen=30\r\n")
        Thread.sleep(forTimeInterval: 0.1)
        session.terminal.write(Data([3]))
        Thread.sleep(forTimeInterval: 0.05)
        session.terminal.write(Data([3]))
        XCTAssertEqual(session.waitForExit(), 130, session.text)
        XCTAssertTrue(session.text.hasSuffix("^C^C\n"), session.text)
    }
}
