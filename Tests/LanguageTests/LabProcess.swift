import Foundation
import XCTest

/// Runs the built `lab` binary as a person would: on a pseudo-terminal, with
/// piped standard input, or as `lab run`.
enum LabProcess {
    /// The debug `lab` binary that `swift build --build-tests` (and so `swift test`) builds.
    static var binary: String { RepositoryPaths.root + "/.build/debug/lab" }

    /// Starts `lab` (with `arguments`) on a fresh pseudo-terminal and returns the process and the master side.
    ///
    /// The terminal is lab's controlling terminal (`setsid --ctty`, in a session of its own), as
    /// in a real one: Ctrl-C typed while no prompt is up raises SIGINT.
    /// - Parameter term: `TERM`; readline turns bracketed paste on for `xterm`, not for `dumb`.
    static func startOnTerminal(home: String, arguments: [String] = [], term: String = "dumb") throws -> (Process, FileHandle) {
        var master: Int32 = 0, slave: Int32 = 0
        guard openpty(&master, &slave, nil, nil, nil) == 0 else { throw POSIXError(.ENOTTY) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/setsid")
        process.arguments = ["--wait", "--ctty", binary] + arguments
        process.currentDirectoryURL = URL(fileURLWithPath: RepositoryPaths.root)
        process.environment = ["HOME": home, "TERM": term, "PATH": "/usr/bin:/bin", "LAB_STORE": "off"]
        let slaveHandle = FileHandle(fileDescriptor: slave, closeOnDealloc: true)
        process.standardInput = slaveHandle
        process.standardOutput = slaveHandle
        process.standardError = slaveHandle
        try process.run()
        return (process, FileHandle(fileDescriptor: master, closeOnDealloc: true))
    }

    /// Reads from the terminal until `marker` has appeared `count` times in total output, or 60 s pass.
    static func read(_ terminal: FileHandle, until marker: String, count: Int = 1, into buffer: inout String) {
        read(terminal, into: &buffer) { $0.components(separatedBy: marker).count - 1 >= count }
    }

    /// Reads from the terminal until `done` holds for the whole output so far, or `timeout` seconds pass.
    static func read(_ terminal: FileHandle, into buffer: inout String, timeout: Double = 60, until done: (String) -> Bool) {
        let deadline = Date().addingTimeInterval(timeout)
        while !done(buffer) && Date() < deadline {
            var poller = pollfd(fd: terminal.fileDescriptor, events: Int16(POLLIN), revents: 0)
            guard poll(&poller, 1, 200) > 0 else { continue }
            let data = terminal.availableData
            if data.isEmpty { break }
            buffer += String(decoding: data, as: UTF8.self)
        }
    }

    /// Runs `lab` with `input` on standard input (no terminal) and returns its output and status.
    /// Runs are not recorded unless `store` names a store file (tests never write into the repository).
    static func pipe(_ input: String, arguments: [String] = [], store: String = "off")
        throws -> (output: String, errors: String, status: Int32) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(["LAB_STORE": store]) { $1 }
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

    /// Writes `source` to a fresh temporary `.exp` file and returns its path.
    static func script(_ source: String) throws -> String {
        let path = NSTemporaryDirectory() + "lab-\(UUID().uuidString).exp"
        try source.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }
}

/// A `lab` REPL on a pseudo-terminal with a fresh home folder (so a fresh history), driven key by key.
final class TerminalSession {
    let process: Process
    let terminal: FileHandle
    let home: String
    /// Everything the terminal has shown so far, as raw bytes decoded.
    private(set) var screen = ""

    /// Starts `lab` and waits for its first prompt.
    init(term: String = "dumb") throws {
        home = NSTemporaryDirectory() + "repl-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
        (process, terminal) = try LabProcess.startOnTerminal(home: home, term: term)
        wait(for: "lab> ")
    }

    deinit {
        if process.isRunning { process.terminate() }
        try? FileManager.default.removeItem(atPath: home)
    }

    /// What the terminal shows, with carriage returns removed.
    var text: String { screen.replacingOccurrences(of: "\r", with: "") }

    /// Types `keys` and waits until `marker` has appeared once more than before (or 60 s pass).
    func type(_ keys: String, waitFor marker: String) {
        let seen = screen.components(separatedBy: marker).count - 1
        terminal.write(Data(keys.utf8))
        wait(for: marker, count: seen + 1)
    }

    /// Types `keys` and waits until the whole text shown (carriage returns removed) satisfies `done` (or 60 s pass).
    func type(_ keys: String, until done: @escaping (String) -> Bool) {
        terminal.write(Data(keys.utf8))
        wait { done($0.replacingOccurrences(of: "\r", with: "")) }
    }

    /// Waits until `marker` has appeared `count` times in all output (or 60 s pass).
    func wait(for marker: String, count: Int = 1) {
        LabProcess.read(terminal, until: marker, count: count, into: &screen)
    }

    /// Waits until the output so far satisfies `done` (or `timeout` seconds pass).
    func wait(timeout: Double = 60, until done: (String) -> Bool) {
        LabProcess.read(terminal, into: &screen, timeout: timeout, until: done)
    }

    /// Reads whatever arrives until the process ends (or 60 s pass) and returns its status; a
    /// process still running then is killed, so a test fails (status 9 by signal) instead of hanging.
    func waitForExit() -> Int32 {
        wait { _ in !process.isRunning }
        wait(timeout: 0.5) { _ in false }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        return process.terminationStatus
    }
}
