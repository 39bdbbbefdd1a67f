import Foundation
@testable import Language
import XCTest

/// `mpirun -np N lab run x.exp`: data-parallel training over Open MPI, run as a user would.
///
/// Every process runs one thread (`OPENBLAS_NUM_THREADS=1`), so two processes share this
/// machine's two cores. Skipped only when `mpirun` is missing (`lab.sh` installs Open MPI).
final class DataParallelTests: XCTestCase {
    static let mpirun = ["/usr/bin/mpirun", "/usr/local/bin/mpirun"].first { FileManager.default.isExecutableFile(atPath: $0) }

    override func setUpWithError() throws {
        XCTAssertTrue(FileManager.default.isExecutableFile(atPath: LabProcess.binary), "lab is not built at \(LabProcess.binary)")
        if Self.mpirun == nil {
            throw XCTSkip("mpirun not found: data-parallel tests need Open MPI (apt-get install openmpi-bin libopenmpi-dev; lab.sh installs it)")
        }
    }

    /// A fresh folder for one test's files, removed when the test ends.
    private func scratchFolder() throws -> String {
        let folder = NSTemporaryDirectory() + "lab-dp-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(atPath: folder) }
        return folder
    }

    /// A small SST-2 run with dropout, validation and an uneven last batch (3,000 = 46 × 64 + 56).
    /// An embedding of 2,000 rows is allreduced densely; one of 20,000 (more rows than a batch of
    /// 64 × 30 tokens can touch) is exchanged as touched rows (`DataParallelStep`).
    static func script(exporting csv: String, batch: Int = 64, embeddingRows: Int = 2000) -> String {
        """
        seed 5
        load sst.train from "data/sst2/train.tsv" text=sentence label=label limit=3000
        load sst.test from "data/sst2/dev.tsv" text=content label=label
        tokenize sst words=2000 maxlen=30
        model m
          embedding \(embeddingRows) 16
          lstm 16 recurrent_dropout=0.1
          dropout 0.3
          dense 1 sigmoid
        end
        train m on sst.train val=sst.test epochs=2 batch=\(batch)
        export m to "\(csv)"
        evaluate m on sst.test
        """
    }

    /// Runs `arguments` (a command line) with one thread per process; gives up after 180 s.
    static func run(_ arguments: [String]) throws -> (output: String, errors: String, status: Int32, seconds: Double) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/timeout")
        process.arguments = ["180"] + arguments
        process.currentDirectoryURL = URL(fileURLWithPath: RepositoryPaths.root)
        var environment = ProcessInfo.processInfo.environment
        environment["OPENBLAS_NUM_THREADS"] = "1"
        process.environment = environment
        let stdout = Pipe(), stderr = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        let start = Date()
        try process.run()
        nonisolated(unsafe) var errors = Data()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async {
            errors = stderr.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return (String(decoding: output, as: UTF8.self), String(decoding: errors, as: UTF8.self), process.terminationStatus,
                Date().timeIntervalSince(start))
    }

    static func mpi(_ n: Int, _ labArguments: [String]) -> [String] {
        [mpirun!, "--allow-run-as-root", "--oversubscribe", "-np", "\(n)", LabProcess.binary] + labArguments
    }

    /// The history as rows of numbers (the header dropped).
    static func history(_ path: String) throws -> [[Double]] {
        try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").dropFirst()
            .map { $0.split(separator: ",").map { Double($0)! } }
    }

    /// The history of two processes equals one process's at the same global batch and seed, within
    /// 1e-5 relative per epoch value (measured: ≤ 2e-7; see the README for why not bit-exact).
    func testHistoryOfTwoProcessesEqualsOneProcess() throws {
        let folder = try scratchFolder()
        let single = try LabProcess.script(Self.script(exporting: folder + "/one.csv"))
        let parallel = try LabProcess.script(Self.script(exporting: folder + "/two.csv"))
        let one = try Self.run([LabProcess.binary, "run", single])
        XCTAssertEqual(one.status, 0, one.errors)
        let two = try Self.run(Self.mpi(2, ["run", parallel]))
        XCTAssertEqual(two.status, 0, two.errors)
        XCTAssertEqual(two.output.components(separatedBy: "data-parallel: 2 processes (MPI), global batch 64, 32 per process\n").count, 2,
                       "rank 0 alone prints the setup line, once:\n\(two.output)")
        XCTAssertEqual(two.output.components(separatedBy: "Epoch 1/2").count, 2, "only rank 0 prints progress")
        let a = try Self.history(folder + "/one.csv"), b = try Self.history(folder + "/two.csv")
        XCTAssertEqual(a.count, 2)
        XCTAssertEqual(a.map(\.count), b.map(\.count))
        for (rowA, rowB) in zip(a, b) {
            for (x, y) in zip(rowA, rowB) {
                XCTAssertLessThanOrEqual(abs(x - y), 1e-5 * abs(x), "epoch \(rowA[0]): \(x) vs \(y)")
            }
        }
        // The test result is computed over the whole dev set from both processes' shares.
        let testLine = { (out: String) in out.split(separator: "\n").last { $0.hasPrefix("loss: ") }.map(String.init) }
        XCTAssertNotNil(testLine(two.output))
        XCTAssertEqual(testLine(one.output)?.suffix(17), testLine(two.output)?.suffix(17), "test accuracy")
    }

    /// Sparse rows (tf-idf of the Amazon reviews) are split by rows like dense ones: the first
    /// dense layer's gradient of each process's rows, allreduced, equals one process's history.
    func testSparseFeaturesTrainAlikeInTwoProcesses() throws {
        let folder = try scratchFolder()
        let script = { (csv: String) in
            """
            seed 4
            load r from "data/amazon/reviews_6k.ft.txt" limit=1500
            split r train=0.8 val=0.2
            vectorize r tfidf words=3000
            model m
              dense 16 relu
              dropout 0.2
              dense 1 sigmoid
            end
            train m on r.train val=r.val epochs=2 batch=50
            export m to "\(csv)"
            """
        }
        let one = try Self.run([LabProcess.binary, "run", try LabProcess.script(script(folder + "/one.csv"))])
        XCTAssertEqual(one.status, 0, one.errors)
        let two = try Self.run(Self.mpi(2, ["run", try LabProcess.script(script(folder + "/two.csv"))]))
        XCTAssertEqual(two.status, 0, two.errors)
        let a = try Self.history(folder + "/one.csv"), b = try Self.history(folder + "/two.csv")
        XCTAssertEqual(a.count, 2)
        XCTAssertEqual(a.map(\.count), b.map(\.count))
        for (rowA, rowB) in zip(a, b) {
            for (x, y) in zip(rowA, rowB) { XCTAssertLessThanOrEqual(abs(x - y), 1e-5 * abs(x), "epoch \(rowA[0]): \(x) vs \(y)") }
        }
    }

    /// Over libsvm chunk files each process reads whole files of its own: one process under
    /// mpirun trains as a plain run does, two train together, three for two files are refused.
    func testChunkFilesAreSplitBetweenProcesses() throws {
        let folder = try scratchFolder()
        let prepare = try LabProcess.script("""
            load r from "data/amazon/reviews_6k.ft.txt" limit=1200
            split r train=0.8 test=0.2
            vectorize r tfidf words=2000
            export r.train to "\(folder)/train_%02d.svm" chunks=4
            export r.test to "\(folder)/test.svm"
            export r.train to "\(folder)/pair_%02d.svm" chunks=2
            """)
        let made = try Self.run([LabProcess.binary, "run", prepare])
        XCTAssertEqual(made.status, 0, made.errors)
        let script = { (glob: String, csv: String) in
            """
            seed 4
            load c from "\(folder)/\(glob)" stream=true features=2000
            load t from "\(folder)/test.svm" features=2000
            model m
              dense 16 relu
              dense 1 sigmoid
            end
            train m on c val=t epochs=3 batch=40
            export m to "\(csv)"
            """
        }
        let plain = try Self.run([LabProcess.binary, "run", try LabProcess.script(script("train_*.svm", folder + "/plain.csv"))])
        XCTAssertEqual(plain.status, 0, plain.errors)
        let one = try Self.run(Self.mpi(1, ["run", try LabProcess.script(script("train_*.svm", folder + "/one.csv"))]))
        XCTAssertEqual(one.status, 0, one.errors)
        let a = try Self.history(folder + "/plain.csv"), b = try Self.history(folder + "/one.csv")
        XCTAssertEqual(a.count, 3)
        for (rowA, rowB) in zip(a, b) {
            for (x, y) in zip(rowA.dropLast(), rowB.dropLast()) {  // the last column is seconds
                XCTAssertLessThanOrEqual(abs(x - y), 1e-6 * abs(x), "epoch \(rowA[0]): \(x) vs \(y)")
            }
        }
        let two = try Self.run(Self.mpi(2, ["run", try LabProcess.script(script("train_*.svm", folder + "/two.csv"))]))
        XCTAssertEqual(two.status, 0, two.errors)
        XCTAssertTrue(two.output.contains("data-parallel: 2 processes (MPI), global batch 40, 20 per process, 4 chunk files: 2 per process\n"),
                      two.output)
        let shared = try Self.history(folder + "/two.csv")
        let losses = shared.map { $0[1] }
        XCTAssertEqual(losses.count, 3)
        // Each global batch mixes rows of two chunks, so the batches (and the history) are not one process's.
        XCTAssertGreaterThan(abs(shared[0][1] - a[0][1]), 1e-4 * a[0][1], "two processes read their own chunks")
        XCTAssertLessThan(losses[2], losses[0], "two processes over their own chunks learn")
        let three = try Self.run(Self.mpi(3, ["run", try LabProcess.script(script("pair_*.svm", folder + "/three.csv"))]))
        XCTAssertNotEqual(three.status, 0)
        XCTAssertTrue(three.errors.contains("data-parallel run: 2 chunk files for 3 processes; each process reads whole files of its own"),
                      three.errors)
    }

    /// One streamed fastText file is cut into byte ranges, one per process, each read by its
    /// process only: under mpirun one process trains as a plain run does, two and three learn.
    func testAStreamedFileIsSplitIntoByteRanges() throws {
        let folder = try scratchFolder()
        let script = { (csv: String, extra: String) in
            """
            seed 6
            load f from "data/amazon/reviews_6k.ft.txt" stream=true
            tokenize f words=3000 maxlen=40
            model m
              embedding 3000 16
              globalaveragepooling1d
              dense 1 sigmoid
            end
            train m on f epochs=3 batch=64\(extra)
            export m to "\(csv)"
            """
        }
        let plain = try Self.run([LabProcess.binary, "run", try LabProcess.script(script(folder + "/plain.csv", ""))])
        XCTAssertEqual(plain.status, 0, plain.errors)
        let one = try Self.run(Self.mpi(1, ["run", try LabProcess.script(script(folder + "/one.csv", ""))]))
        XCTAssertEqual(one.status, 0, one.errors)
        let a = try Self.history(folder + "/plain.csv"), b = try Self.history(folder + "/one.csv")
        XCTAssertEqual(a.count, 3)
        for (rowA, rowB) in zip(a, b) {
            for (x, y) in zip(rowA.dropLast(), rowB.dropLast()) { XCTAssertLessThanOrEqual(abs(x - y), 1e-6 * abs(x), "epoch \(rowA[0])") }
        }
        for (n, extra) in [(2, ""), (3, " shuffle_buffer=200")] {
            let csv = folder + "/n\(n).csv"
            let run = try Self.run(Self.mpi(n, ["run", try LabProcess.script(script(csv, extra))]))
            XCTAssertEqual(run.status, 0, run.errors)
            XCTAssertTrue(run.output.contains("per process, the file in \(n) byte ranges\n"), run.output)
            let losses = try Self.history(csv).map { $0[1] }
            XCTAssertLessThan(losses[2], losses[0], "\(n) processes over their own ranges learn")
            XCTAssertGreaterThan(abs(losses[0] - a[0][1]), 1e-4 * a[0][1], "each global batch mixes \(n) ranges")
        }
    }

    /// A global batch that does not divide: 3 processes take 22, 21 and 21 rows of 64; the
    /// embedding's touched rows are gathered rather than allreduced densely.
    func testThreeProcessesWithUnevenSharesAndGatheredEmbeddingRows() throws {
        let folder = try scratchFolder()
        let single = try LabProcess.script(Self.script(exporting: folder + "/one.csv", embeddingRows: 20000))
        let parallel = try LabProcess.script(Self.script(exporting: folder + "/three.csv", embeddingRows: 20000))
        XCTAssertEqual(try Self.run([LabProcess.binary, "run", single]).status, 0)
        let three = try Self.run(Self.mpi(3, ["run", parallel]))
        XCTAssertEqual(three.status, 0, three.errors)
        XCTAssertTrue(three.output.contains("data-parallel: 3 processes (MPI), global batch 64, 22 or 21 per process\n"), three.output)
        for (rowA, rowB) in zip(try Self.history(folder + "/one.csv"), try Self.history(folder + "/three.csv")) {
            for (x, y) in zip(rowA, rowB) { XCTAssertLessThanOrEqual(abs(x - y), 1e-5 * abs(x), "epoch \(rowA[0])") }
        }
    }

    /// The bundled experiment runs green under `mpirun -np 2` (its `expect` lines are the assertions).
    func testDistributedExperimentRunsUnderMPI() throws {
        let result = try Self.run(Self.mpi(2, ["run", "experiments/distributed_sst2.exp"]))
        XCTAssertEqual(result.status, 0, result.errors)
        XCTAssertTrue(result.output.contains("data-parallel: 2 processes (MPI), global batch 64, 32 per process"), result.output)
        XCTAssertEqual(result.output.components(separatedBy: "\nok: ").count, 3, result.output)
    }

    /// Processes that run different scripts refuse to start together: one message, non-zero, no hang.
    func testProcessesWithDifferentScriptsRefuseToStart() throws {
        let a = try LabProcess.script("seed 1\necho \"a\"\n"), b = try LabProcess.script("seed 2\necho \"a\"\n")
        let result = try Self.run([Self.mpirun!, "--allow-run-as-root", "--oversubscribe", "-np", "1", LabProcess.binary, "run", a,
                                   ":", "-np", "1", LabProcess.binary, "run", b])
        XCTAssertNotEqual(result.status, 0)
        XCTAssertLessThan(result.seconds, 60)
        XCTAssertEqual(result.errors.components(separatedBy: "the processes see different scripts or arguments").count, 2, result.errors)
        XCTAssertFalse(result.output.contains("a\n"), "nothing ran")
    }

    /// The same script reading different data files (one row differs) refuses to train, before any
    /// update: the fingerprints of the tokenized training data differ.
    func testProcessesWithDifferentDataRefuseToTrain() throws {
        let root = try scratchFolder()
        let rows = (0..<40).map { i in ["good fine", "bad dull", "great nice", "awful poor"][i % 4] + ",\(i % 2)" }
        for (folder, changed) in [("a", rows), ("b", rows.enumerated().map { $0.offset == 7 ? "awful awful,0" : $0.element })] {
            try FileManager.default.createDirectory(atPath: root + "/" + folder, withIntermediateDirectories: true)
            try (["text,label"] + changed).joined(separator: "\n").write(toFile: root + "/\(folder)/d.csv", atomically: true, encoding: .utf8)
        }
        let script = try LabProcess.script("""
            seed 1
            load d from "d.csv" text=text label=label
            tokenize d words=100 maxlen=5
            model m
              embedding 100 4
              lstm 4
              dense 1 sigmoid
            end
            train m on d epochs=1 batch=8
            echo "trained"
            """)
        let result = try Self.run([Self.mpirun!, "--allow-run-as-root", "--oversubscribe",
                                   "-np", "1", "--wdir", root + "/a", LabProcess.binary, "run", script,
                                   ":", "-np", "1", "--wdir", root + "/b", LabProcess.binary, "run", script])
        XCTAssertNotEqual(result.status, 0)
        XCTAssertEqual(result.errors.components(separatedBy: "the processes see different training data (or vocabulary) "
                                                + "(process 1 differs from process 0)").count, 2, result.errors)
        XCTAssertFalse(result.output.contains("Epoch 1/1"), result.output)
        XCTAssertFalse(result.output.contains("trained"), result.output)
    }

    /// An error only one process meets (its data file is missing) stops every process within
    /// seconds, non-zero, reported once by that process; the other is not left waiting.
    func testErrorOnOneProcessStopsAll() throws {
        let root = try scratchFolder()
        for folder in ["a", "b"] { try FileManager.default.createDirectory(atPath: root + "/" + folder, withIntermediateDirectories: true) }
        let rows = (0..<40).map { i in ["good fine", "bad dull"][i % 2] + ",\(i % 2)" }
        try (["text,label"] + rows).joined(separator: "\n").write(toFile: root + "/a/d.csv", atomically: true, encoding: .utf8)
        let script = try LabProcess.script("""
            seed 1
            load d from "d.csv" text=text label=label
            tokenize d words=100 maxlen=5
            model m
              embedding 100 4
              globalmaxpool1d
              dense 1 sigmoid
            end
            train m on d epochs=1 batch=8
            """)
        let result = try Self.run([Self.mpirun!, "--allow-run-as-root", "--oversubscribe",
                                   "-np", "1", "--wdir", root + "/a", LabProcess.binary, "run", script,
                                   ":", "-np", "1", "--wdir", root + "/b", LabProcess.binary, "run", script])
        XCTAssertNotEqual(result.status, 0)
        XCTAssertLessThan(result.seconds, 30)
        XCTAssertEqual(result.errors.components(separatedBy: "process 1 of 2: ").count, 2, result.errors)
        XCTAssertEqual(result.errors.components(separatedBy: "d.csv: no such file or directory").count, 2, result.errors)
    }

    /// More processes than rows of a batch is an error naming the fix, reported once.
    func testBatchSmallerThanProcessesIsAnError() throws {
        let path = try LabProcess.script(Self.script(exporting: "/dev/null", batch: 1))
        let result = try Self.run(Self.mpi(2, ["run", path]))
        XCTAssertNotEqual(result.status, 0)
        XCTAssertEqual(result.errors.components(separatedBy: "error: data-parallel run: the batch has 1 row for 2 processes; "
                                                + "each process needs at least one (run fewer processes with mpirun -np, or a larger batch)").count,
                       2, result.errors)
    }

    /// A process killed mid-training (`kill -9`) ends the whole run within seconds, non-zero: no hang.
    func testKilledProcessEndsTheRun() throws {
        let path = try LabProcess.script(Self.script(exporting: "/dev/null").replacingOccurrences(of: "epochs=2", with: "epochs=1000"))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.mpirun!)
        process.arguments = Array(Self.mpi(2, ["run", path]).dropFirst())
        process.currentDirectoryURL = URL(fileURLWithPath: RepositoryPaths.root)
        process.environment = ProcessInfo.processInfo.environment.merging(["OPENBLAS_NUM_THREADS": "1"]) { $1 }
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        defer { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
        Thread.sleep(forTimeInterval: 4)
        let children = try Self.run(["/usr/bin/pgrep", "-P", "\(process.processIdentifier)"]).output
            .split(separator: "\n").compactMap { Int32($0) }
        XCTAssertEqual(children.count, 2, "mpirun's two lab processes")
        guard let victim = children.last else { return }
        kill(victim, SIGKILL)
        let killed = Date()
        while process.isRunning && Date().timeIntervalSince(killed) < 20 { Thread.sleep(forTimeInterval: 0.1) }
        XCTAssertFalse(process.isRunning, "the run outlived a dead process by 20 s")
        XCTAssertNotEqual(process.terminationStatus, 0)
    }

    /// A plain `lab` does not link Open MPI: it loads libmpi only when mpirun launched it.
    func testPlainLabDoesNotLinkMPI() throws {
        let result = try Self.run(["/usr/bin/ldd", LabProcess.binary])
        XCTAssertEqual(result.status, 0)
        XCTAssertTrue(result.output.contains("libopenblas"), result.output)
        XCTAssertFalse(result.output.contains("libmpi"), result.output)
    }

    func testSetupLine() {
        XCTAssertEqual(Interpreter.dataParallelLine(processes: 2, batch: 64), "data-parallel: 2 processes (MPI), global batch 64, 32 per process")
        XCTAssertEqual(Interpreter.dataParallelLine(processes: 1, batch: 32), "data-parallel: 1 process (MPI), global batch 32, 32 per process")
        XCTAssertEqual(Interpreter.dataParallelLine(processes: 4, batch: 50), "data-parallel: 4 processes (MPI), global batch 50, 13 or 12 per process")
        XCTAssertEqual(Interpreter.dataParallelLine(processes: 3, batch: 30, chunkFiles: 10),
                       "data-parallel: 3 processes (MPI), global batch 30, 10 per process, 10 chunk files: 4 or 3 per process")
        XCTAssertEqual(Interpreter.dataParallelLine(processes: 2, batch: 64, byteRanges: true),
                       "data-parallel: 2 processes (MPI), global batch 64, 32 per process, the file in 2 byte ranges")
    }
}
