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
    /// its ids when tokenized with the model's encoding (or when the model carries none), the
    /// model's encoding applied to its texts when it is not tokenized.
    /// - Parameter encoding: how `data` was tokenized, nil when it was not (or holds arrays).
    /// - Throws: `TrainingError` when the data is not tokenized and the model has no tokenizer,
    ///   is tokenized with another vocabulary, is empty, or does not fit.
    public static func checkedInputs(_ model: Model, _ data: Dataset, named name: String,
                                     encodedWith encoding: TextEncoding?) throws -> Tensor {
        try checkVocabulary(model, encoding, named: name)
        let inputs: Tensor
        if let ids = data.inputs {
            inputs = ids
        } else if let texts = data.texts, let own = model.textEncoding {
            inputs = own.encode(texts)
        } else {
            throw TrainingError.notTokenized(dataset: name, model: nil)
        }
        guard data.count > 0 else { throw TrainingError.empty(dataset: name) }
        guard model.network.isBuilt else { throw TrainingError.notBuilt(model: model.name) }
        do {
            try model.network.checkBatch(x: inputs, y: data.targets)
        } catch let error as ModelError {
            throw TrainingError.incompatible(model: model.name, dataset: name, reason: error.description)
        }
        return inputs
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
