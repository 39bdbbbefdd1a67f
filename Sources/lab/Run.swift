import TensorCore
import ArgumentParser
import DataParallel
import Foundation
import LabData
import Language
import Rendering

/// `lab run FILE.exp`: replay a script.
struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Replay a .exp script; exits non-zero on its first error.")

    @Argument(help: "The script to run.")
    var script: String

    @Argument(help: "Script parameters NAME=VALUE, overriding the defaults of its `param` lines.")
    var parameters: [String] = []

    @Flag(name: .long, help: "Compare every history value and result with the last recorded run of this script on the same data.")
    var verify = false

    func run() throws {
        InterruptHandler.install()
        let parameters = try Self.parameters(parameters)
        let communicator: Communicator?
        do {
            communicator = try DataParallelLaunch.join(script: script)
        } catch {
            StandardOutput.error(error.description + "\n")
            throw ExitCode.failure
        }
        let session = Session(console: StandardOutput.console, isInteractive: false)
        StoreLocation.configure(session, folder: (script as NSString).deletingLastPathComponent)
        session.communicator = communicator
        let interpreter = Interpreter(session: session)
        do {
            try ScriptRunner.run(path: script, in: interpreter, parameters: parameters)
        } catch {
            if let communicator { DataParallelLaunch.fail(communicator, message: ScriptRunner.render(error)) }
            StandardOutput.error(ScriptRunner.render(error))
            throw ExitCode.failure
        }
        if verify, communicator?.rank ?? 0 == 0 {
            let outcome = try ReplayVerification.verify(interpreter)
            if outcome.passed { print(outcome.text, terminator: "") } else { StandardOutput.error(outcome.text) }
            if !outcome.passed {
                communicator?.finalize()
                throw ExitCode.failure
            }
        }
        communicator?.finalize()
        keepDatasetsPastExit(session)
    }

    /// Leaves the session's datasets to the kernel, which takes back all of a process's memory
    /// at once when it exits: freeing them one String at a time was a tenth of a whole-process
    /// `load` of 540k rows (`perf record`: `Dataset` deinit, `free`).
    private func keepDatasetsPastExit(_ session: Session) {
        for group in session.datasets.values { _ = Unmanaged.passRetained(group) }
    }
}

extension Run {
    /// Command-line `NAME=VALUE` arguments as script parameters.
    /// - Throws: a validation error naming the first malformed argument.
    static func parameters(_ arguments: [String]) throws -> ScriptParameters {
        do {
            return ScriptParameters(overrides: try ScriptParameters.overrides(from: arguments))
        } catch {
            throw ValidationError(error.description)
        }
    }
}

/// `lab check FILE.exp`: parse and shape-check without loading data or training.
struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Parse and shape-check a .exp script without loading data or training.")

    @Argument(help: "The scripts to check, then script parameters NAME=VALUE as `lab run` takes them.")
    var arguments: [String]

    func run() throws {
        var failed = false
        // A script path never holds '=' here; parameters do.
        let parameters = try Run.parameters(arguments.filter { $0.contains("=") })
        for path in arguments where !path.contains("=") {
            let parsed: ParsedScript
            do {
                parsed = try ScriptRunner.parse(path: path, parameters: parameters)
            } catch {
                StandardOutput.error(ScriptRunner.render(error))
                failed = true
                continue
            }
            var checker = Checker()
            let problems = checker.check(parsed)
            for warning in checker.warnings { StandardOutput.error(warning + "\n") }
            for problem in problems { StandardOutput.error(ScriptRunner.render(problem, script: parsed)) }
            if problems.isEmpty {
                let models = checker.parameterCounts.map { "\($0.model) \($0.count.map(NumberFormat.grouped) ?? "?") params" }
                print("\(path): ok, \(parsed.commands.count) statements" + (models.isEmpty ? "" : "; " + models.joined(separator: ", ")))
            }
            failed = failed || !problems.isEmpty
        }
        if failed { throw ExitCode.failure }
    }
}
