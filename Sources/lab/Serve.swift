import ArgumentParser
import Foundation
import RunServer
import RunStore

/// `lab serve`: the runs page of a store until interrupted.
struct Serve: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Serve the runs page (run list, live charts, comparisons) over HTTP.")

    @Option(name: .long, help: "The TCP port.")
    var port: Int = 8080

    @Option(name: .long, help: "The address to listen on; only this machine can connect to the default.")
    var host = "127.0.0.1"

    @Option(name: .long, help: "The run store (default: LAB_STORE, else runs/lab.sqlite in this folder).")
    var store: String?

    func run() throws {
        guard (1...65535).contains(port) else { throw ValidationError("--port must be from 1 to 65535") }
        let environment = ProcessInfo.processInfo.environment["LAB_STORE"].flatMap { $0.isEmpty || $0 == "off" ? nil : $0 }
        let path = store ?? environment ?? "runs/lab.sqlite"
        guard FileManager.default.fileExists(atPath: path) else {
            StandardOutput.error("lab serve: no run store at \(path): runs are recorded in runs/lab.sqlite next to each script; "
                                 + "name one with --store\n")
            throw ExitCode.failure
        }
        let server = try RunServer(store: try RunStore(path: path), host: host, port: UInt16(port))
        StandardOutput.console.print("serving \(path) at http://\(server.address)/ (Ctrl-C stops)")
        while true { sleep(3600) }
    }
}

/// Lets the REPL's `serve` start a server that lives as long as the process.
enum REPLServer {
    nonisolated(unsafe) private static var servers: [RunServer] = []

    static func start(_ store: RunStore, host: String, port: Int) throws -> String {
        guard (1...65535).contains(port) else { throw ValidationError("port must be from 1 to 65535") }
        let server = try RunServer(store: store, host: host, port: UInt16(port))
        servers.append(server)
        return server.address
    }
}
