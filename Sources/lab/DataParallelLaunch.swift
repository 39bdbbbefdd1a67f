import DataParallel
import Foundation
import TensorCore

/// How `lab run` behaves when `mpirun` started it: joins the run, quiets every process but 0,
/// checks that all processes run the same script, and stops them all on an error.
enum DataParallelLaunch {
    /// Joins the data-parallel run when `mpirun` launched lab (else nil, and MPI is never loaded);
    /// `script` is the script `lab run` replays (nil for `lab bench`).
    ///
    /// Processes other than 0 send standard output to /dev/null and write no files; their
    /// standard error stays, for an error only they meet.
    /// - Throws: `DataParallelError` when Open MPI cannot be loaded, or the processes run
    ///   different scripts or arguments.
    static func join(script: String?) throws(DataParallelError) -> Communicator? {
        guard let communicator = try Communicator.joinIfLaunched() else { return nil }
        if !communicator.isLeader {
            let null = open("/dev/null", O_WRONLY)
            if null >= 0 { dup2(null, STDOUT_FILENO); close(null) }
            AtomicFile.discardsWrites = true
        }
        var fingerprint = Fingerprint()
        for argument in CommandLine.arguments.dropFirst() { fingerprint.add(argument) }
        if let script, let bytes = FileManager.default.contents(atPath: script) {
            bytes.withUnsafeBytes { fingerprint.add($0.baseAddress ?? UnsafeRawPointer(bitPattern: 1)!, count: $0.count) }
        }
        do {
            try communicator.requireAgreement(on: "scripts or arguments", fingerprint: fingerprint.value)
        } catch {
            fail(communicator, message: error.description + "\n")
        }
        return communicator
    }

    /// Reports `message` once and ends every process of the run (`MPI_Abort`), so none waits forever
    /// in a collective. Process 0 reports at once; another waits 2 s first, so an error every process
    /// meets (a script error) is reported once, by process 0, whose abort ends the others.
    static func fail(_ communicator: Communicator, message: String) -> Never {
        if !communicator.isLeader {
            sleep(2)
            StandardOutput.error("process \(communicator.rank) of \(communicator.size): ")
        }
        StandardOutput.error(message)
        communicator.abort(code: 1)
    }
}
