import Foundation
import TensorCore

/// Saving and loading whole models as safetensors files with Keras tensor names.
extension Sequential {
    /// Metadata keys this library writes and reads; callers may add any other key.
    public enum MetadataKey {
        /// The `ModelDefinition` as JSON (input length bound to the built length).
        public static let definition = "lab.model_definition"
        /// The layer names the tensors use, a JSON array in layer order.
        public static let layerNames = "lab.layer_names"
        /// The compiled loss (Keras name), when compiled.
        public static let loss = "lab.loss"
        /// The compiled `OptimizerSpec` as JSON, when compiled, with the learning rate in use
        /// (lowered by ReduceLROnPlateau, as Keras saves its optimizer's `lr` variable).
        public static let optimizer = "lab.optimizer"
        /// The compiled `GradientClipping` as JSON, when it clips.
        public static let clipping = "lab.clipping"
    }

    /// Writes the weights (`embedding_1.embeddings` [V, D], `lstm_1.kernel` [D, 4U], …),
    /// the optimizer state when compiled (`optimizer.*`), the definition and the
    /// caller's `metadata` into one file, atomically.
    /// - Precondition: the model is built.
    /// - Throws: `ModelFileError.io` naming the path.
    public func save(to path: String, metadata: [String: String] = [:]) throws {
        precondition(isBuilt, "build the model before saving")
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        var meta = metadata
        meta[MetadataKey.definition] = String(decoding: try encoder.encode(definition), as: UTF8.self)
        meta[MetadataKey.layerNames] = String(decoding: try encoder.encode(layers.map(\.name)), as: UTF8.self)
        if let loss, let optimizer {
            meta[MetadataKey.loss] = loss.rawValue
            meta[MetadataKey.optimizer] = String(decoding: try encoder.encode(optimizer.spec.withLearningRate(optimizer.learningRate)),
                                                 as: UTF8.self)
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
        do { _ = try definition.inferShapes() } catch let error as ModelError {
            throw ModelFileError.badDefinition(path: path, detail: error.description)
        }
        let savedNames = file.metadata[MetadataKey.layerNames].flatMap { try? JSONDecoder().decode([String].self, from: Data($0.utf8)) }
        guard let savedNames, savedNames.count == definition.layers.count else {
            throw ModelFileError.badDefinition(path: path, detail: "no valid \(MetadataKey.layerNames) for \(definition.layers.count) layers")
        }
        let model = Sequential(definition: definition, namer: &namer)
        var tensors: [String: Tensor] = [:]
        for (name, t) in file.tensors { tensors[name] = t }
        let shapes = try expectedShapes(definition: definition, length: length)
        var rng = RandomGenerator(seed: 0)
        for (i, layer) in model.layers.enumerated() {
            let input = i == 0 ? [length] : try model.outputShapes(inputLength: length)[i - 1]
            for (suffix, shape) in shapes[i] {
                let name = "\(savedNames[i]).\(suffix)"
                guard let t = tensors[name] else { throw ModelFileError.missingTensor(path: path, tensor: name) }
                guard t.shape == shape else { throw ModelFileError.shapeMismatch(path: path, tensor: name, expected: shape, got: t.shape) }
            }
            try layer.build(inputShape: input, using: &rng)
            for p in layer.parameters { p.value.copy(from: tensors["\(savedNames[i]).\(p.name)"]!) }
        }
        if let lossName = file.metadata[MetadataKey.loss], let loss = Loss(rawValue: lossName),
           let spec = file.metadata[MetadataKey.optimizer].flatMap({ try? JSONDecoder().decode(OptimizerSpec.self, from: Data($0.utf8)) }) {
            model.compile(loss: loss, optimizer: spec)
            if let json = file.metadata[MetadataKey.clipping] {
                guard let clipping = try? JSONDecoder().decode(GradientClipping.self, from: Data(json.utf8)) else {
                    throw ModelFileError.badDefinition(path: path, detail: "no valid \(MetadataKey.clipping) in __metadata__")
                }
                model.optimizer?.clipping = clipping
            }
            try model.importOptimizerState(tensors.filter { $0.key.hasPrefix("optimizer.") }, savedLayerNames: savedNames, path: path)
        }
        let ours: Set = [MetadataKey.definition, MetadataKey.layerNames, MetadataKey.loss, MetadataKey.optimizer, MetadataKey.clipping]
        return (model, file.metadata.filter { !ours.contains($0.key) })
    }

    /// The Keras weight names and shapes of every layer for a definition, computed from specs.
    static func expectedShapes(definition: ModelDefinition, length: Int) throws -> [[(String, [Int])]] {
        let outputs = try definition.inferShapes(inputLength: length).map { $0.map { $0! } }
        return definition.layers.enumerated().map { i, spec in
            let d = (i == 0 ? [length] : outputs[i - 1]).last!
            switch spec {
            case let .embedding(v, dim): return [("embeddings", [v, dim])]
            case let .lstm(u, _, _): return [("kernel", [d, 4 * u]), ("recurrent_kernel", [u, 4 * u]), ("bias", [4 * u])]
            case let .cudnnLSTM(u, _): return [("kernel", [d, 4 * u]), ("recurrent_kernel", [u, 4 * u]), ("bias", [8 * u])]
            case let .conv1D(f, k, _, _, _): return [("kernel", [k, d, f]), ("bias", [f])]
            case let .dense(u, _): return [("kernel", [d, u]), ("bias", [u])]
            case .maxPooling1D, .globalMaxPooling1D, .globalAveragePooling1D, .flatten, .dropout: return []
            }
        }
    }
}
