import Foundation
import XCTest

/// The `lab` REPL driven through a pseudo-terminal, as a person would use it:
/// prompts, a model block across lines, an error that keeps the session, and
/// Ctrl-D to leave. Also the same statements piped in without a terminal.
final class REPLTranscriptTests: XCTestCase {
    /// The debug `lab` binary that `swift build --build-tests` (and so `swift test`) builds.
    var binary: String { RepositoryPaths.root + "/.build/debug/lab" }

    override func setUpWithError() throws {
        XCTAssertTrue(FileManager.default.isExecutableFile(atPath: binary), "lab is not built at \(binary)")
    }

    /// Starts `lab` on a fresh pseudo-terminal and returns the process and the master side.
    func startOnTerminal(home: String) throws -> (Process, FileHandle) {
        var master: Int32 = 0, slave: Int32 = 0
        guard openpty(&master, &slave, nil, nil, nil) == 0 else { throw POSIXError(.ENOTTY) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.currentDirectoryURL = URL(fileURLWithPath: RepositoryPaths.root)
        process.environment = ["HOME": home, "TERM": "dumb", "PATH": "/usr/bin:/bin"]
        let slaveHandle = FileHandle(fileDescriptor: slave, closeOnDealloc: true)
        process.standardInput = slaveHandle
        process.standardOutput = slaveHandle
        process.standardError = slaveHandle
        try process.run()
        return (process, FileHandle(fileDescriptor: master, closeOnDealloc: true))
    }

    /// Reads from the terminal until `marker` has appeared `count` times in total output, or 60 s pass.
    func read(_ terminal: FileHandle, until marker: String, count: Int = 1, into buffer: inout String) {
        read(terminal, into: &buffer) { $0.components(separatedBy: marker).count - 1 >= count }
    }

    /// Reads from the terminal until `done` holds for the whole output so far, or 60 s pass.
    func read(_ terminal: FileHandle, into buffer: inout String, until done: (String) -> Bool) {
        let deadline = Date().addingTimeInterval(60)
        while !done(buffer) && Date() < deadline {
            var poller = pollfd(fd: terminal.fileDescriptor, events: Int16(POLLIN), revents: 0)
            guard poll(&poller, 1, 200) > 0 else { continue }
            let data = terminal.availableData
            if data.isEmpty { break }
            buffer += String(decoding: data, as: UTF8.self)
        }
    }

    func testSessionThroughAPseudoTerminal() throws {
        let home = NSTemporaryDirectory() + "repl-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: home) }
        let (process, terminal) = try startOnTerminal(home: home)
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
        read(terminal, until: "lab> ", into: &screen)
        for (line, expected) in steps {
            terminal.write(Data(line.utf8))
            read(terminal, until: expected, count: screen.components(separatedBy: expected).count, into: &screen)
            XCTAssertTrue(screen.contains(expected), "after \(line.debugDescription) expected \(expected.debugDescription) in:\n\(screen)")
        }
        // A person presses Ctrl-D at the prompt; before readline is back, the
        // terminal is in line mode and would swallow the end-of-file mark.
        read(terminal, into: &screen) { $0.hasSuffix("lab> ") }
        terminal.write(Data([4]))   // Ctrl-D on an empty line
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0)
        XCTAssertTrue(screen.hasPrefix("lab "), screen)
        let history = try String(contentsOfFile: home + "/.lab_history", encoding: .utf8)
        XCTAssertTrue(history.contains("summary m"), history)
    }

    func testPipedInputContinuesAfterErrorsAndFailsAtTheEnd() throws {
        let run = try pipe("echo \"one\"\nbogus\necho \"two\"\n")
        XCTAssertEqual(run.output, "one\ntwo\n")
        XCTAssertEqual(run.errors, "<stdin>:2:1: error: unknown command 'bogus' (type 'help' for the list)\nbogus\n^\n")
        XCTAssertEqual(run.status, 1)
    }

    /// Runs `lab` with `input` on standard input (no terminal) and returns its output and status.
    func pipe(_ input: String, arguments: [String] = []) throws -> (output: String, errors: String, status: Int32) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: RepositoryPaths.root)
        let stdin = Pipe(), stdout = Pipe(), stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        stdin.fileHandleForWriting.write(Data(input.utf8))
        try stdin.fileHandleForWriting.close()
        let output = String(decoding: stdout.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let errors = String(decoding: stderr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (output, errors, process.terminationStatus)
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
        let live = try pipe(session)
        XCTAssertEqual(live.status, 1)
        XCTAssertEqual(try String(contentsOfFile: script, encoding: .utf8),
                       "model m\n  embedding 50 4\n  lstm 3\n  dense 1 sigmoid\nend\nsummary m\n")
        let replay = try pipe("", arguments: ["run", script])
        XCTAssertEqual(replay.status, 0, replay.errors)
        XCTAssertTrue(live.output.contains(replay.output), "replay:\n\(replay.output)\nlive:\n\(live.output)")
    }
}
