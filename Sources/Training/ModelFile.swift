import Foundation
import LabData
import NeuralNet
import TensorCore

/// A whole experiment in one safetensors file: weights and optimizer state as
/// tensors; the definition, compile settings, metrics, history, text encoding or vectorizer,
/// class names and the model's random stream as JSON in `__metadata__`.
///
/// The file is readable by Python's `safetensors`; lab reads it back without
/// executing anything, and writes it atomically (temp file + fsync + rename),
/// so a checkpoint interrupted at any moment leaves the previous one intact.
public enum ModelFile {
    /// The `__metadata__` keys this layer adds to the network's own.
    public enum Key {
        public static let format = "lab.format"
        public static let metrics = "lab.metrics"
        public static let history = "lab.history"
        public static let textEncoding = "lab.text_encoding"
        public static let textFeatures = "lab.text_features"
        public static let classNames = "lab.class_names"
        public static let rng = "lab.rng"
        public static let epochProgress = "lab.epoch_progress"
    }

    /// The format version written into every file.
    public static let formatVersion = "1"

    /// Writes `model` to `path` atomically.
    /// - Parameter progress: where an unfinished epoch stands (a `checkpoint_every=` save), or nil
    ///   between epochs; a model loaded from the file resumes there.
    /// - Throws: `ModelFileError` naming the path.
    public static func save(_ model: Model, to path: String, progress: EpochProgress? = nil) throws {
        guard model.network.isBuilt else { throw TrainingError.notBuilt(model: model.name) }
        var metadata = [Key.format: formatVersion]
        metadata[Key.metrics] = try json(model.metrics.map(\.rawValue))
        metadata[Key.history] = try json(model.history)
        metadata[Key.rng] = try json(model.rng)
        if let progress { metadata[Key.epochProgress] = try json(progress) }
        if let encoding = model.textEncoding { metadata[Key.textEncoding] = try json(encoding) }
        if let features = model.textFeatures { metadata[Key.textFeatures] = try json(features) }
        if let names = model.classNames { metadata[Key.classNames] = try json(names) }
        try model.network.save(to: path, metadata: metadata)
    }

    /// Reads a model file saved by `save` into a new session model named `name`.
    /// - Parameter namer: the session's layer namer (layers get fresh session names).
    /// - Throws: `ModelFileError` naming the path for anything missing or malformed.
    public static func load(name: String, from path: String, namer: inout LayerNamer) throws -> Model {
        let (network, metadata) = try Sequential.load(from: path, namer: &namer)
        func decode<T: Decodable>(_ type: T.Type, _ key: String) throws -> T? {
            guard let text = metadata[key] else { return nil }
            do {
                let decoder = JSONDecoder()
                decoder.nonConformingFloatDecodingStrategy = nonFinite.decoding
                return try decoder.decode(T.self, from: Data(text.utf8))
            } catch {
                throw ModelFileError.badDefinition(path: path, detail: "\(key) in __metadata__ is not valid: \(error)")
            }
        }
        let metricNames = try decode([String].self, Key.metrics) ?? [Metric.accuracy.rawValue]
        var metrics: [Metric] = []
        for name in metricNames {
            guard let metric = Metric(rawValue: name) else {
                throw ModelFileError.badDefinition(path: path, detail: "unknown metric '\(name)' in \(Key.metrics)")
            }
            metrics.append(metric)
        }
        let textEncoding = try decode(TextEncoding.self, Key.textEncoding)
        if let textEncoding, textEncoding.maxlen != network.inputLength {
            throw ModelFileError.badDefinition(path: path, detail: "\(Key.textEncoding) pads to \(textEncoding.maxlen) "
                                               + "but the model takes input length \(network.inputLength.map(String.init) ?? "none")")
        }
        let textFeatures = try decode(TextVectorizer.self, Key.textFeatures)
        if let textFeatures, textFeatures.columnCount != network.inputLength {
            throw ModelFileError.badDefinition(path: path, detail: "\(Key.textFeatures) makes \(textFeatures.columnCount) columns "
                                               + "but the model takes input length \(network.inputLength.map(String.init) ?? "none")")
        }
        let model = Model(name: name, network: network,
                     rng: try decode(RandomGenerator.self, Key.rng) ?? RandomGenerator(seed: 0),
                     metrics: metrics,
                     history: try decode(History.self, Key.history) ?? History(),
                     textEncoding: textEncoding,
                     textFeatures: textFeatures,
                     classNames: try decode([String].self, Key.classNames))
        model.resumePoint = try decode(EpochProgress.self, Key.epochProgress)
        return model
    }

    /// NaN and infinities in JSON metadata (a diverged validation loss in the history), as
    /// Python's `json` module writes them; JSON itself has no spelling for them.
    private static let nonFinite = (encoding: JSONEncoder.NonConformingFloatEncodingStrategy.convertToString(
                                        positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN"),
                                    decoding: JSONDecoder.NonConformingFloatDecodingStrategy.convertFromString(
                                        positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN"))

    private static func json<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        encoder.nonConformingFloatEncodingStrategy = nonFinite.encoding
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}
