import LabData
import NeuralNet
import Rendering
import TensorCore
import Training

/// The model verbs: model blocks, compile, summary, load from a model file.
extension Interpreter {
    /// Defines (or redefines) a model; an impossible stack is reported at the
    /// line of the first layer that cannot take its input.
    func defineModel(_ name: String, _ definition: ModelDefinition, at located: LocatedCommand) throws {
        if session.datasets[name] != nil { throw failure(.nameTakenByDataset(name), at: located) }
        do {
            try definition.requireVectorOutput()
        } catch let error as ModelError {
            throw shapeDiagnostic(error, at: located)
        }
        do {
            try definition.requireMemoryForWeights(name: name, inputLength: definition.inputLength)
        } catch {
            throw Interpreter.diagnostic(for: error, at: located)
        }
        do {
            try definition.validateEmbeddingSetups()
        } catch let error as ModelError {
            throw shapeDiagnostic(error, at: located)
        }
        if session.wordVectors[name] != nil { throw failure(.nameTaken(name: name, kind: "word vectors"), at: located) }
        var namer = session.namer
        let network = Sequential(definition: definition, namer: &namer)
        let vectorLines = try applyWordVectors(to: network, at: located)
        session.namer = namer
        let replaced = session.models[name]
        session.setModel(Model(name: name, network: network, rng: RandomGenerator(seed: session.rng.next())))
        let length = definition.inputLength.map { "input length \($0)" } ?? "input length bound at training"
        console.print("\(name): \(Interpreter.count(definition.layers.count, "layer")), \(length)")
        for line in vectorLines { console.print("  " + line) }
        for (layer, message) in definition.warnings {
            console.print(DiagnosticRenderer.warning(message, at: located.location(ofLayer: layer)))
        }
        if let replaced { noteReplacing(replaced, by: "the new \(name) starts untrained") }
    }

    /// Says so when a statement replaces a model that has weights or history (they are gone).
    private func noteReplacing(_ old: Model, by what: String) {
        guard old.network.isBuilt || !old.history.epochs.isEmpty else { return }
        let epochs = old.history.epochs.count
        let lost = epochs == 0 ? "its weights" : "weights and \(Interpreter.count(epochs, "epoch")) of history"
        console.print("note: this replaces the trained \(old.name) (\(lost)); \(what)")
    }

    /// A `ModelError` as a diagnostic at the line of the layer it names.
    func shapeDiagnostic(_ error: ModelError, at located: LocatedCommand) -> Diagnostic {
        Diagnostic(.runtime(error.description), at: located.location(of: error))
    }

    func compile(_ name: String, options: CompileOptions, at located: LocatedCommand) throws {
        let m = try model(name, at: located)
        guard let loss = options.loss ?? m.network.definition.defaultLoss else {
            throw failure(.cannotInferLoss(model: name), at: located)
        }
        m.network.compile(loss: loss, optimizer: options.optimizer, sparseUpdate: options.sparseUpdate)
        m.network.optimizer?.clipping = options.clipping
        m.metrics = options.metrics ?? [.accuracy]
        let clipping = [options.clipping.norm.map { "clipnorm=\($0)" }, options.clipping.value.map { "clipvalue=\($0)" }]
            .compactMap { $0 }.map { " " + $0 }.joined()
        let lazy = options.sparseUpdate == .lazy ? " sparse_update=lazy" : ""
        console.print("\(name): \(loss.rawValue), \(Interpreter.describe(options.optimizer))\(clipping)\(lazy), "
                      + "metrics \(m.metrics.map(\.key).joined(separator: ","))")
    }

    func summary(_ name: String, at located: LocatedCommand) throws {
        let m = try model(name, at: located)
        do {
            console.write(SummaryText.render(rows: try m.network.summaryRows()))
        } catch let error as ModelError {
            throw Interpreter.diagnostic(for: error, at: located)
        }
    }

    func loadModel(_ name: String, path: String, at located: LocatedCommand) throws {
        if session.datasets[name] != nil { throw failure(.nameTakenByDataset(name), at: located) }
        let m = try ModelFile.load(name: name, from: path, namer: &session.namer)
        let replaced = session.models[name]
        session.setModel(m)
        console.print("\(name): loaded from \(path), \(NumberFormat.grouped(m.network.parameterCount)) params, "
                      + "\(Interpreter.count(m.history.epochs.count, "epoch")) of history")
        if let resume = m.resumePoint {
            console.print("\(name): saved \(NumberFormat.grouped(resume.seen)) samples (\(NumberFormat.grouped(resume.batches)) steps of "
                          + "batch=\(resume.batchSize)) into epoch \(resume.epoch); train continues that epoch")
        }
        if let replaced { noteReplacing(replaced, by: "\(name) is now the model from \(path)") }
    }

    /// `adam lr=0.001` and friends, for the compile report.
    static func describe(_ optimizer: OptimizerSpec) -> String {
        switch optimizer {
        case let .adam(lr, _, _, _): return "adam lr=\(lr)"
        case let .sgd(lr, momentum, nesterov): return "sgd lr=\(lr) momentum=\(momentum)\(nesterov ? " nesterov" : "")"
        case let .rmsprop(lr, _, _): return "rmsprop lr=\(lr)"
        }
    }
}
