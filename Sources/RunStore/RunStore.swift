import Foundation
import GRDB
import Training

/// A SQLite file of runs (`runs/lab.sqlite`): every `train`, `evaluate` and `report`, with the
/// script, seed, threads, machine, data hashes, model, settings, per-epoch history, results and
/// files written.
///
/// The file is in WAL mode (`synchronous = NORMAL`) and every write is one `BEGIN IMMEDIATE`
/// transaction (a run's start, each finished epoch, its end), so a process killed mid-run leaves
/// every finished epoch, and
/// several lab processes may write one store: a writer waits (up to 60 s) for another's
/// transaction rather than failing.
public final class RunStore: @unchecked Sendable {
    /// The file's path.
    public let path: String
    private let queue: DatabaseQueue

    /// Opens (creating when absent, with its folder) and migrates the store at `path`.
    /// - Throws: `RunStoreError.cannotOpen` with SQLite's reason.
    public convenience init(path: String) throws(RunStoreError) {
        try self.init(path: path, upTo: nil)
    }

    /// Opens the store migrated only up to migration `upTo` (tests make old stores with it).
    init(path: String, upTo last: String?) throws(RunStoreError) {
        self.path = path
        do {
            let folder = (path as NSString).deletingLastPathComponent
            if !folder.isEmpty { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) }
            var config = Configuration()
            config.journalMode = .wal
            config.busyMode = .timeout(60)
            // In WAL mode, NORMAL keeps every committed transaction through a crash of the process
            // (kill -9: the log is in the OS's hands at commit) and syncs at checkpoints only, so an
            // epoch's commit costs no fsync; a power cut may lose the last epochs, never tear the file.
            config.prepareDatabase { db in try db.execute(sql: "PRAGMA synchronous = NORMAL") }
            config.label = "lab run store"
            queue = try RunStore.open(path: path, configuration: config, upTo: last)
        } catch {
            throw .cannotOpen(path: path, reason: RunStore.reason(error))
        }
    }

    /// Opens and migrates, again after a pause when another process holds the new file's lock:
    /// switching a fresh file to WAL fails at once with "database is locked" while another
    /// process creates it (SQLite's busy timeout does not cover it), so two `lab run`s starting
    /// together on one store would otherwise leave one of them unrecorded (measured: 1 in 10).
    private static func open(path: String, configuration: Configuration, upTo last: String?) throws -> DatabaseQueue {
        var attempt = 0
        while true {
            do {
                let queue = try DatabaseQueue(path: path, configuration: configuration)
                try migrate(queue, upTo: last)
                return queue
            } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY && attempt < 40 {
                attempt += 1
                usleep(50_000)
            }
        }
    }

    /// Runs the migrations; another process migrating the same new file at the same moment
    /// makes ours fail with a duplicate table, after which the store is complete.
    private static func migrate(_ queue: DatabaseQueue, upTo last: String?) throws {
        let migrator = StoreSchema.migrator
        for attempt in 1...5 {
            do {
                if let last { try migrator.migrate(queue, upTo: last) } else { try migrator.migrate(queue) }
                return
            } catch {
                if last == nil, try queue.read(migrator.hasCompletedMigrations) { return }
                if attempt == 5 { throw error }
                usleep(50_000)
            }
        }
    }

    private static func reason(_ error: Error) -> String {
        if let e = error as? DatabaseError { return e.message ?? e.description }
        return String(describing: error)
    }

    /// One write transaction that takes the write lock at once (waiting for other writers).
    private func write<T>(_ body: (Database) throws -> T) throws(RunStoreError) -> T {
        do {
            return try queue.writeWithoutTransaction { db in
                var result: T?
                try db.inTransaction(.immediate) {
                    result = try body(db)
                    return .commit
                }
                return result!
            }
        } catch {
            throw .failed(path: path, reason: RunStore.reason(error))
        }
    }

    private func read<T>(_ body: (Database) throws -> T) throws(RunStoreError) -> T {
        do {
            return try queue.read(body)
        } catch let error as RunStoreError {
            throw error
        } catch {
            throw .failed(path: path, reason: RunStore.reason(error))
        }
    }

    // MARK: Writing

    /// Records the start of a run and returns its id.
    public func begin(_ run: RunStart) throws(RunStoreError) -> Int64 {
        try write { db in
            try db.execute(sql: """
                INSERT INTO runs (kind, status, model, data, statement, script, script_path, script_hash, data_hash, session,
                                  seed, threads, lab_version, cpu, blas, model_definition, model_summary, parameters, train_run, started_at)
                VALUES (?, 'running', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [run.kind.rawValue, run.model, run.data, run.statement, run.script, run.scriptPath, run.scriptHash,
                                 run.dataHash, run.session, String(run.seed), run.threads, run.labVersion, run.cpu, run.blas,
                                 run.modelDefinition, run.modelSummary, run.parameters, run.trainRun,
                                 run.startedAt.timeIntervalSince1970])
            let id = db.lastInsertedRowID
            for file in run.dataFiles {
                try db.execute(sql: "INSERT INTO data_files (run_id, path, sha256, bytes) VALUES (?, ?, ?, ?)",
                               arguments: [id, file.path, file.sha256, file.bytes])
            }
            for (i, p) in run.hyperparameters.enumerated() {
                try db.execute(sql: "INSERT OR REPLACE INTO hyperparameters (run_id, position, name, value) VALUES (?, ?, ?, ?)",
                               arguments: [id, i, p.name, p.value])
            }
            return id
        }
    }

    /// Records one finished epoch of a train run (one transaction).
    public func appendEpoch(run id: Int64, _ record: EpochRecord) throws(RunStoreError) {
        try write { db in
            try db.execute(sql: "INSERT INTO epochs (run_id, epoch, seconds) VALUES (?, ?, ?)",
                           arguments: [id, record.epoch, record.seconds])
            for (i, v) in record.values.enumerated() {
                try db.execute(sql: "INSERT INTO epoch_values (run_id, epoch, position, name, value) VALUES (?, ?, ?, ?, ?)",
                               arguments: [id, record.epoch, i, v.name, v.value.isNaN ? nil : Double(v.value)])
            }
        }
    }

    /// Records an evaluate or report run's results (`loss`, metrics, per-class scores…).
    public func addResults(run id: Int64, _ values: [MetricValue]) throws(RunStoreError) {
        try write { db in
            for (i, v) in values.enumerated() {
                try db.execute(sql: "INSERT OR REPLACE INTO results (run_id, position, name, value) VALUES (?, ?, ?, ?)",
                               arguments: [id, i, v.name, v.value.isNaN ? nil : Double(v.value)])
            }
        }
    }

    /// Records a binary report's ROC curve: its points here, its AUC as the result `auc`.
    public func addROC(run id: Int64, _ curve: ROCCurve) throws(RunStoreError) {
        try write { db in
            for (i, p) in curve.points.enumerated() {
                try db.execute(sql: "INSERT INTO roc_points (run_id, position, fpr, tpr) VALUES (?, ?, ?, ?)",
                               arguments: [id, i, p.fpr, p.tpr])
            }
            let position = try Int.fetchOne(db, sql: "SELECT COALESCE(MAX(position) + 1, 0) FROM results WHERE run_id = ?", arguments: [id]) ?? 0
            try db.execute(sql: "INSERT OR REPLACE INTO results (run_id, position, name, value) VALUES (?, ?, 'auc', ?)",
                           arguments: [id, position, Double(curve.auc)])
        }
    }

    /// Records a file the run (or a later `save` / `export` / `plot` of its model) wrote.
    public func addFile(run id: Int64, path file: String, role: String) throws(RunStoreError) {
        try write { db in
            let known = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM files_written WHERE run_id = ? AND path = ? AND role = ?",
                                         arguments: [id, file, role]) ?? 0
            if known == 0 {
                try db.execute(sql: "INSERT INTO files_written (run_id, path, role) VALUES (?, ?, ?)", arguments: [id, file, role])
            }
        }
    }

    /// Records how and when a run ended.
    public func finish(run id: Int64, status: RunStatus, at date: Date) throws(RunStoreError) {
        try write { db in
            try db.execute(sql: "UPDATE runs SET status = ?, ended_at = ? WHERE id = ?",
                           arguments: [status.rawValue, date.timeIntervalSince1970, id])
        }
    }

    // MARK: Reading

    /// What `runs` lists: the most recent runs first, each with its epochs, results and test.
    /// - Parameters:
    ///   - model: only runs of this model name.
    ///   - limit: at most this many.
    public func recent(model: String? = nil, limit: Int = 20) throws(RunStoreError) -> [StoredRun] {
        try read { db in
            let rows = try Row.fetchAll(db, sql: "SELECT * FROM runs" + (model == nil ? "" : " WHERE model = ?")
                                        + " ORDER BY id DESC LIMIT ?",
                                        arguments: model.map { [$0, limit] } ?? [limit])
            return try rows.map { try RunStore.complete(RunStore.run(from: $0), db) }
        }
    }

    /// Run `id` with everything recorded about it.
    public func run(_ id: Int64) throws(RunStoreError) -> StoredRun {
        let path = self.path
        return try read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM runs WHERE id = ?", arguments: [id]) else {
                throw RunStoreError.noSuchRun(id: id, path: path)
            }
            return try RunStore.complete(RunStore.run(from: row), db)
        }
    }

    /// SQLite's `PRAGMA integrity_check`: `["ok"]` for a sound file, else each problem it finds.
    public func integrityCheck() throws(RunStoreError) -> [String] {
        try read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check") }
    }

    /// The highest run id so far (0 for an empty store).
    public func lastRunID() throws(RunStoreError) -> Int64 {
        try read { db in try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM runs") ?? 0 }
    }

    /// The runs of one session, in order.
    public func runs(ofSession session: String) throws(RunStoreError) -> [StoredRun] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM runs WHERE session = ? ORDER BY id", arguments: [session])
                .map { try RunStore.complete(RunStore.run(from: $0), db) }
        }
    }

    /// The latest session, other than `excluding`, with a run of the same script text and data
    /// hashes whose first run started no later than `before`; nil when there is none.
    public func lastSession(scriptHash: String, dataHash: String, excluding session: String) throws(RunStoreError) -> String? {
        try read { db in
            try String.fetchOne(db, sql: """
                SELECT session FROM runs WHERE script_hash = ? AND data_hash = ? AND session != ? ORDER BY id DESC LIMIT 1
                """, arguments: [scriptHash, dataHash, session])
        }
    }

    private static func run(from row: Row) throws -> StoredRun {
        StoredRun(id: row["id"], kind: RunKind(rawValue: row["kind"]) ?? .train, status: RunStatus(rawValue: row["status"]) ?? .failed,
                  model: row["model"], data: row["data"], statement: row["statement"], script: row["script"],
                  scriptPath: row["script_path"], scriptHash: row["script_hash"], dataHash: row["data_hash"],
                  session: row["session"], seed: row["seed"], threads: row["threads"], labVersion: row["lab_version"],
                  cpu: row["cpu"], blas: row["blas"], modelDefinition: row["model_definition"], modelSummary: row["model_summary"],
                  parameters: row["parameters"], trainRun: row["train_run"],
                  startedAt: Date(timeIntervalSince1970: row["started_at"]),
                  endedAt: (row["ended_at"] as Double?).map(Date.init(timeIntervalSince1970:)))
    }

    /// Fills in the rows of the other tables.
    private static func complete(_ base: StoredRun, _ db: Database) throws -> StoredRun {
        var run = base
        let id = run.id
        run.dataFiles = try Row.fetchAll(db, sql: "SELECT * FROM data_files WHERE run_id = ? ORDER BY rowid", arguments: [id])
            .map { DataFile(path: $0["path"], sha256: $0["sha256"], bytes: $0["bytes"]) }
        run.hyperparameters = try Row.fetchAll(db, sql: "SELECT name, value FROM hyperparameters WHERE run_id = ? ORDER BY position",
                                               arguments: [id]).map { ($0["name"], $0["value"]) }
        let seconds = try Row.fetchAll(db, sql: "SELECT epoch, seconds FROM epochs WHERE run_id = ? ORDER BY epoch", arguments: [id])
        let values = try Row.fetchAll(db, sql: "SELECT epoch, name, value FROM epoch_values WHERE run_id = ? ORDER BY epoch, position",
                                      arguments: [id])
        var byEpoch: [Int: [MetricValue]] = [:]
        for v in values { byEpoch[v["epoch"], default: []].append(MetricValue(v["name"], value(v["value"]))) }
        run.epochs = seconds.map { row in
            let epoch: Int = row["epoch"]
            return EpochRecord(epoch: epoch, values: byEpoch[epoch] ?? [], seconds: row["seconds"])
        }
        run.results = try results(of: id, db)
        let roc = try Row.fetchAll(db, sql: "SELECT fpr, tpr FROM roc_points WHERE run_id = ? ORDER BY position", arguments: [id])
        if !roc.isEmpty, let auc = run.results.value(of: "auc") {
            run.roc = ROCCurve(points: roc.map { ($0["fpr"], $0["tpr"]) }, auc: auc)
        }
        run.filesWritten = try Row.fetchAll(db, sql: "SELECT path, role FROM files_written WHERE run_id = ? ORDER BY rowid",
                                            arguments: [id]).map { ($0["path"], $0["role"]) }
        if run.kind == .train,
           let evaluation = try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM runs WHERE train_run = ? AND kind = 'evaluate'",
                                               arguments: [id]) {
            run.test = try results(of: evaluation, db)
        }
        return run
    }

    private static func results(of id: Int64, _ db: Database) throws -> [MetricValue] {
        try Row.fetchAll(db, sql: "SELECT name, value FROM results WHERE run_id = ? ORDER BY position", arguments: [id])
            .map { MetricValue($0["name"], value($0["value"])) }
    }

    /// SQLite keeps NaN as NULL.
    private static func value(_ stored: Double?) -> Float { stored.map(Float.init) ?? .nan }
}
