import Foundation
import GRDB
import RunStore
import XCTest

/// The run store across real `lab run` processes: kill -9 mid-run, two writers at once,
/// `--verify` passing and failing, and TensorBoard files read back by the tensorboard package.
final class StoreProcessTests: XCTestCase {
    var folder = ""
    var store: String { folder + "/runs/lab.sqlite" }

    override func setUpWithError() throws {
        XCTAssertTrue(FileManager.default.isExecutableFile(atPath: LabProcess.binary), "lab is not built at \(LabProcess.binary)")
        folder = NSTemporaryDirectory() + "storeproc-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(atPath: folder) }

    /// A script of the small sentence model training for `epochs` epochs.
    private func script(_ name: String, epochs: Int, extra: String = "") throws -> String {
        let path = folder + "/" + name
        try (SentenceScript.setup(root: RepositoryPaths.root) + """
            train m on s.train val=s.val epochs=\(epochs) batch=50\(extra)
            evaluate m on s.val

            """).write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// Starts `lab run PATH` recording into the store next to it (no LAB_STORE).
    private func start(_ path: String, arguments: [String] = []) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: LabProcess.binary)
        process.arguments = ["run", path] + arguments
        process.currentDirectoryURL = URL(fileURLWithPath: folder)
        process.environment = ProcessInfo.processInfo.environment.filter { $0.key != "LAB_STORE" }
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    private func epochsRecorded(_ run: Int64) -> Int {
        guard FileManager.default.fileExists(atPath: store), let s = try? RunStore(path: store), let r = try? s.run(run) else { return 0 }
        return r.epochs.count
    }

    func testKillNineKeepsEveryFinishedEpoch() throws {
        let process = try start(try script("long.exp", epochs: 100_000))
        let deadline = Date().addingTimeInterval(120)
        while epochsRecorded(1) < 3, Date() < deadline, process.isRunning { usleep(20_000) }
        usleep(useconds_t.random(in: 0...30_000))
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        XCTAssertEqual(process.terminationReason, .uncaughtSignal)

        let s = try RunStore(path: store)
        XCTAssertEqual(try s.integrityCheck(), ["ok"])
        let run = try s.run(1)
        XCTAssertEqual(run.status, .running, "a killed run never finished")
        XCTAssertNil(run.endedAt)
        XCTAssertGreaterThanOrEqual(run.epochs.count, 3)
        XCTAssertEqual(run.epochs.map(\.epoch), Array(1...run.epochs.count))
        for epoch in run.epochs {
            XCTAssertEqual(epoch.values.map(\.name), ["loss", "accuracy", "val_loss", "val_accuracy"], "epoch \(epoch.epoch) is whole")
        }
    }

    /// At the prompt, a run's "script" is the statements that succeeded before it, then its own.
    func testPromptStatementsAreTheScriptOfARunStartedThere() throws {
        let statements = SentenceScript.setup() + """
            train m on s.train val=s.val epochs=1 batch=100

            """
        let session = try LabProcess.pipe(statements.replacingOccurrences(of: "split s", with: "bogus\nsplit s") + "runs\n", store: store)
        XCTAssertEqual(session.status, 1, "the bogus line fails")
        let run = try RunStore(path: store).run(1)
        XCTAssertNil(run.scriptPath)
        XCTAssertEqual(run.script, statements)
        XCTAssertEqual(run.statement, "train m on s.train val=s.val epochs=1 batch=100")
        XCTAssertTrue(session.output.contains("1   "), session.output)
    }

    func testServeRefusesAStoreThatIsNotThere() throws {
        let missing = folder + "/none.sqlite"
        let run = try LabProcess.pipe("", arguments: ["serve", "--port", "18199", "--store", missing])
        XCTAssertEqual(run.status, 1)
        XCTAssertEqual(run.errors, "lab serve: no run store at \(missing): runs are recorded in runs/lab.sqlite next to each script; "
                       + "name one with --store\n")
        XCTAssertFalse(FileManager.default.fileExists(atPath: missing))
    }

    func testTwoProcessesWritingOneStore() throws {
        let a = try start(try script("a.exp", epochs: 30)), b = try start(try script("b.exp", epochs: 30))
        a.waitUntilExit()
        b.waitUntilExit()
        XCTAssertEqual([a.terminationStatus, b.terminationStatus], [0, 0])
        let s = try RunStore(path: store)
        XCTAssertEqual(try s.integrityCheck(), ["ok"])
        let runs = try s.recent()
        XCTAssertEqual(runs.count, 4)
        let trains = runs.filter { $0.kind == .train }
        XCTAssertEqual(trains.map(\.epochs.count), [30, 30])
        guard trains.count == 2 else { return }
        XCTAssertEqual(Set(trains.map(\.scriptPath)), [folder + "/a.exp", folder + "/b.exp"])
        // Same seed, same data, same model: the two histories are the same bits.
        XCTAssertEqual(trains[0].epochs.map(\.values), trains[1].epochs.map(\.values))
    }

    func testVerifyPassesOnAReplayAndListsATamperedValue() throws {
        let path = try script("v.exp", epochs: 2)
        let first = try start(path, arguments: ["--verify"])
        first.waitUntilExit()
        XCTAssertEqual(first.terminationStatus, 1, "nothing recorded yet to verify against")

        let pass = try LabProcess.pipe("", arguments: ["run", path, "--verify"], store: store)
        XCTAssertEqual(pass.status, 0, pass.errors)
        XCTAssertTrue(pass.output.hasSuffix("verify: runs 3, 4 equal recorded runs 1, 2 bit for bit (same kernels, "
                                            + "\(try RunStore(path: store).run(1).blas))\n"), pass.output)

        // Change one recorded value by its last bit: the next replay must name it.
        let queue = try DatabaseQueue(path: store)
        let recorded: Double = try queue.read { try Double.fetchOne($0, sql: "SELECT value FROM epoch_values WHERE run_id = 3 AND epoch = 2 AND name = 'val_loss'")! }
        let tampered = Double(Float(recorded).nextUp)
        try queue.write { try $0.execute(sql: "UPDATE epoch_values SET value = ? WHERE run_id = 3 AND epoch = 2 AND name = 'val_loss'",
                                         arguments: [tampered]) }
        let fail = try LabProcess.pipe("", arguments: ["run", path, "--verify"], store: store)
        XCTAssertEqual(fail.status, 1)
        XCTAssertEqual(fail.errors, "verify: 1 difference from recorded runs 3, 4, compared bit for bit (same kernels, "
                       + "\(try RunStore(path: store).run(1).blas)):\n"
                       + "  run 5 (train m on s.train, s.val) against run 3: epoch 2 val_loss \(Float(tampered)) recorded, \(Float(recorded)) now\n")
    }

    /// A run with other `param` values is another experiment: `--verify` does not compare with it.
    func testVerifyComparesOnlyRunsMadeWithTheSameParameterValues() throws {
        let path = folder + "/p.exp"
        try String(contentsOfFile: try script("base.exp", epochs: 1), encoding: .utf8)
            .replacingOccurrences(of: "epochs=1", with: "epochs=$epochs")
            .replacingOccurrences(of: "seed 3\n", with: "seed 3\nparam epochs=1\n")
            .write(toFile: path, atomically: true, encoding: .utf8)
        XCTAssertEqual(try LabProcess.pipe("", arguments: ["run", path, "epochs=2"], store: store).status, 0)
        let other = try LabProcess.pipe("", arguments: ["run", path, "--verify"], store: store)
        XCTAssertEqual(other.status, 1)
        XCTAssertTrue(other.errors.contains("holds no earlier run of this script on the same data"), other.errors)
        let same = try LabProcess.pipe("", arguments: ["run", path, "epochs=2", "--verify"], store: store)
        XCTAssertEqual(same.status, 0, same.errors)
        XCTAssertTrue(same.output.contains("verify: runs 5, 6 equal recorded runs 1, 2 bit for bit"), same.output)
    }

    /// The tensorboard package (in a virtualenv outside the repository: `LAB_TENSORBOARD_PYTHON`, else
    /// /work/venv-tb; `lab.sh test` makes one) reads every history column and the learning rate back.
    func testTensorBoardReadsTheScalarsBack() throws {
        let python = ProcessInfo.processInfo.environment["LAB_TENSORBOARD_PYTHON"] ?? "/work/venv-tb/bin/python"
        guard FileManager.default.isExecutableFile(atPath: python) else {
            throw XCTSkip("no Python with tensorboard at \(python); lab.sh test makes one")
        }
        let process = try start(try script("tb.exp", epochs: 3, extra: " tensorboard=\"\(folder)/tb\""))
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0)
        let reader = Process()
        reader.executableURL = URL(fileURLWithPath: python)
        reader.arguments = [RepositoryPaths.root + "/scripts/tensorboard_readback.py", folder + "/tb"]
        let out = Pipe()
        reader.standardOutput = out
        try reader.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        reader.waitUntilExit()
        XCTAssertEqual(reader.terminationStatus, 0)
        let run = try RunStore(path: store).run(1)
        var expected: [String] = []
        for tag in ["accuracy", "loss", "lr", "val_accuracy", "val_loss"] {
            for epoch in run.epochs {
                let value = tag == "lr" ? Float(0.001) : epoch.value(of: tag)!
                expected.append("\(tag) \(epoch.epoch) \(Double(value))")
            }
        }
        XCTAssertEqual(text.split(separator: "\n").map(String.init), expected)
    }
}
