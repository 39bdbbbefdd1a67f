import Training

/// `lab run x.exp --verify`: the runs of a replay against the runs recorded the last time the same
/// script ran on the same data, value by value.
///
/// The determinism contract (README): the same script with the same seed gives the same bits at
/// any thread count on one OpenBLAS kernel family. So on the same family every history value and
/// result must be equal bit for bit (NaN equals NaN); between families the last bits may differ,
/// and values must agree within `crossFamilyTolerance`. Wall-clock seconds are never compared.
public enum ReplayComparison {
    /// The absolute difference allowed between kernel families (as the README session test allows).
    public static let crossFamilyTolerance: Float = 0.02

    /// Each difference as a line; empty when the replay holds to the contract.
    public static func differences(replay: [StoredRun], recorded: [StoredRun]) -> [String] {
        var lines: [String] = []
        if replay.count != recorded.count {
            lines.append("the replay made \(replay.count) runs, the recorded session \(recorded.count)")
        }
        for (now, before) in zip(replay, recorded) {
            let label = "run \(now.id) (\(now.kind.rawValue) \(now.model) on \(now.data)) against run \(before.id)"
            guard now.kind == before.kind, now.model == before.model, now.data == before.data else {
                lines.append("\(label): a different statement (\(before.kind.rawValue) \(before.model) on \(before.data))")
                continue
            }
            let exact = now.blas == before.blas
            func compare(_ what: String, _ a: Float?, _ b: Float?) {
                guard let a, let b else {
                    if (a == nil) != (b == nil) { lines.append("\(label): \(what) \(b.map(show) ?? "absent") recorded, \(a.map(show) ?? "absent") now") }
                    return
                }
                let same = a.isNaN && b.isNaN || (exact ? a.bitPattern == b.bitPattern : abs(a - b) <= crossFamilyTolerance)
                if !same { lines.append("\(label): \(what) \(show(b)) recorded, \(show(a)) now") }
            }
            if now.epochs.count != before.epochs.count {
                lines.append("\(label): \(before.epochs.count) epochs recorded, \(now.epochs.count) now")
            }
            for (e, f) in zip(now.epochs, before.epochs) {
                let names = f.values.map(\.name) + e.values.map(\.name).filter { n in !f.values.contains { $0.name == n } }
                for name in names { compare("epoch \(f.epoch) \(name)", e.value(of: name), f.value(of: name)) }
            }
            let resultNames = before.results.map(\.name) + now.results.map(\.name).filter { n in !before.results.contains { $0.name == n } }
            for name in resultNames { compare(name, now.results.value(of: name), before.results.value(of: name)) }
            if now.status != before.status { lines.append("\(label): \(before.status.rawValue) recorded, \(now.status.rawValue) now") }
        }
        return lines
    }

    /// A value with all its digits (`0.34341234`), so a last-bit difference shows.
    private static func show(_ v: Float) -> String { "\(v)" }
}
