import DataParallel
import LabData
import NeuralNet
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

    /// Every dataset, split and model name, for completion.
    public var completionNames: [String] {
        names + datasets.values.flatMap { g in g.splits.map { "\(g.name).\($0.name)" } }
    }
}
