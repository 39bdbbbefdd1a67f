import LabData
import NeuralNet
import TensorCore

/// What a model reads from a dataset: ids made with the model's own vocabulary, never another's.
///
/// A model trained on tokenized text carries its `TextEncoding`. Data tokenized with a different
/// encoding (another fit, other `words=`, `maxlen=`, padding or `oov=`) would give the same words
/// other ids, so it is refused; text not tokenized yet is encoded with the model's own tokenizer.
extension Trainer {
    /// The inputs of `data` for `model`, every sample checked against the built, compiled model:
    /// its sparse rows or ids when made with the model's vectorizer or encoding (or when the model
    /// carries none), the model's vectorizer or encoding applied to its texts when it has neither.
    /// - Parameters:
    ///   - encoding: how `data` was tokenized, nil when it was not (or holds arrays).
    ///   - features: the vectorizer that made `data`'s sparse rows, nil when it was not vectorized.
    /// - Throws: `TrainingError` when the data is not tokenized and the model has no tokenizer,
    ///   is tokenized or vectorized with another vocabulary, is empty, or does not fit.
    public static func checkedInputs(_ model: Model, _ data: Dataset, named name: String,
                                     encodedWith encoding: TextEncoding?, vectorizedWith features: TextVectorizer? = nil) throws -> ModelInput {
        try checkVocabulary(model, encoding, named: name)
        try checkFeatures(model, features, named: name)
        let inputs: ModelInput
        if let rows = data.sparseInputs {
            inputs = .sparse(rows)
        } else if let ids = data.inputs {
            inputs = .dense(ids)
        } else if let texts = data.texts, let own = model.textFeatures {
            inputs = .sparse(own.transform(texts))
        } else if let texts = data.texts, let own = model.textEncoding {
            inputs = .dense(own.encode(texts))
        } else {
            throw TrainingError.notTokenized(dataset: name, model: nil)
        }
        guard data.count > 0 else { throw TrainingError.empty(dataset: name) }
        guard model.network.isBuilt else { throw TrainingError.notBuilt(model: model.name) }
        do {
            try model.network.checkBatch(inputs, y: data.targets)
        } catch let error as ModelError {
            throw TrainingError.incompatible(model: model.name, dataset: name, reason: error.description)
        }
        return inputs
    }

    /// Refuses data vectorized otherwise than the data `model` was trained on (another fit or options).
    /// - Parameters:
    ///   - features: the vectorizer that made the data's rows, nil when it was not vectorized.
    ///   - expected: the vectorizer the model reads with; by default the one it was trained with.
    /// - Throws: `TrainingError.otherFeatures` naming both vectorizers.
    public static func checkFeatures(_ model: Model, _ features: TextVectorizer?, named name: String,
                                     expected: TextVectorizer? = nil) throws {
        guard let own = expected ?? model.textFeatures, let features, features != own else { return }
        throw TrainingError.otherFeatures(model: model.name, dataset: name,
                                          modelFeatures: "\(own.options.text) (vocabulary \(own.fingerprint))",
                                          dataFeatures: "\(features.options.text) (vocabulary \(features.fingerprint))")
    }

    /// Refuses data tokenized with another encoding than the one `model` was trained with.
    /// - Parameters:
    ///   - encoding: how the data was tokenized, nil when it was not (or holds arrays).
    ///   - expected: the encoding the model reads with; by default the one it was trained with.
    /// - Throws: `TrainingError.otherVocabulary` naming both encodings.
    public static func checkVocabulary(_ model: Model, _ encoding: TextEncoding?, named name: String,
                                       expected: TextEncoding? = nil) throws {
        guard let own = expected ?? model.textEncoding, let encoding, encoding != own else { return }
        throw TrainingError.otherVocabulary(model: model.name, dataset: name,
                                            modelEncoding: "\(own.options) (vocabulary \(own.fingerprint))",
                                            dataEncoding: "\(encoding.options) (vocabulary \(encoding.fingerprint))")
    }
}
