import Foundation
import RunStore
import Training

/// One run being written to the store: its id, and what to do when the store fails mid-run.
///
/// A store that fails (a full disk, a file removed) never stops training: the first failure
/// prints one warning and later writes of this run are skipped.
final class RunRecording {
    let store: RunStore
    let id: Int64
    private let console: Console
    private var broken = false

    init(store: RunStore, id: Int64, console: Console) {
        self.store = store
        self.id = id
        self.console = console
    }

    /// Records one finished epoch (one transaction).
    func epoch(_ record: EpochRecord) { attempt { try store.appendEpoch(run: id, record) } }

    /// Records results of an evaluate or report.
    func results(_ values: [MetricValue]) { attempt { try store.addResults(run: id, values) } }

    /// Records a binary report's ROC curve.
    func roc(_ curve: ROCCurve) { attempt { try store.addROC(run: id, curve) } }

    /// Records a file the run wrote.
    func wrote(_ path: String, role: String) { attempt { try store.addFile(run: id, path: path, role: role) } }

    /// Records how the run ended.
    func finish(_ status: RunStatus) { attempt { try store.finish(run: id, status: status, at: Date()) } }

    private func attempt(_ body: () throws -> Void) {
        guard !broken else { return }
        do {
            try body()
        } catch {
            broken = true
            console.print("warning: run \(id) is no longer recorded: \(error)")
        }
    }
}
