import Foundation
import Language
import RunStore
import Training
import XCTest

/// The run-store forms parse to their commands, and a session records and reads back its runs.
final class RunStoreStatementTests: XCTestCase {
    var folder = ""

    override func setUpWithError() throws {
        folder = NSTemporaryDirectory() + "runstore-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        XCTAssertTrue(FileManager.default.changeCurrentDirectoryPath(RepositoryPaths.root))
    }

    override func tearDownWithError() throws { try FileManager.default.removeItem(atPath: folder) }

    private func command(_ line: String) -> Command? {
        var reader = StatementReader(file: "t.exp", mode: .script)
        if case .command(let c) = reader.read(line) { return c.command }
        return nil
    }

    private func error(_ line: String) -> String? {
        var reader = StatementReader(file: "t.exp", mode: .script)
        if case .failed(let d) = reader.read(line) { return d.message }
        return nil
    }

    func testForms() {
        let table: [(String, Command)] = [
            ("runs", .runs(model: nil, limit: 20)),
            ("runs where model=lstm1", .runs(model: "lstm1", limit: 20)),
            ("runs n=5", .runs(model: nil, limit: 5)),
            ("show run 12", .showRun(12)),
            ("compare run 12 run 17", .compareRuns([12, 17])),
            ("compare run 12,17", .compareRuns([12, 17])),
            ("plot run 12,17 val_loss", .plotRuns([12, 17], series: [HistoryKey(.loss, isValidation: true)], path: nil)),
            ("plot run 3 to \"x.svg\"", .plotRuns([3], series: [HistoryKey(.loss), HistoryKey(.loss, isValidation: true)], path: "x.svg")),
            ("export run 12 to \"x.csv\"", .exportRun(12, path: "x.csv")),
            ("set store=off", .set([.store(nil)])),
            ("set store=\"runs/other.sqlite\"", .set([.store("runs/other.sqlite")])),
            ("set threads=2 store=off", .set([.threads(2), .store(nil)])),
            ("show run", .show(DatasetReference(name: "run"), rows: 5)),
            ("compare run other", .compare(models: ["run", "other"])),
            ("serve", .serve(host: "127.0.0.1", port: 8080)),
            ("serve port=9000 host=\"0.0.0.0\"", .serve(host: "0.0.0.0", port: 9000)),
        ]
        for (line, expected) in table { XCTAssertEqual(command(line), expected, line) }
        if case .train(_, let options)? = command("train m on d.train tensorboard=\"runs/tb\"") {
            XCTAssertEqual(options.tensorboard, "runs/tb")
        } else {
            XCTFail("train with tensorboard= did not parse")
        }
    }

    func testFormErrors() {
        XCTAssertEqual(error("show run 1,2"), "expected one run number for 'show run', got '1,2'")
        XCTAssertEqual(error("set store=maybe"), "expected a file path in double quotes or off for 'store=', got 'maybe'")
        XCTAssertEqual(error("show run 0"), "expected a positive whole number for a run number, got '0'")
        XCTAssertEqual(error("serve port=70000"), "expected a port from 1 to 65535 for 'port=', got '70000'")
        XCTAssertEqual(error("runs where modle=m"), "unknown option 'modle=' for 'runs' — did you mean 'model='?")
    }

    func testCheckerAcceptsTheFormsAndNamesAStoreTurnedOff() {
        var checker = Checker()
        XCTAssertEqual(checker.check(ScriptParser.parse("runs\nshow run 3\ncompare run 1 run 2\nserve port=9000\n", file: "t.exp")).map(\.message), [])
        var off = Checker()
        XCTAssertEqual(off.check(ScriptParser.parse("set store=off\nplot run 2 val_loss\n", file: "t.exp")).map(\.message),
                       ["the run store is off: set store=\"runs/lab.sqlite\" to record and read runs"])
    }

    /// Runs `source` as a script with runs recorded in `store` (nil: the library default, off).
    private func run(_ source: String, store: String?) -> (output: String, error: String?) {
        let transcript = Transcript()
        let session = Session(console: Console(isTerminal: false) { transcript.append($0) }, isInteractive: false)
        if let store { session.store = .path(store) }
        let interpreter = Interpreter(session: session)
        let path = folder + "/t.exp"
        XCTAssertTrue(FileManager.default.createFile(atPath: path, contents: Data(source.utf8)))
        do {
            try ScriptRunner.run(path: path, in: interpreter)
            return (transcript.value, nil)
        } catch {
            return (transcript.value, ScriptRunner.render(error).replacingOccurrences(of: folder + "/", with: ""))
        }
    }

    static let small = SentenceScript.setup()

    func testSessionRecordsTrainEvaluateReportAndReadsThemBack() throws {
        let store = folder + "/runs/lab.sqlite"
        let (output, error) = run(Self.small + """
            train m on s.train val=s.val epochs=2 batch=100 checkpoint="\(folder)/m.safetensors"
            evaluate m on s.val
            report m on s.val
            export m to "\(folder)/live.csv"
            export run 1 to "\(folder)/stored.csv"
            plot run 1 val_loss,loss to "\(folder)/run1.svg"
            compare run 1 run 1
            runs where model=m
            """, store: store)
        XCTAssertNil(error, output)
        // The stored history is the session's, to the last bit.
        XCTAssertEqual(try String(contentsOfFile: folder + "/stored.csv", encoding: .utf8),
                       try String(contentsOfFile: folder + "/live.csv", encoding: .utf8))
        let svg = try String(contentsOfFile: folder + "/run1.svg", encoding: .utf8)
        XCTAssertTrue(svg.contains("run 1"), svg)
        let runs = try RunStore(path: store).recent()
        XCTAssertEqual(runs.map(\.kind), [.report, .evaluate, .train])
        let train = try RunStore(path: store).run(1)
        XCTAssertEqual(train.statement, "train m on s.train val=s.val epochs=2 batch=100 checkpoint=\"\(folder)/m.safetensors\"")
        XCTAssertEqual(train.script, Self.small + "train m on s.train val=s.val epochs=2 batch=100 checkpoint=\"\(folder)/m.safetensors\"\n"
                       + "evaluate m on s.val\nreport m on s.val\nexport m to \"\(folder)/live.csv\"\n"
                       + "export run 1 to \"\(folder)/stored.csv\"\nplot run 1 val_loss,loss to \"\(folder)/run1.svg\"\n"
                       + "compare run 1 run 1\nruns where model=m")
        XCTAssertEqual(train.seed, "3")
        XCTAssertEqual(train.parameters, 4553)
        XCTAssertEqual(train.dataFiles.map(\.path), ["data/sentences/amazon_cells_labelled.txt"])
        XCTAssertEqual(train.dataFiles.first?.sha256, ContentHash.of(path: "data/sentences/amazon_cells_labelled.txt").sha256)
        XCTAssertEqual(train.hyperparameters.map(\.name), ["val", "epochs", "batch", "checkpoint", "loss", "optimizer", "metrics"])
        XCTAssertEqual(train.epochs.map(\.epoch), [1, 2])
        XCTAssertEqual(train.filesWritten.map(\.role), ["checkpoint", "history csv"])
        XCTAssertEqual(train.test.map(\.name), ["loss", "accuracy"])
        let report = try RunStore(path: store).run(3)
        XCTAssertEqual(report.results.first?.name, "accuracy")
        XCTAssertTrue(report.results.contains { $0.name == "confusion[1,1]" })
        XCTAssertEqual(report.roc?.auc, report.results.value(of: "auc"))
        XCTAssertEqual(report.roc?.points.first?.fpr, 0)
        XCTAssertTrue(output.contains("model  train loss"), output)
        XCTAssertTrue(output.contains("run 1      "), output)
        XCTAssertTrue(output.contains("id  when"), output)
    }

    func testStoreOffIsTheLibraryDefaultAndReadingVerbsSaySo() {
        let (output, error) = run("runs\n", store: nil)
        XCTAssertEqual(output, "")
        XCTAssertEqual(error, """
            t.exp:1:1: error: the run store is off: set store="runs/lab.sqlite" to record and read runs
            runs
            ^

            """)
        let (_, afterOff) = run("set store=\"\(folder)/x.sqlite\"\nset store=off\nshow run 1\n", store: nil)
        XCTAssertTrue(afterOff?.contains("the run store is off") == true, afterOff ?? "")
    }

    func testReadingAMissingRunNamesTheStore() {
        let store = folder + "/s.sqlite"
        let (_, error) = run("show run 4\n", store: store)
        XCTAssertEqual(error, "t.exp:1:1: error: no run 4 in \(store)\nshow run 4\n^\n".replacingOccurrences(of: folder + "/", with: ""))
    }

    func testTensorBoardFolderThatCannotBeMadeIsAnErrorAtItsPath() throws {
        try "x".write(toFile: folder + "/file", atomically: true, encoding: .utf8)
        let (_, error) = run(Self.small + "train m on s.train epochs=1 tensorboard=\"\(folder)/file/tb\"\n", store: nil)
        XCTAssertTrue(error?.hasPrefix("t.exp:10:") == true, error ?? "")
        XCTAssertTrue(error?.contains("cannot write file/tb") == true, error ?? "")
    }
}
