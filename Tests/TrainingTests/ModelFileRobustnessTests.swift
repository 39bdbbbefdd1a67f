import Foundation
import LabData
import NeuralNet
import TensorCore
import Training
import XCTest

/// A model file may say anything: every metadata defect is a `ModelFileError` on load,
/// never a crash, a hang or a silently uncompiled model later (issue 17).
final class ModelFileRobustnessTests: XCTestCase {
    var folder = ""

    override func setUpWithError() throws {
        folder = NSTemporaryDirectory() + "modelfile-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try FileManager.default.removeItem(atPath: folder) }

    /// A built, compiled model with a text encoding, saved; returns the file's path.
    func savedModel(pooled: Bool = false, history: History = History()) throws -> String {
        var namer = LayerNamer()
        let network = Sequential(definition: ModelDefinition(layers: [.embedding(inputDim: 20, outputDim: 4), pooled ? .globalMaxPooling1D : .flatten,
                                                                      .dense(units: 1, activation: .sigmoid)]), namer: &namer)
        var rng = RandomGenerator(seed: 1)
        try network.build(inputLength: 5, using: &rng)
        try network.compile()
        let model = Model(name: "m", network: network, rng: rng)
        model.history = history
        var tokenizer = Tokenizer(numWords: 20)
        tokenizer.fit(on: ["good phone", "bad phone"])
        model.textEncoding = TextEncoding(tokenizer: tokenizer, maxlen: 5)
        let path = folder + "/m.safetensors"
        try ModelFile.save(model, to: path)
        return path
    }

    /// The load error after replacing (or, with nil, removing) one metadata value.
    func loadError(_ key: String, pooled: Bool = false, _ edit: (String) -> String?) throws -> String? {
        let path = try savedModel(pooled: pooled)
        var file = try SafeTensors.read(from: path)
        file.metadata[key] = file.metadata[key].flatMap(edit)
        try file.write(to: path)
        var namer = LayerNamer()
        do {
            _ = try ModelFile.load(name: "m", from: path, namer: &namer)
            return nil
        } catch {
            return String(describing: error).replacingOccurrences(of: path, with: "m.safetensors")
        }
    }

    func testAnUnbuiltModelIsNotSaved() {
        var namer = LayerNamer()
        let model = Model(name: "m", network: Sequential(definition: ModelDefinition(layers: [.dense(units: 1, activation: .sigmoid)]),
                                                         namer: &namer), rng: RandomGenerator(seed: 1))
        XCTAssertThrowsError(try ModelFile.save(model, to: folder + "/m.safetensors")) { error in
            XCTAssertEqual(error as? TrainingError, .notBuilt(model: "m"))
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder + "/m.safetensors"))
    }

    func testUnknownLossAndUnusableOptimizerAreErrors() throws {
        XCTAssertEqual(try loadError(Sequential.MetadataKey.loss) { _ in "hinge_loss" },
                       "m.safetensors: model definition: unknown loss 'hinge_loss' in lab.loss")
        XCTAssertEqual(try loadError(Sequential.MetadataKey.optimizer) {
            $0.replacingOccurrences(of: #""learningRate":[0-9.e-]+"#, with: #""learningRate":1e999"#, options: .regularExpression)
        },
                       "m.safetensors: model definition: no valid optimizer in lab.optimizer")
        XCTAssertEqual(try loadError(Sequential.MetadataKey.optimizer) { _ in "{\"sgd\":{\"learningRate\":-1,\"momentum\":0,\"nesterov\":false}}" },
                       "m.safetensors: model definition: no valid optimizer in lab.optimizer")
    }

    func testTextEncodingLengthMustMatchTheModel() throws {
        for bad in ["-3", "1099511627776"] {
            let error = try loadError(ModelFile.Key.textEncoding) { $0.replacingOccurrences(of: "\"maxlen\":5", with: "\"maxlen\":\(bad)") }
            XCTAssertEqual(error, "m.safetensors: model definition: lab.text_encoding pads to \(bad) but the model takes input length 5")
        }
    }

    func testAHugeInputLengthIsRefusedOnLoad() throws {
        let error = try loadError(Sequential.MetadataKey.definition, pooled: true) {
            $0.replacingOccurrences(of: "\"inputLength\":5", with: "\"inputLength\":1099511627776")
        }
        XCTAssertTrue(error?.hasPrefix("m.safetensors: model definition: training the model (a batch of 1 sample) needs ") ?? false, error ?? "")
    }

    /// A definition asking for weights the file does not hold (found by the model-file fuzz:
    /// `dense 3e9` built 24 GB before its tensors were matched) is refused before building.
    func testADefinitionNeedingMoreWeightsThanTheFileHoldsIsRefused() throws {
        let error = try loadError(Sequential.MetadataKey.definition) {
            $0.replacingOccurrences(of: "\"units\":1", with: "\"units\":3000000000")
        }
        XCTAssertEqual(error, "m.safetensors: model definition: the definition needs more weights than the file's 102 values")
    }

    func testAnAllZeroGeneratorStateIsRefused() throws {
        let error = try loadError(ModelFile.Key.rng) { _ in "{\"s0\":0,\"s1\":0,\"s2\":0,\"s3\":0}" }
        XCTAssertTrue(error?.hasPrefix("m.safetensors: model definition: lab.rng in __metadata__ is not valid: ") ?? false, error ?? "")
        XCTAssertTrue(error?.contains("the generator state is all zeros") ?? false, error ?? "")
    }

    /// A diverged validation loss in the history is saved and read back (JSON has no NaN; it was a raw EncodingError).
    func testNonFiniteHistoryValuesSurviveSaveAndLoad() throws {
        var history = History()
        _ = history.append(train: [MetricValue("loss", 0.5)], validation: [MetricValue("loss", .nan)], seconds: 1)
        _ = history.append(train: [MetricValue("loss", .infinity)], seconds: 1)
        let path = try savedModel(history: history)
        var namer = LayerNamer()
        let loaded = try ModelFile.load(name: "m", from: path, namer: &namer)
        XCTAssertTrue(loaded.history.series("val_loss").first?.value.isNaN ?? false)
        XCTAssertEqual(loaded.history.series("loss").last?.value, .infinity)
    }
}
