import ArgumentParser

/// `lab run FILE.exp`: replay a script.
struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Replay a .exp script; exits non-zero on its first error.")

    @Argument(help: "The script to run.")
    var script: String

    func run() throws { throw NotYetAvailable(feature: "lab run") }
}

/// `lab check FILE.exp`: parse and shape-check without loading data or training.
struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Parse and shape-check a .exp script without loading data or training.")

    @Argument(help: "The script to check.")
    var script: String

    func run() throws { throw NotYetAvailable(feature: "lab check") }
}
