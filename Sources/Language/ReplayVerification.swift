import RunStore

/// `lab run x.exp --verify`, after the replay: its runs compared with the runs of the last
/// session that ran the same script on the same data.
public enum ReplayVerification {
    /// What the comparison found.
    public struct Outcome: Sendable {
        /// Whether the replay holds to the determinism contract.
        public var passed: Bool
        /// The report: a summary line, then one line per difference.
        public var text: String
    }

    /// Compares the runs `session` recorded with the previous recorded session of its script.
    public static func verify(_ interpreter: Interpreter) throws -> Outcome {
        let session = interpreter.session
        guard let store = interpreter.runStore() else {
            return Outcome(passed: false, text: "verify: the run store is off, so there is nothing to compare with\n")
        }
        let replay = try store.runs(ofSession: session.id)
        guard let first = replay.first else {
            return Outcome(passed: false, text: "verify: the script recorded no train, evaluate or report runs to compare\n")
        }
        guard let earlier = try store.lastSession(scriptHash: first.scriptHash, dataHash: first.dataHash, excluding: session.id) else {
            return Outcome(passed: false, text: "verify: \(store.path) holds no earlier run of this script on the same data "
                           + "(replayed runs \(replay.map { String($0.id) }.joined(separator: ", ")) are recorded now)\n")
        }
        let recorded = try store.runs(ofSession: earlier).filter { $0.scriptHash == first.scriptHash }
        let differences = ReplayComparison.differences(replay: replay, recorded: recorded)
        let ids = { (runs: [StoredRun]) in runs.map { String($0.id) }.joined(separator: ", ") }
        let family = replay.first?.blas == recorded.first?.blas ? "bit for bit (same kernels, \(first.blas))"
            : "within \(ReplayComparison.crossFamilyTolerance) (kernels \(recorded.first?.blas ?? "?") then, \(first.blas) now)"
        if differences.isEmpty {
            return Outcome(passed: true, text: "verify: runs \(ids(replay)) equal recorded runs \(ids(recorded)) \(family)\n")
        }
        return Outcome(passed: false, text: "verify: \(differences.count) difference\(differences.count == 1 ? "" : "s") from recorded runs "
                       + "\(ids(recorded)), compared \(family):\n" + differences.map { "  \($0)\n" }.joined())
    }
}
