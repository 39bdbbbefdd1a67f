import ArgumentParser
import Language
import TensorCore

/// The root command: the REPL when given no subcommand.
struct Lab: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lab",
        abstract: "An interactive shell for deep learning on text.",
        subcommands: [Run.self, Check.self, Bench.self, Serve.self])

    @Flag(name: .long, help: "Print the version, the BLAS kernels in use and the thread count.")
    var version = false

    func run() throws {
        if version {
            print(VersionInfo.text)
            return
        }
        InterruptHandler.install()
        let status = REPL().run()
        if status != 0 { throw ExitCode(status) }
    }
}

/// The version line: lab's version, OpenBLAS's kernel set and the thread count.
enum VersionInfo {
    static let version = LabVersion.current
    static var text: String {
        "lab \(version) (BLAS: OpenBLAS \(BLASRuntime.coreName), threads: \(Parallel.threads))"
    }
}
