import Foundation
import Training

/// The statements a run store records.
public enum RunKind: String, Sendable, CaseIterable {
    /// `train`: one row per finished epoch follows.
    case train
    /// `evaluate`: loss and metrics on a split.
    case evaluate
    /// `report`: accuracy, per-class precision / recall / F1 / support and the confusion matrix.
    case report
}

/// How a run ended; `running` until it does (and forever when its process was killed).
public enum RunStatus: String, Sendable {
    case running, finished, interrupted, failed
}

/// One data file a run read, with its content hash.
public struct DataFile: Equatable, Sendable {
    /// The path as the script gave it.
    public var path: String
    /// SHA-256 of the contents in hex (a folder: of each file's relative path and contents, in name order);
    /// `missing` when the path could not be read at run time.
    public var sha256: String
    /// Total bytes hashed.
    public var bytes: Int

    public init(path: String, sha256: String, bytes: Int) {
        self.path = path
        self.sha256 = sha256
        self.bytes = bytes
    }
}

/// Everything known when a run starts: what ran, where, with which data, model and settings.
public struct RunStart: Sendable {
    public var kind: RunKind
    /// The model's session name.
    public var model: String
    /// The data it ran on (`reviews.train`).
    public var data: String
    /// The statement's source text.
    public var statement: String
    /// The script text, or the REPL statements that led to the run.
    public var script: String
    /// The script's path; nil at the prompt.
    public var scriptPath: String?
    /// One id per lab process (`lab run`, a REPL): runs of one replay share it.
    public var session: String
    public var seed: UInt64
    public var threads: Int
    public var labVersion: String
    public var cpu: String
    public var blas: String
    /// Every data file read for the datasets involved.
    public var dataFiles: [DataFile]
    /// The model definition as JSON (`ModelDefinition`).
    public var modelDefinition: String
    /// The Keras summary table of the model at the start of the run.
    public var modelSummary: String
    public var parameters: Int
    /// Settings in the order shown (`epochs`, `batch`, `optimizer`, `lr`, …).
    public var hyperparameters: [(name: String, value: String)]
    /// The train run of this model in this session that an evaluate or report measured.
    public var trainRun: Int64?
    public var startedAt: Date

    public init(kind: RunKind, model: String, data: String, statement: String, script: String, scriptPath: String?,
                session: String, seed: UInt64, threads: Int, labVersion: String, cpu: String, blas: String,
                dataFiles: [DataFile], modelDefinition: String, modelSummary: String, parameters: Int,
                hyperparameters: [(name: String, value: String)], trainRun: Int64?, startedAt: Date) {
        self.kind = kind
        self.model = model
        self.data = data
        self.statement = statement
        self.script = script
        self.scriptPath = scriptPath
        self.session = session
        self.seed = seed
        self.threads = threads
        self.labVersion = labVersion
        self.cpu = cpu
        self.blas = blas
        self.dataFiles = dataFiles
        self.modelDefinition = modelDefinition
        self.modelSummary = modelSummary
        self.parameters = parameters
        self.hyperparameters = hyperparameters
        self.trainRun = trainRun
        self.startedAt = startedAt
    }

    /// SHA-256 of the script text: runs of the same script share it.
    public var scriptHash: String { SHA256.hex(Array(script.utf8)) }

    /// SHA-256 over every data file's path and hash, in path order: runs on the same data share it.
    public var dataHash: String {
        SHA256.hex(Array(dataFiles.sorted { $0.path < $1.path }.map { "\($0.path)\t\($0.sha256)\n" }.joined().utf8))
    }
}

/// A run as read back from the store.
public struct StoredRun: Sendable {
    public var id: Int64
    public var kind: RunKind
    public var status: RunStatus
    public var model: String
    public var data: String
    public var statement: String
    public var script: String
    public var scriptPath: String?
    public var scriptHash: String
    public var dataHash: String
    public var session: String
    public var seed: String
    public var threads: Int
    public var labVersion: String
    public var cpu: String
    public var blas: String
    public var modelDefinition: String
    public var modelSummary: String
    public var parameters: Int
    public var trainRun: Int64?
    public var startedAt: Date
    public var endedAt: Date?
    public var dataFiles: [DataFile] = []
    public var hyperparameters: [(name: String, value: String)] = []
    /// The finished epochs with their values in Keras order (and wall seconds).
    public var epochs: [EpochRecord] = []
    /// `evaluate` / `report` results in the order recorded.
    public var results: [MetricValue] = []
    /// Files the run wrote, with what they are (`checkpoint`, `log`, `tensorboard`, `save`, …).
    public var filesWritten: [(path: String, role: String)] = []
    /// For a report of a binary model: its ROC curve.
    public var roc: ROCCurve?
    /// For a train run: the latest evaluate run that measured it.
    public var test: [MetricValue] = []

    /// The run's epochs as a `History` (its test result from `test`, when evaluated).
    public var history: History {
        var h = History(epochs: epochs)
        if let loss = test.value(of: "loss") {
            h.test = TestResult(loss: loss, metrics: test.filter { $0.name != "loss" }, samples: 0, epoch: epochs.last?.epoch)
        }
        return h
    }
}
