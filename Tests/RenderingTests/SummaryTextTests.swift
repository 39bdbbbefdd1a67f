import NeuralNet
import Rendering
import XCTest

/// Keras 2 summaries of the reference notebooks' models, byte for byte.
final class SummaryTextTests: XCTestCase {
    func text(_ model: Sequential, modelName: String? = nil) throws -> String {
        SummaryText.render(rows: try model.summaryRows(), modelName: modelName)
    }

    func joined(_ lines: [String]) -> String { lines.map { $0 + "\n" }.joined() }

    func testIMDBLSTMAndSecondStackedModelNumberAcrossTheSession() throws {
        var namer = LayerNamer()
        let first = Sequential(definition: ModelDefinition(inputLength: 400, layers: [
            .embedding(inputDim: 20000, outputDim: 32),
            .lstm(units: 100, returnSequences: false, recurrentActivation: .sigmoid),
            .dense(units: 1, activation: .sigmoid),
        ]), namer: &namer)
        let second = Sequential(definition: ModelDefinition(inputLength: 400, layers: [
            .embedding(inputDim: 20000, outputDim: 32),
            .lstm(units: 100, returnSequences: true, recurrentActivation: .sigmoid),
            .lstm(units: 32, returnSequences: false, recurrentActivation: .sigmoid),
            .dense(units: 1, activation: .sigmoid),
        ]), namer: &namer)
        XCTAssertEqual(try text(first), joined(Golden.lstm))
        XCTAssertEqual(try text(second), joined(Golden.stacked))
        XCTAssertEqual(first.parameterCount, 693_301)
        XCTAssertEqual(second.parameterCount, 710_257)
    }

    func testAmazonCuDNNLSTMIsInstantWithoutWeights() throws {
        let model = Sequential(inputLength: 256) { Embedding(926_453, 256); CuDNNLSTM(256); Dense(2, activation: .softmax) }
        XCTAssertEqual(try text(model), joined(Golden.cudnn))
        XCTAssertFalse(model.isBuilt)
        XCTAssertEqual(try model.parameterCounts()[1], 526_336)
    }

    func testCNNCutsLongNamesAt28Characters() throws {
        let model = Sequential(inputLength: 128) {
            Embedding(1_177_502, 100); Dropout(0.2); Conv1D(250, 3, activation: .relu); MaxPooling1D(3); Flatten()
            Dense(100, activation: .relu); Dense(2, activation: .softmax)
        }
        XCTAssertEqual(try text(model), joined(Golden.cnn))
    }

    func testCNNWithLSTM() throws {
        let model = Sequential(inputLength: 128) {
            Embedding(1_177_502, 100); Dropout(0.2); Conv1D(250, 3, activation: .relu); MaxPooling1D(3); LSTM(128)
            Dense(100, activation: .relu); Dense(2, activation: .softmax)
        }
        XCTAssertEqual(try text(model), joined(Golden.cnnlstm))
    }

    func testModelNameLineAndUnknownLength() throws {
        let model = Sequential { Embedding(100, 8); GlobalAveragePooling1D(); Dense(1, activation: .sigmoid) }
        let lines = try text(model, modelName: "sequential_1").split(separator: "\n", omittingEmptySubsequences: false)
        XCTAssertEqual(lines[0], "Model: \"sequential_1\"")
        XCTAssertEqual(lines[4], "embedding_1 (Embedding)      (None, None, 8)           800       ")
    }
}

/// Keras 2.2 `model.summary()` output of the reference models (trailing spaces included).
enum Golden {
    static let lstm = [
        "_________________________________________________________________",
        "Layer (type)                 Output Shape              Param #   ",
        "=================================================================",
        "embedding_1 (Embedding)      (None, 400, 32)           640000    ",
        "_________________________________________________________________",
        "lstm_1 (LSTM)                (None, 100)               53200     ",
        "_________________________________________________________________",
        "dense_1 (Dense)              (None, 1)                 101       ",
        "=================================================================",
        "Total params: 693,301",
        "Trainable params: 693,301",
        "Non-trainable params: 0",
        "_________________________________________________________________",
    ]
    static let stacked = [
        "_________________________________________________________________",
        "Layer (type)                 Output Shape              Param #   ",
        "=================================================================",
        "embedding_2 (Embedding)      (None, 400, 32)           640000    ",
        "_________________________________________________________________",
        "lstm_2 (LSTM)                (None, 400, 100)          53200     ",
        "_________________________________________________________________",
        "lstm_3 (LSTM)                (None, 32)                17024     ",
        "_________________________________________________________________",
        "dense_2 (Dense)              (None, 1)                 33        ",
        "=================================================================",
        "Total params: 710,257",
        "Trainable params: 710,257",
        "Non-trainable params: 0",
        "_________________________________________________________________",
    ]
    static let cudnn = [
        "_________________________________________________________________",
        "Layer (type)                 Output Shape              Param #   ",
        "=================================================================",
        "embedding_1 (Embedding)      (None, 256, 256)          237171968 ",
        "_________________________________________________________________",
        "cu_dnnlstm_1 (CuDNNLSTM)     (None, 256)               526336    ",
        "_________________________________________________________________",
        "dense_1 (Dense)              (None, 2)                 514       ",
        "=================================================================",
        "Total params: 237,698,818",
        "Trainable params: 237,698,818",
        "Non-trainable params: 0",
        "_________________________________________________________________",
    ]
    static let cnn = [
        "_________________________________________________________________",
        "Layer (type)                 Output Shape              Param #   ",
        "=================================================================",
        "embedding_1 (Embedding)      (None, 128, 100)          117750200 ",
        "_________________________________________________________________",
        "dropout_1 (Dropout)          (None, 128, 100)          0         ",
        "_________________________________________________________________",
        "conv1d_1 (Conv1D)            (None, 126, 250)          75250     ",
        "_________________________________________________________________",
        "max_pooling1d_1 (MaxPooling1 (None, 42, 250)           0         ",
        "_________________________________________________________________",
        "flatten_1 (Flatten)          (None, 10500)             0         ",
        "_________________________________________________________________",
        "dense_1 (Dense)              (None, 100)               1050100   ",
        "_________________________________________________________________",
        "dense_2 (Dense)              (None, 2)                 202       ",
        "=================================================================",
        "Total params: 118,875,752",
        "Trainable params: 118,875,752",
        "Non-trainable params: 0",
        "_________________________________________________________________",
    ]
    static let cnnlstm = [
        "_________________________________________________________________",
        "Layer (type)                 Output Shape              Param #   ",
        "=================================================================",
        "embedding_1 (Embedding)      (None, 128, 100)          117750200 ",
        "_________________________________________________________________",
        "dropout_1 (Dropout)          (None, 128, 100)          0         ",
        "_________________________________________________________________",
        "conv1d_1 (Conv1D)            (None, 126, 250)          75250     ",
        "_________________________________________________________________",
        "max_pooling1d_1 (MaxPooling1 (None, 42, 250)           0         ",
        "_________________________________________________________________",
        "lstm_1 (LSTM)                (None, 128)               194048    ",
        "_________________________________________________________________",
        "dense_1 (Dense)              (None, 100)               12900     ",
        "_________________________________________________________________",
        "dense_2 (Dense)              (None, 2)                 202       ",
        "=================================================================",
        "Total params: 118,032,600",
        "Trainable params: 118,032,600",
        "Non-trainable params: 0",
        "_________________________________________________________________",
    ]
}
