import DataParallel
import Foundation
import LabData
import NeuralNet
import RunStore
import TensorCore
import Training

/// Where a session's text goes: standard output in the shell, a buffer in tests.
public struct Console: Sendable {
    /// Writes text exactly as given (callers add newlines).
    public let write: @Sendable (String) -> Void
    /// Whether output is a terminal: live progress bars and colours.
    public let isTerminal: Bool

    public init(isTerminal: Bool, write: @escaping @Sendable (String) -> Void) {
        self.isTerminal = isTerminal
        self.write = write
    }

    /// Writes `line` and a newline.
    public func print(_ line: String) { write(line.hasSuffix("\n") ? line : line + "\n") }
}

/// Where a session records its runs.
public enum StoreChoice: Equatable, Sendable {
    /// `Session.defaultStorePath`.
    case automatic
    /// `set store=off`.
    case off
    /// `set store="FILE"`.
    case path(String)
}

/// Everything a lab session holds: its random generator, named datasets and
/// models, the layer namer, and where output goes. Nothing else is kept, so a
/// script replays a session exactly.
public final class Session {
    /// The default seed, so a script without `seed` still replays exactly.
    public static let defaultSeed: UInt64 = 42

    /// The session's one generator: splits, and each new model's own stream.
    public var rng = RandomGenerator(seed: Session.defaultSeed)
    /// Named datasets with their splits.
    public private(set) var datasets: [String: DatasetGroup] = [:]
    /// Named models.
    public private(set) var models: [String: Model] = [:]
    /// Named word-vector tables.
    public private(set) var wordVectors: [String: WordVectors] = [:]
    /// The dataset each trained word-vector table was trained on (whose tokenizer `weights=` reads).
    public private(set) var vectorsDataset: [String: String] = [:]
    /// Names in the order they were first defined, for `list`.
    public private(set) var names: [String] = []
    /// Keras-style layer names, numbered per kind across the session.
    public var namer = LayerNamer()
    /// Output.
    public let console: Console
    /// Whether statements come from a person at the prompt (errors never end the session).
    public let isInteractive: Bool
    /// The script that successful statements are appended to (`record`), if any.
    public var recordPath: String?
    /// The processes of a data-parallel run (`mpirun -np N lab run x.exp`), nil in one process:
    /// `train` then splits each batch over them and `evaluate` splits the batches.
    public var communicator: Communicator?
    /// How deep `run` calls are nested (a script that runs itself is stopped).
    var runDepth = 0

    /// The seed given last (`seed N`), recorded with each run.
    public internal(set) var seed = Session.defaultSeed
    /// Where runs are recorded: `set store=` wins over `defaultStorePath`.
    public var store: StoreChoice = .automatic
    /// The store used while `store` is `.automatic`: `runs/lab.sqlite` next to the script or in the
    /// REPL's folder, set by the `lab` executable; nil (no recording) for sessions made by library users and tests.
    public var defaultStorePath: String?
    /// Identifies this session's runs in the store (one per process: a replay's runs share it).
    public let id = UUID().uuidString
    /// The statements that succeeded at the prompt, recorded as the "script" of a run started there.
    public var transcript: [String] = []
    /// The lines of the statement being run at the prompt (set by the REPL before executing it).
    public var pendingSource: [String] = []
    /// The outermost script being run (`lab run`, or a REPL's `run "x.exp"`): its path and text.
    var script: (path: String, text: String, lines: [String])?
    /// The script parameters in force (`param` after command-line overrides), as `NAME=VALUE` words:
    /// part of what a recorded run ran, so `--verify` compares runs made with the same values.
    var parameterValues: [String] = []
    /// The files each dataset was read from, by dataset name.
    var dataFiles: [String: [String]] = [:]
    /// Each model's latest train run in the store.
    var modelRuns: [String: Int64] = [:]
    /// The open store and the path it was opened at.
    var openStore: (path: String, store: RunStore)?
    /// Stores that failed to open, so the warning is printed once.
    var failedStores: Set<String> = []
    /// Starts the runs page for `serve` (store, host, port) and returns the address it listens on;
    /// set by the `lab` executable, nil elsewhere.
    public var startServer: ((RunStore, String, Int) throws -> String)?
    /// Content hashes by path, kept while a file's size and modification time are unchanged.
    var hashes: [String: (size: Int, modified: Date, file: DataFile)] = [:]

    public init(console: Console, isInteractive: Bool) {
        self.console = console
        self.isInteractive = isInteractive
    }

    /// Adds or replaces a dataset group.
    func setDataset(_ group: DatasetGroup) {
        if datasets[group.name] == nil { names.append(group.name) }
        datasets[group.name] = group
    }

    /// Adds or replaces a model.
    func setModel(_ model: Model) {
        if models[model.name] == nil { names.append(model.name) }
        models[model.name] = model
    }

    /// Adds or replaces a word-vector table; `dataset` is the dataset it was trained on (nil when loaded from a file).
    func setWordVectors(_ name: String, _ vectors: WordVectors, trainedOn dataset: String?) {
        if wordVectors[name] == nil { names.append(name) }
        wordVectors[name] = vectors
        vectorsDataset[name] = dataset
    }

    /// Every dataset, split and model name, for completion.
    public var completionNames: [String] {
        names + datasets.values.flatMap { g in g.splits.map { "\(g.name).\($0.name)" } }
    }
}
