import Foundation
import TensorCore

/// Saving and loading whole models as safetensors files with Keras tensor names.
extension Sequential {
    /// Metadata keys this library writes and reads; callers may add any other key.
    public enum MetadataKey {
        /// The `ModelDefinition` as JSON (input length bound to the built length).
        public static let definition = "lab.model_definition"
        /// The layer names the tensors use, a JSON array in layer order (`Layer.fileName`:
        /// a wrapper's entry also names the layer it wraps, `bidirectional_1/lstm_1`).
        public static let layerNames = "lab.layer_names"
        /// The compiled loss (Keras name), when compiled.
        public static let loss = "lab.loss"
        /// The compiled `OptimizerSpec` as JSON, when compiled, with the learning rate in use
        /// (lowered by ReduceLROnPlateau, as Keras saves its optimizer's `lr` variable).
        public static let optimizer = "lab.optimizer"
        /// The compiled `GradientClipping` as JSON, when it clips.
        public static let clipping = "lab.clipping"
        /// The optimizer's `SparseUpdate`, when not the default (`lazy`).
        public static let sparseUpdate = "lab.sparse_update"
    }

    /// Writes the weights (`embedding_1.embeddings` [V, D], `lstm_1.kernel` [D, 4U], …),
    /// the optimizer state when compiled (`optimizer.*`), the definition and the
    /// caller's `metadata` into one file, atomically.
    /// - Throws: `ModelFileError.io` naming the path, also when the model has no weights yet.
    public func save(to path: String, metadata: [String: String] = [:]) throws {
        guard isBuilt else { throw ModelFileError.io(path: path, reason: "the model has no weights yet; train it before saving") }
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        var meta = metadata
        meta[MetadataKey.definition] = String(decoding: try encoder.encode(definition), as: UTF8.self)
        meta[MetadataKey.layerNames] = String(decoding: try encoder.encode(layers.map(\.fileName)), as: UTF8.self)
        if let loss, let optimizer {
            meta[MetadataKey.loss] = loss.rawValue
            meta[MetadataKey.optimizer] = String(decoding: try encoder.encode(optimizer.spec.withLearningRate(optimizer.learningRate)),
                                                 as: UTF8.self)
            if optimizer.sparseUpdate != .dense { meta[MetadataKey.sparseUpdate] = optimizer.sparseUpdate.rawValue }
            if optimizer.clipping.isActive {
                meta[MetadataKey.clipping] = String(decoding: try encoder.encode(optimizer.clipping), as: UTF8.self)
            }
        }
        var tensors = namedParameters.map { (name: $0.name, tensor: $0.parameter.value) }
        tensors += exportOptimizerState().sorted { $0.key < $1.key }.map { (name: $0.key, tensor: $0.value) }
        try SafeTensors(tensors: tensors, metadata: meta).write(to: path)
    }

    /// Reads a model file: rebuilds the model from its definition (named from the
    /// session's `namer`), checks every tensor's shape, loads the weights, and
    /// compiles with the saved loss, optimizer and optimizer state when present.
    /// - Returns: the model and the caller's metadata (this library's own keys removed).
    /// - Throws: `ModelFileError` naming the path for any defect; nothing in the file is executed.
    public static func load(from path: String, namer: inout LayerNamer) throws -> (Sequential, metadata: [String: String]) {
        let file = try SafeTensors.read(from: path)
        guard let json = file.metadata[MetadataKey.definition],
              let definition = try? JSONDecoder().decode(ModelDefinition.self, from: Data(json.utf8)) else {
            throw ModelFileError.badDefinition(path: path, detail: "no valid \(MetadataKey.definition) in __metadata__")
        }
        guard let length = definition.inputLength else {
            throw ModelFileError.badDefinition(path: path, detail: "the definition has no input length")
        }
        do { _ = try definition.inferShapes(); try definition.validateEmbeddingSetups() } catch let error as ModelError {
            throw ModelFileError.badDefinition(path: path, detail: error.description)
        }
        // The input length is not tied to any tensor's shape, so a file can claim any; a model
        // that cannot run one sample here is refused now rather than at the first `predict`.
        do {
            try definition.requireMemoryForTraining(name: "the model", inputLength: length, batchSize: 1, includingWeights: false)
        } catch {
            throw ModelFileError.badDefinition(path: path, detail: error.description)
        }
        let savedNames = file.metadata[MetadataKey.layerNames].flatMap { try? JSONDecoder().decode([String].self, from: Data($0.utf8)) }
        guard let savedNames, savedNames.count == definition.layers.count else {
            throw ModelFileError.badDefinition(path: path, detail: "no valid \(MetadataKey.layerNames) for \(definition.layers.count) layers")
        }
        // Layers are built before their tensors are matched, so a definition whose weights the
        // file cannot hold (a mutated `units`) is refused before building allocates them.
        let stored = file.tensors.reduce(0) { $0 &+ $1.tensor.count }
        guard let weights = definition.knownParameterCount(inputLength: length), weights <= stored else {
            throw ModelFileError.badDefinition(path: path, detail: "the definition needs more weights than the file's \(stored) values")
        }
        let model = Sequential(definition: definition, namer: &namer)
        var tensors: [String: Tensor] = [:]
        for (name, t) in file.tensors { tensors[name] = t }
        var rng = RandomGenerator(seed: 0)
        for (i, layer) in model.layers.enumerated() {
            let input = i == 0 ? [length] : try model.outputShapes(inputLength: length)[i - 1]
            try layer.build(inputShape: input, using: &rng)
            for (name, p) in zip(layer.tensorNames(fileName: savedNames[i]), layer.parameters) {
                guard let t = tensors[name] else { throw ModelFileError.missingTensor(path: path, tensor: name) }
                guard t.shape == p.value.shape else {
                    throw ModelFileError.shapeMismatch(path: path, tensor: name, expected: p.value.shape, got: t.shape)
                }
                p.value.copy(from: t)
            }
        }
        if let lossName = file.metadata[MetadataKey.loss] {
            // A file that names a loss must name one lab knows, with a usable optimizer: skipping
            // them would leave a model that looks compiled to the user and is not.
            guard let loss = Loss(rawValue: lossName) else {
                throw ModelFileError.badDefinition(path: path, detail: "unknown loss '\(lossName)' in \(MetadataKey.loss)")
            }
            guard let spec = file.metadata[MetadataKey.optimizer].flatMap({ try? JSONDecoder().decode(OptimizerSpec.self, from: Data($0.utf8)) }),
                  spec.isValid else {
                throw ModelFileError.badDefinition(path: path, detail: "no valid optimizer in \(MetadataKey.optimizer)")
            }
            var sparseUpdate = SparseUpdate.dense
            if let name = file.metadata[MetadataKey.sparseUpdate] {
                guard let given = SparseUpdate(rawValue: name) else {
                    throw ModelFileError.badDefinition(path: path, detail: "unknown \(MetadataKey.sparseUpdate) '\(name)'")
                }
                sparseUpdate = given
            }
            model.compile(loss: loss, optimizer: spec, sparseUpdate: sparseUpdate)
            if let json = file.metadata[MetadataKey.clipping] {
                guard let clipping = try? JSONDecoder().decode(GradientClipping.self, from: Data(json.utf8)) else {
                    throw ModelFileError.badDefinition(path: path, detail: "no valid \(MetadataKey.clipping) in __metadata__")
                }
                model.optimizer?.clipping = clipping
            }
            // The file's tensors are this load's own: the moments are adopted, not copied (peak memory).
            try model.importOptimizerState(tensors.filter { $0.key.hasPrefix("optimizer.") }, savedLayerNames: savedNames, path: path,
                                           adopting: true)
        }
        let ours: Set = [MetadataKey.definition, MetadataKey.layerNames, MetadataKey.loss, MetadataKey.optimizer, MetadataKey.clipping,
                         MetadataKey.sparseUpdate]
        return (model, file.metadata.filter { !ours.contains($0.key) })
    }
}
