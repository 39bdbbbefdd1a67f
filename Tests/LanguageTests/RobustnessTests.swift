import Foundation
import Language
import XCTest

/// Hostile input (issue 17): extreme numbers, impossible sizes and shape mistakes
/// are located errors from `lab check` and the interpreter, never a crash.
final class RobustnessTests: XCTestCase {
    var folder = ""

    override func setUpWithError() throws {
        folder = NSTemporaryDirectory() + "robust-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        FileManager.default.changeCurrentDirectoryPath(RepositoryPaths.root)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(atPath: folder) }

    /// `lab check` on `source`: rendered diagnostics (first lines) and warnings.
    func check(_ source: String) -> (problems: [String], warnings: [String]) {
        var checker = Checker()
        let problems = checker.check(ScriptParser.parse(source, file: "t.exp"))
        return (problems.map { "\($0.location.line):\($0.location.column): \($0.message)" }, checker.warnings)
    }

    /// Runs `source` as a script; returns the transcript and the first error's first line.
    func run(_ source: String) -> (output: String, error: String?) {
        let transcript = Transcript()
        var tick = 0.0
        let interpreter = Interpreter(session: Session(console: Console(isTerminal: false) { transcript.append($0) }, isInteractive: false),
                                      clock: { tick += 0.5; return tick })
        let path = folder + "/t.exp"
        FileManager.default.createFile(atPath: path, contents: Data(source.utf8))
        do {
            try ScriptRunner.run(path: path, in: interpreter)
            return (transcript.value, nil)
        } catch {
            let text = ScriptRunner.render(error).replacingOccurrences(of: folder + "/", with: "")
            return (transcript.value, text.components(separatedBy: "\n").first)
        }
    }

    let data = "load s from \"data/sentences/amazon_cells_labelled.txt\"\ntokenize s words=100 maxlen=10\n"

    func testOverflowingSizesAreCheckErrors() {
        let cases: [(String, String)] = [
            ("model m\n  embedding 100 8\n  lstm 3e9\n  dense 1 sigmoid\nend", "3:3: lstm: the weight count is too large"),
            ("model m\n  input 10\n  embedding 100 8\n  flatten\n  dense 4611686018427387904\nend", "5:3: dense: the weight count is too large"),
            ("model m\n  embedding 16777216 999999999999999\n  globalmaxpool1d\n  dense 1 sigmoid\nend", "2:3: embedding: the weight count is too large"),
            ("model m\n  input 9999999999\n  embedding 100 4611686018427387904\n  flatten\n  dense 1 sigmoid\nend",
             "3:3: embedding: the output (batch, 9999999999, 4611686018427387904) is too large"),
        ]
        for (source, prefix) in cases {
            let problems = check(source).problems
            XCTAssertEqual(problems.count, 1, source)
            XCTAssertTrue(problems.first?.hasPrefix(prefix) ?? false, "\(problems)")
        }
        let stride = check("model m\n  input 9999999999\n  embedding 100 8\n  conv1d 4 3 padding=same strides=9223372036854775807\n  flatten\n  dense 1 sigmoid\nend")
        XCTAssertEqual(stride.problems, [])
    }

    func testModelsThatCannotFitInMemoryAreRefusedAtDefinitionAndInCheck() {
        let source = "model m\n  embedding 16777216 1000\n  globalmaxpool1d\n  dense 1 sigmoid\nend"
        let problems = check(source).problems
        XCTAssertEqual(problems.count, 1)
        XCTAssertTrue(problems.first?.hasPrefix("1:1: m (16,777,217,001 weights, with their gradients) needs 125.0 GiB, this machine has ") ?? false, "\(problems)")
        let (_, error) = run(source)
        XCTAssertTrue(error?.hasPrefix("t.exp:1:1: error: m (16,777,217,001 weights, with their gradients) needs 125.0 GiB") ?? false, error ?? "")
    }

    func testTrainingThatCannotFitIsRefusedBeforeAllocating() {
        let (_, error) = run(data + "model m\n  embedding 100 8\n  lstm 100000\n  dense 1 sigmoid\nend\ntrain m on s epochs=1 batch=32")
        XCTAssertNotNil(error)
        XCTAssertTrue(error?.contains("needs") ?? false, error ?? "")
        let (_, batch) = run(data + "model m\n  embedding 100 2000000\n  lstm 4\n  dense 1 sigmoid\nend\ntrain m on s epochs=1 batch=1000")
        XCTAssertTrue(batch?.hasPrefix("t.exp:8:1: error: training m (weights, gradients, optimizer state and a batch of 1,000 samples) needs") ?? false, batch ?? "")
    }

    func testTokenizeTooLongIsRefused() {
        let (_, error) = run("load s from \"data/sentences/amazon_cells_labelled.txt\"\ntokenize s words=100 maxlen=100000000")
        XCTAssertTrue(error?.hasPrefix("t.exp:2:1: error: padding 1000 rows of s to maxlen=100000000 needs 372.5 GiB, this machine has ") ?? false, error ?? "")
    }

    func testHugeEpochsWithPatienceDoNotOverflow() {
        let (output, error) = run(data + """
            split s train=0.8 val=0.2
            model m
              embedding 100 4
              globalaveragepool1d
              dense 1 sigmoid
            end
            train m on s.train val=s.val epochs=9223372036854775807 patience=1 batch=400
            """)
        XCTAssertNil(error)
        XCTAssertTrue(output.contains("early stopping after epoch"), output)
    }

    /// Issue 11 §2: a 3-D output into the loss is an error at `end` and in `lab check`; `dense 1 softmax` a warning.
    func testShapeMistakesAtDefinition() {
        let source = "model m\n  embedding 100 8\n  dense 2 softmax\nend"
        let expected = "dense outputs (batch, None, 2), one vector per step, but the loss needs one per sample; add flatten or globalmaxpool1d before it"
        XCTAssertEqual(check(source).problems, ["3:3: " + expected])
        XCTAssertEqual(run(source).error, "t.exp:3:3: error: " + expected)

        let softmax = "model m\n  embedding 100 8\n  globalmaxpool1d\n  dense 1 softmax\nend"
        let warning = "t.exp:4:3: warning: dense 1 softmax always outputs 1.0 (a softmax over one unit); use dense 1 sigmoid for two classes or dense N softmax for N classes"
        XCTAssertEqual(check(softmax).problems, [])
        XCTAssertEqual(check(softmax).warnings, [warning])
        let (output, error) = run(softmax)
        XCTAssertNil(error)
        XCTAssertTrue(output.contains(warning + "\n"), output)
    }
}
