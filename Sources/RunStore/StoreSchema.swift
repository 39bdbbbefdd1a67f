import GRDB

/// The run store's tables, built by numbered migrations: a store made by an older lab
/// is brought up to date when opened, never rebuilt.
///
/// History values are rows (`epoch_values`: one per run, epoch and column), so SQL can
/// query them: `SELECT value FROM epoch_values WHERE name = 'val_loss'`.
enum StoreSchema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: runs, epochs, results, files") { db in
            try db.execute(sql: """
                CREATE TABLE runs (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    kind TEXT NOT NULL,
                    status TEXT NOT NULL,
                    model TEXT NOT NULL,
                    data TEXT NOT NULL,
                    statement TEXT NOT NULL,
                    script TEXT NOT NULL,
                    script_path TEXT,
                    script_hash TEXT NOT NULL,
                    data_hash TEXT NOT NULL,
                    session TEXT NOT NULL,
                    seed TEXT NOT NULL,
                    threads INTEGER NOT NULL,
                    lab_version TEXT NOT NULL,
                    cpu TEXT NOT NULL,
                    blas TEXT NOT NULL,
                    model_definition TEXT NOT NULL,
                    model_summary TEXT NOT NULL,
                    parameters INTEGER NOT NULL,
                    train_run INTEGER REFERENCES runs(id),
                    started_at REAL NOT NULL,
                    ended_at REAL
                );
                CREATE INDEX runs_by_model ON runs(model);
                CREATE INDEX runs_by_script ON runs(script_hash, data_hash);
                CREATE TABLE data_files (
                    run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
                    path TEXT NOT NULL,
                    sha256 TEXT NOT NULL,
                    bytes INTEGER NOT NULL
                );
                CREATE TABLE hyperparameters (
                    run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
                    position INTEGER NOT NULL,
                    name TEXT NOT NULL,
                    value TEXT NOT NULL,
                    PRIMARY KEY (run_id, name)
                );
                CREATE TABLE epochs (
                    run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
                    epoch INTEGER NOT NULL,
                    seconds REAL,
                    PRIMARY KEY (run_id, epoch)
                );
                CREATE TABLE epoch_values (
                    run_id INTEGER NOT NULL,
                    epoch INTEGER NOT NULL,
                    position INTEGER NOT NULL,
                    name TEXT NOT NULL,
                    value REAL,
                    PRIMARY KEY (run_id, epoch, name),
                    FOREIGN KEY (run_id, epoch) REFERENCES epochs(run_id, epoch) ON DELETE CASCADE
                );
                CREATE TABLE results (
                    run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
                    position INTEGER NOT NULL,
                    name TEXT NOT NULL,
                    value REAL,
                    PRIMARY KEY (run_id, name)
                );
                CREATE TABLE files_written (
                    run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
                    path TEXT NOT NULL,
                    role TEXT NOT NULL
                );
                """)
        }
        migrator.registerMigration("v2: ROC curves of binary reports") { db in
            try db.execute(sql: """
                CREATE TABLE roc_points (
                    run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
                    position INTEGER NOT NULL,
                    fpr REAL NOT NULL,
                    tpr REAL NOT NULL,
                    PRIMARY KEY (run_id, position)
                );
                """)
        }
        return migrator
    }
}
