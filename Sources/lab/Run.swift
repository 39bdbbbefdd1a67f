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

    func run() throws {
        InterruptHandler.install()
        let communicator: Communicator?
        do {
            communicator = try DataParallelLaunch.join(script: script)
        } catch {
            StandardOutput.error(error.description + "\n")
            throw ExitCode.failure
        }
        let session = Session(console: StandardOutput.console, isInteractive: false)
        session.communicator = communicator
        let interpreter = Interpreter(session: session)
        do {
            try ScriptRunner.run(path: script, in: interpreter)
        } catch {
            if let communicator { DataParallelLaunch.fail(communicator, message: ScriptRunner.render(error)) }
            StandardOutput.error(ScriptRunner.render(error))
            throw ExitCode.failure
        }
        communicator?.finalize()
    }
}

/// `lab check FILE.exp`: parse and shape-check without loading data or training.
struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Parse and shape-check a .exp script without loading data or training.")

    @Argument(help: "The scripts to check.")
    var scripts: [String]

    func run() throws {
        var failed = false
        for path in scripts {
            let parsed: ParsedScript
            do {
                parsed = try ScriptRunner.parse(path: path)
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
