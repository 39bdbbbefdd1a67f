import Foundation
import Language
import TestSupport
import XCTest

/// Statements through the interpreter: golden transcripts, runtime errors at
/// their lines, state kept after errors, byte-identical replay.
final class InterpreterTests: XCTestCase {
    var folder = ""
    var root: String { RepositoryPaths.root }

    override func setUpWithError() throws {
        folder = NSTemporaryDirectory() + "interp-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        XCTAssertTrue(FileManager.default.changeCurrentDirectoryPath(root))
    }

    override func tearDownWithError() throws { try FileManager.default.removeItem(atPath: folder) }

    /// Runs `source` as a script in a fresh session with a clock that ticks `tick` seconds per reading.
    /// - Returns: the transcript and the first error's rendered text, if any.
    func run(_ source: String, file: String = "t.exp", tick step: Double = 0.5) -> (output: String, error: String?) {
        let transcript = Transcript()
        var tick = 0.0
        let interpreter = Interpreter(session: Session(console: Console(isTerminal: false) { transcript.append($0) },
                                                       isInteractive: false),
                                      clock: { tick += step; return tick })
        let path = folder + "/" + file
        XCTAssertTrue(FileManager.default.createFile(atPath: path, contents: Data(source.utf8)))
        do {
            try ScriptRunner.run(path: path, in: interpreter)
            return (transcript.value, nil)
        } catch {
            return (transcript.value, ScriptRunner.render(error).replacingOccurrences(of: folder + "/", with: ""))
        }
    }

    let small = SentenceScript.setup()

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

    /// The recurrent variants with their dropout train from the session's stream: the same bits at 1 and 2
    /// threads (a batch of 64 is cut into two slices), and a saved model loads back predicting the same.
    func testRecurrentVariantsReplayAtAnyThreadCountAndLoadBack() throws {
        func script(threads: Int) -> String {
            "set threads=\(threads)\n" + small.replacingOccurrences(of: "  lstm 8\n", with: """
                  spatialdropout1d 0.1
                  bidirectional gru 6 return_sequences=true merge_mode=concat dropout=0.1 recurrent_dropout=0.2
                  lstm 5 return_sequences=true recurrent_dropout=0.2
                  simplernn 4 dropout=0.1

                """) + """
                train m on s.train val=s.val epochs=1 batch=64
                summary m
                save m to "\(folder)/m\(threads).safetensors"
                predict m on s.val to "\(folder)/p\(threads).csv"
                load back from "\(folder)/m\(threads).safetensors"
                predict back on s.val to "\(folder)/q\(threads).csv"
                """
        }
        let one = run(script(threads: 1)), two = run(script(threads: 2))
        XCTAssertNil(one.error)
        XCTAssertNil(two.error)
        XCTAssertTrue(one.output.contains("bidirectional_1 (Bidirection (None, 20, 12)"), one.output)
        let file = { (name: String) in try Data(contentsOf: URL(fileURLWithPath: self.folder + "/" + name)) }
        XCTAssertEqual(try file("m1.safetensors"), try file("m2.safetensors"))
        XCTAssertEqual(try file("p1.csv"), try file("p2.csv"))
        XCTAssertEqual(try file("q1.csv"), try file("p1.csv"))
    }

    /// Runtime errors: the message and the place they point at, the word at fault
    /// (an unknown name, a path, an option value) rather than the verb.
    func testRuntimeErrorsPointAtTheirLine() {
        let cases: [(String, String)] = [
            ("train nomodel on s.train", "t.exp:10:7: error: unknown model 'nomodel'"),
            ("train m on s.test", "t.exp:10:12: error: s.test does not exist (it has s.train, s.val)"),
            ("train m on s.train val=s.test", "t.exp:10:24: error: s.test does not exist (it has s.train, s.val)"),
            ("train m on sx.train", "t.exp:10:12: error: unknown dataset 'sx' — did you mean 's'?"),
            ("tokenize sx words=5", "t.exp:10:10: error: unknown dataset 'sx' — did you mean 's'?"),
            ("expect m val_accuracy >= 0.5", "t.exp:10:1: error: m val_accuracy has no value yet"),
            ("model bad\n  embedding 10 4\n  flatten\n  lstm 3\nend", "t.exp:13:3: error: lstm expects (batch, steps, features) but gets (batch, None)"),
            ("load x from \"no/such/file.csv\"", "t.exp:10:13: error: no/such/file.csv: no such file or directory"),
            ("load x from \"no/such/m.safetensors\"", "t.exp:10:13: error: no/such/m.safetensors: No such file or directory"),
            ("load r from \"data/imdb/reviews_3k.csv\" text=reveiw label=sentiment",
             "t.exp:10:45: error: data/imdb/reviews_3k.csv: no column 'reveiw' — did you mean 'review'? (columns: review, sentiment)"),
            ("load r from \"data/imdb/reviews_3k.csv\" text=review label=sentiment positive=posative",
             "t.exp:10:77: error: data/imdb/reviews_3k.csv: no row is labelled 'posative' (positive=); its labels are negative, positive"
                + " — did you mean 'positive'?"),
        ]
        for (statement, expected) in cases {
            let (_, error) = run(small + statement)
            XCTAssertEqual(error?.components(separatedBy: "\n").first, expected, statement)
        }
        let (_, error) = run(small + "summary nomodel")
        XCTAssertEqual(error, "t.exp:10:9: error: unknown model 'nomodel'\nsummary nomodel\n        ^\n")
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
        XCTAssertEqual(output, "")
        XCTAssertEqual(error, """
            t.exp:2:1: error: unknown command 'lod' — did you mean 'load'?
            lod x from "a"
            ^
            t.exp:3:21: error: expected a positive whole number for 'epochs=', got 'abc'
            train m on d epochs=abc
                                ^

            """)
    }

    /// `help` and `help VERB` end their text with a newline, like every other statement.
    func testHelpEndsWithANewline() {
        let (output, error) = run("help\nhelp seed\necho \"next\"\n")
        XCTAssertNil(error)
        XCTAssertTrue(output.contains("on this machine\nseed — "), output)
        XCTAssertTrue(output.hasSuffix("  seed 7\nnext\n"), output)
    }

    /// Writes the first `rows` reviews of the bundled Amazon sample as fastText in the test folder.
    func amazonRows(_ range: Range<Int>, name: String) throws -> String {
        let all = try String(contentsOfFile: root + "/data/amazon/reviews_6k.ft.txt", encoding: .utf8).split(separator: "\n")
        let path = folder + "/" + name
        try (all[range].joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// A streamed file trains to the same history as its rows in memory without shuffling,
    /// describes identically, and its held-out split evaluates as usual.
    func testStreamedDatasetTrainsLikeTheSameRowsInMemory() throws {
        let train = try amazonRows(0..<800, name: "train.ft.txt"), test = try amazonRows(800..<1000, name: "test.ft.txt")
        func script(_ load: String, shuffle: String) -> String {
            """
            seed 5
            \(load)
            describe az
            load az.test from "\(test)"
            tokenize az words=400 maxlen=30
            model m
              embedding 400 8
              globalaveragepool1d
              dense 1 sigmoid
            end
            compile m metrics=accuracy,f1
            train m on az val=az.test epochs=2 batch=50 \(shuffle)
            history m
            evaluate m on az.test
            """
        }
        let streamed = run(script("load az from \"\(train)\" stream=true", shuffle: ""))
        let memory = run(script("load az from \"\(train)\"", shuffle: "shuffle=false"))
        XCTAssertNil(streamed.error)
        XCTAssertNil(memory.error)
        func tail(_ text: String, after marker: String) -> String { text.components(separatedBy: marker).last ?? "" }
        XCTAssertEqual(tail(streamed.output, after: "epoch "), tail(memory.output, after: "epoch "))
        XCTAssertTrue(streamed.output.contains("az: streaming fasttext from \(train); rows are read when describe, tokenize or train need them"))
        XCTAssertTrue(streamed.output.contains("az: fitted on az (streamed, 800 rows), "), streamed.output)
        let describeStreamed = streamed.output.components(separatedBy: "\n").drop { !$0.hasPrefix(train) }.dropFirst().prefix(5)
        let describeMemory = memory.output.components(separatedBy: "\n").drop { !$0.hasPrefix(train) }.dropFirst().prefix(5)
        XCTAssertEqual(Array(describeStreamed), Array(describeMemory))
        XCTAssertEqual(describeStreamed.first, "  rows: 800")
    }

    /// What a streamed dataset cannot do, with exact messages.
    func testStreamingErrors() throws {
        let train = try amazonRows(0..<50, name: "train.ft.txt")
        let load = "load az from \"\(train)\" stream=true\n"
        let cases: [(String, String)] = [
            ("load c from \"data/sst2/dev.tsv\" stream=true",
             "t.exp:1:1: error: data/sst2/dev.tsv: only fastText and plain-lines files can be streamed, not tsv"),
            ("load c.test from \"\(train)\" stream=true",
             "t.exp:1:1: error: stream=true reads a whole dataset (load c from \"…\" stream=true); splits are loaded in memory"),
            (load + "split az train=0.8 val=0.2",
             "t.exp:2:1: error: az is streamed from its file and cannot be split; load held-out rows in memory with `load az.test from \"…\"` instead"),
            (load + "show az",
             "t.exp:2:6: error: 'az' is streamed from \(train) and not held in memory: only describe, tokenize and train read it (load held-out rows with `load az.test from \"…\"`)"),
            (load + "tokenize az words=100",
             "t.exp:2:1: error: az is streamed: give tokenize a maxlen= (finding the longest text would take another pass over the file)"),
            (load + "model m\n  embedding 100 4\n  flatten\n  dense 1 sigmoid\nend\ntrain m on az",
             "t.exp:7:1: error: az is not tokenized yet; run `tokenize az words=… maxlen=…` first"),
            (load + "tokenize az words=100 maxlen=10\nmodel m\n  embedding 100 4\n  flatten\n  dense 1 sigmoid\nend\ntrain m on az shuffle=true",
             "t.exp:8:1: error: \(train) is streamed and trains in file order; give shuffle=false, "
             + "shuffle_buffer=N to shuffle through N rows, or load it in memory to shuffle"),
        ]
        for (source, expected) in cases {
            let (_, error) = run(source)
            XCTAssertEqual(error?.components(separatedBy: "\n").first, expected.replacingOccurrences(of: folder + "/", with: ""), source)
        }
    }
}
