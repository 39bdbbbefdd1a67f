import Foundation
import Language
import TestSupport
import XCTest

/// Statements through the interpreter: golden transcripts, runtime errors at
/// their lines, state kept after errors, byte-identical replay.
final class InterpreterTests: XCTestCase {
    /// Collects everything a session prints.
    final class Transcript: @unchecked Sendable {
        private let lock = NSLock()
        private var text = ""
        func append(_ s: String) { lock.lock(); text += s; lock.unlock() }
        var value: String { lock.lock(); defer { lock.unlock() }; return text }
    }

    var folder = ""
    var root: String { RepositoryPaths.root }

    override func setUpWithError() throws {
        folder = NSTemporaryDirectory() + "interp-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        FileManager.default.changeCurrentDirectoryPath(root)
    }

    override func tearDownWithError() throws { try FileManager.default.removeItem(atPath: folder) }

    /// Runs `source` as a script in a fresh session with a clock that ticks 0.5 s per reading.
    /// - Returns: the transcript and the first error's rendered text, if any.
    func run(_ source: String, file: String = "t.exp") -> (output: String, error: String?) {
        let transcript = Transcript()
        var tick = 0.0
        let interpreter = Interpreter(session: Session(console: Console(isTerminal: false) { transcript.append($0) },
                                                       isInteractive: false),
                                      clock: { tick += 0.5; return tick })
        let path = folder + "/" + file
        FileManager.default.createFile(atPath: path, contents: Data(source.utf8))
        do {
            try ScriptRunner.run(path: path, in: interpreter)
            return (transcript.value, nil)
        } catch {
            return (transcript.value, ScriptRunner.render(error).replacingOccurrences(of: folder + "/", with: ""))
        }
    }

    let small = """
        seed 3
        load s from "data/sentences/amazon_cells_labelled.txt"
        split s train=0.8 val=0.2
        tokenize s words=500 maxlen=20
        model m
          embedding 500 8
          lstm 8
          dense 1 sigmoid
        end

        """

    func testGoldenTranscript() throws {
        let (output, error) = run(small + """
            train m on s.train val=s.val epochs=2 batch=100
            history m
            predict m "great phone"
            """)
        XCTAssertNil(error)
        let path = root + "/Tests/LanguageTests/Golden/transcript.txt"
        if ProcessInfo.processInfo.environment["LAB_UPDATE_GOLDEN"] == "1" { try output.write(toFile: path, atomically: true, encoding: .utf8) }
        XCTAssertEqual(output, try String(contentsOfFile: path, encoding: .utf8))
    }

    func testReplayIsByteIdentical() throws {
        let script = small + """
            train m on s.train val=s.val epochs=2 batch=64
            predict m on s.val to "\(folder)/p.csv"
            save m to "\(folder)/m.safetensors"
            """
        let first = run(script)
        let predictions = try Data(contentsOf: URL(fileURLWithPath: folder + "/p.csv"))
        let weights = try Data(contentsOf: URL(fileURLWithPath: folder + "/m.safetensors"))
        let second = run(script)
        XCTAssertNil(first.error)
        XCTAssertEqual(first.output, second.output)
        XCTAssertEqual(predictions, try Data(contentsOf: URL(fileURLWithPath: folder + "/p.csv")))
        XCTAssertEqual(weights, try Data(contentsOf: URL(fileURLWithPath: folder + "/m.safetensors")))
    }

    /// Runtime errors: the message and the line (with a caret) they point at.
    func testRuntimeErrorsPointAtTheirLine() {
        let cases: [(String, String)] = [
            ("train nomodel on s.train", "t.exp:10:1: error: unknown model 'nomodel'"),
            ("train m on s.test", "t.exp:10:1: error: s.test does not exist (it has s.train, s.val)"),
            ("train m on sx.train", "t.exp:10:1: error: unknown dataset 'sx' — did you mean 's'?"),
            ("expect m val_accuracy >= 0.5", "t.exp:10:1: error: m val_accuracy has no value yet"),
            ("model bad\n  embedding 10 4\n  flatten\n  lstm 3\nend", "t.exp:13:3: error: lstm expects (batch, steps, features) but gets (batch, None)"),
            ("load x from \"no/such/file.csv\"", "t.exp:10:1: error: no/such/file.csv: no such file or directory"),
        ]
        for (statement, expected) in cases {
            let (_, error) = run(small + statement)
            XCTAssertEqual(error?.components(separatedBy: "\n").first, expected, statement)
        }
    }

    func testFailedExpectationStopsTheScript() {
        let (output, error) = run(small + """
            train m on s.train epochs=1 batch=100
            expect m accuracy >= 1.5
            echo "not reached"
            """)
        XCTAssertTrue(error?.hasPrefix("t.exp:11:1: error: expectation failed: m accuracy is ") ?? false, error ?? "")
        XCTAssertFalse(output.contains("not reached"))
    }

    func testSyntaxErrorsAreAllReportedBeforeAnythingRuns() {
        let (output, error) = run("echo \"first\"\nlod x from \"a\"\ntrain m on d epochs=abc\n")
        XCTAssertFalse(output.contains("first"))
        XCTAssertTrue(error?.hasPrefix("t.exp:2:1: error: unknown command 'lod' — did you mean 'load'?") ?? false, error ?? "")
        XCTAssertTrue(output.contains("t.exp:3:"), output)
    }
}

/// Where the package's own files are, for tests that run scripts and binaries.
enum RepositoryPaths {
    /// The package root (two folders above this file's folder).
    static var root: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
    }
}
