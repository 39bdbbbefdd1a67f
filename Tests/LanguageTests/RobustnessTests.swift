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
        XCTAssertTrue(FileManager.default.changeCurrentDirectoryPath(RepositoryPaths.root))
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
        XCTAssertTrue(FileManager.default.createFile(atPath: path, contents: Data(source.utf8)))
        do {
            try ScriptRunner.run(path: path, in: interpreter)
            return (transcript.value, nil)
        } catch {
            let text = ScriptRunner.render(error).replacingOccurrences(of: folder + "/", with: "")
            return (transcript.value, text.components(separatedBy: "\n").first)
        }
    }


    /// Types `source` line by line into an interactive session (errors do not stop it).
    /// - Returns: the transcript and each error's message, in order.
    func session(_ source: String) -> (output: String, errors: [String]) {
        let transcript = Transcript()
        var tick = 0.0
        let interpreter = Interpreter(session: Session(console: Console(isTerminal: false) { transcript.append($0) }, isInteractive: true),
                                      clock: { tick += 0.5; return tick })
        var reader = StatementReader(file: DiagnosticRenderer.replFile, mode: .interactive)
        var errors: [String] = []
        for line in source.components(separatedBy: "\n") {
            switch reader.read(line) {
            case .command(let command):
                do { _ = try interpreter.execute(command) } catch { errors.append(error.message) }
            case .failed(let diagnostic):
                errors.append(diagnostic.message)
            case .nothing, .continuing:
                break
            }
        }
        return (transcript.value, errors)
    }

    var fixtures: String { RepositoryPaths.root + "/Tests/LabDataTests/Fixtures/" }

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
        XCTAssertEqual(stride.problems, ["4:3: conv1d: strides must be in 1…4294967296, got 9223372036854775807"])
        // The largest stride trains: the layer's own ⌈L / s⌉ must not overflow either.
        let (_, errors) = session(data + "model c\n  embedding 100 8\n  conv1d 4 3 padding=same strides=4294967296\n  flatten\n  dense 1 sigmoid\nend\ntrain c on s epochs=1")
        XCTAssertEqual(errors, [])
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

    func testUntrainedModelsAndFailedTrainingGiveErrorsNotCrashes() {
        let (_, errors) = session(data + """
            model m
              dense 1 sigmoid
            end
            save m to "\(folder)/m.safetensors"
            model g
              embedding 100 4
              globalaveragepool1d
            end
            train g on s epochs=1
            evaluate g on s
            """)
        XCTAssertEqual(errors, [
            "m has no weights yet; train it or load it first",
            "g cannot train on s: cannot infer a loss from the last layer (globalaveragepool1d); give compile a loss=",
            "cannot infer a loss from the last layer (globalaveragepool1d); give compile a loss=",
        ])
    }

    func testEmbeddingMustComeFirst() {
        XCTAssertEqual(check("model m\n  input 4\n  dense 8\n  embedding 100 4\n  flatten\n  dense 1 sigmoid\nend").problems,
                       ["4:3: embedding: must be the first layer (it reads token ids)"])
    }

    func testNonFiniteTokenIdsAreReportedNotCrashed() {
        let (_, errors) = session("""
            load d from "\(fixtures)nan_ids.npz"
            model m
              embedding 10 4
              flatten
              dense 1 sigmoid
            end
            train m on d epochs=1
            """)
        XCTAssertEqual(errors, ["m cannot use d: token id nan is outside the embedding's 0..<10; tokenize with words ≤ 10"])
    }

    func testZeroWidthInputsAreRefused() throws {
        let labelsOnly = folder + "/labels.svm"
        try "+1\n-1\n+1\n-1\n".write(toFile: labelsOnly, atomically: true, encoding: .utf8)
        let (_, errors) = session("""
            load z from "\(labelsOnly)"
            model m
              dense 1 sigmoid
            end
            train m on z epochs=1
            load w from "\(fixtures)zero_width.npy"
            train m on w epochs=1
            """)
        XCTAssertEqual(errors, ["m cannot train on z: each sample should be at least 1 step or feature but is 0",
                                "\(fixtures)zero_width.npy: the inputs array has shape (10, 0): no features in a row",
                                "unknown dataset 'w' — did you mean 'z'?"])
    }

    func testNamedPipesAreRefusedWithoutBlocking() throws {
        let pipe = folder + "/pipe.csv"
        XCTAssertEqual(mkfifo(pipe, 0o600), 0)
        let (_, errors) = session("load p from \"\(pipe)\"\nload m from \"\(pipe)\"")
        XCTAssertEqual(errors.count, 2)
        XCTAssertEqual(errors.first, "\(pipe): cannot read: is a named pipe, not a regular file")
    }

    func testMoreClassesThanTheOutputLayerIsAnError() throws {
        let csv = folder + "/three.csv", ft = folder + "/three.ft"
        var rows = "text,label\n", lines = ""
        for i in 0..<30 {
            rows += "word\(i % 7) other,\(["a", "b", "c"][i % 3])\n"
            lines += "__label__\(["a", "b", "c"][i % 3]) word\(i % 7) other\n"
        }
        try rows.write(toFile: csv, atomically: true, encoding: .utf8)
        try lines.write(toFile: ft, atomically: true, encoding: .utf8)
        let model = "model m\n  embedding 20 4\n  globalaveragepool1d\n  dense 1 sigmoid\nend\n"
        let message = "a target is 2 but binary_crossentropy takes targets in [0, 1]; for more than two classes end with dense N softmax"
        XCTAssertEqual(session("load d from \"\(csv)\"\ntokenize d words=20 maxlen=4\n" + model + "train m on d epochs=1").errors,
                       ["m cannot use d: " + message])
        XCTAssertEqual(session("load d from \"\(ft)\" stream=true\ntokenize d words=20 maxlen=4\n" + model + "train m on d epochs=1 shuffle=false").errors,
                       ["m cannot use d: " + message])
    }

    func testAStreamedFileChangedAfterTokenizeIsAnError() throws {
        let ft = folder + "/s.ft"
        let lines = (0..<40).map { "__label__\($0 % 2) word\($0 % 5) more words" }.joined(separator: "\n") + "\n"
        try lines.write(toFile: ft, atomically: true, encoding: .utf8)
        let transcript = Transcript()
        let interpreter = Interpreter(session: Session(console: Console(isTerminal: false) { transcript.append($0) }, isInteractive: true))
        func execute(_ source: String) -> String? {
            var reader = StatementReader(file: DiagnosticRenderer.replFile, mode: .interactive)
            for line in source.components(separatedBy: "\n") {
                if case .command(let command) = reader.read(line) {
                    do { _ = try interpreter.execute(command) } catch { return error.message }
                }
            }
            return nil
        }
        XCTAssertNil(execute("load s from \"\(ft)\" stream=true\ntokenize s words=20 maxlen=5\nmodel m\n  embedding 20 4\n  globalaveragepool1d\n  dense 1 sigmoid\nend"))
        try String(lines.prefix(60)).write(toFile: ft, atomically: false, encoding: .utf8)
        XCTAssertEqual(execute("train m on s epochs=1 shuffle=false"),
                       "\(ft) changed since it was loaded (size or modification time); load it again and tokenize it again")
    }

    func testADivergingLossStopsTrainingAndKeepsTheCheckpoint() throws {
        let checkpoint = folder + "/best.safetensors"
        let start = data + """
            model m
              embedding 100 8
              globalaveragepool1d
              dense 1 sigmoid
            end
            train m on s epochs=1 batch=100 checkpoint="\(checkpoint)"
            """
        XCTAssertEqual(session(start).errors, [])
        let saved = try Data(contentsOf: URL(fileURLWithPath: checkpoint))
        let (_, errors) = session(start + """

            compile m optimizer=sgd lr=1e30
            train m on s epochs=3 batch=100 checkpoint="\(checkpoint)"
            history m
            save m to "\(folder)/after.safetensors"
            """)
        XCTAssertEqual(errors.count, 1, "\(errors)")
        XCTAssertTrue(errors.first?.hasPrefix("training stopped: the loss became nan in epoch 2, batch ") ?? false, "\(errors)")
        XCTAssertTrue(errors.first?.hasSuffix("m's weights are no longer finite and its history ends at epoch 1; \(checkpoint) keeps the last finite weights") ?? false, "\(errors)")
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: checkpoint)), saved)
    }

    /// A batch larger than the file is the file: it allocated batch × maxlen up front (48 GB for batch=1000000000).
    func testAHugeStreamedBatchHoldsOnlyTheRowsRead() throws {
        let ft = folder + "/s.ft"
        try ((0..<40).map { "__label__\($0 % 2) word\($0 % 5) more words" }.joined(separator: "\n") + "\n")
            .write(toFile: ft, atomically: true, encoding: .utf8)
        let (output, errors) = session("""
            load s from "\(ft)" stream=true
            tokenize s words=20 maxlen=5
            model m
              embedding 20 4
              globalaveragepool1d
              dense 1 sigmoid
            end
            train m on s epochs=1 batch=9223372036854775807 shuffle=false
            """)
        XCTAssertEqual(errors, [])
        XCTAssertTrue(output.contains("40/40"), output)
    }

    /// What a load decided without dropping a row is said: ignored subfolders, a libsvm index 0.
    func testLoadReportsItsChoicesEvenWithoutDrops() throws {
        for (relative, text) in [("f/pos/a.txt", "good"), ("f/neg/b.txt", "bad"), ("f/junk/c.md", "x")] {
            let url = URL(fileURLWithPath: folder + "/" + relative)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        try "1 1:0.5\n0 0:1 2:1\n".write(toFile: folder + "/z.svm", atomically: true, encoding: .utf8)
        let (output, errors) = session("load d from \"\(folder)/f\"\nload z from \"\(folder)/z.svm\"")
        XCTAssertEqual(errors, [])
        XCTAssertTrue(output.contains("(binary: neg → 0, pos → 1)\nignored subfolders without .txt files: junk\n"), output)
        XCTAssertTrue(output.contains("\n1 row: feature index 0, so every index is read as 0-based (as scikit-learn's zero_based=\"auto\")\n"), output)
    }
}
