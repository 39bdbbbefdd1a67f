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

    /// Keras 2 with `Embedding(20000, 32, weights=[…], trainable=False)`: the table's rows keep their count
    /// in the layer row and in Total params, and move from Trainable to Non-trainable params.
    func testFrozenEmbeddingCountsAsNonTrainable() throws {
        var namer = LayerNamer()
        let model = Sequential(definition: ModelDefinition(inputLength: 400, layers: [
            .embedding(inputDim: 20000, outputDim: 32),
            .lstm(units: 100, returnSequences: false, recurrentActivation: .sigmoid),
            .dense(units: 1, activation: .sigmoid),
        ], embeddingSetups: [EmbeddingSetup(layer: 0, vectors: "w2v", trainable: false)]), namer: &namer)
        var expected = Golden.lstm
        expected[expected.count - 3] = "Trainable params: 53,301"
        expected[expected.count - 2] = "Non-trainable params: 640,000"
        XCTAssertEqual(try text(model), joined(expected))
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

    /// Keras 2 counts, by formula on 100 input features: GRU(32) 3·32·(100 + 32) + 6·32 = 12,864
    /// (reset_after=False: 3·32·(100 + 32 + 1) = 12,768); SimpleRNN(32) 32·(100 + 32 + 1) = 4,256;
    /// Bidirectional(LSTM(64)) 2·4·64·(100 + 64 + 1) = 84,480; Bidirectional(GRU(16), merge_mode='sum')
    /// on 128 features 2·(3·16·(128 + 16) + 6·16) = 14,016. Keras prints the wrapped name cut to 28 characters.
    func testRecurrentVariants() throws {
        var namer = LayerNamer()
        func model(_ layers: [LayerSpec]) -> Sequential {
            Sequential(definition: ModelDefinition(inputLength: 200, layers: [.embedding(inputDim: 20000, outputDim: 100)] + layers
                + [.dense(units: 1, activation: .sigmoid)]), namer: &namer)
        }
        let gru = model([.gru(units: 32, returnSequences: false, recurrentActivation: .sigmoid)])
        let gru22 = model([.gru(units: 32, returnSequences: false, recurrentActivation: .hardSigmoid, resetAfter: false)])
        let rnn = model([.simpleRNN(units: 32, returnSequences: false, dropout: RecurrentDropout(input: 0.2, recurrent: 0.2))])
        let bidirectional = model([
            .spatialDropout1D(rate: 0.2),
            .bidirectional(.lstm(units: 64, returnSequences: true, recurrentActivation: .sigmoid), mergeMode: .concat),
            .bidirectional(.gru(units: 16, returnSequences: false, recurrentActivation: .sigmoid), mergeMode: .sum),
        ])
        XCTAssertEqual(try gru.parameterCounts()[1], 12_864)
        XCTAssertEqual(try gru22.parameterCounts()[1], 12_768)
        XCTAssertEqual(try rnn.parameterCounts()[1], 4_256)
        XCTAssertEqual(try bidirectional.parameterCounts(), [2_000_000, 0, 84_480, 14_016, 17])
        XCTAssertEqual(try text(gru).split(separator: "\n")[5], "gru_1 (GRU)                  (None, 32)                12864     ")
        XCTAssertEqual(try text(gru22).split(separator: "\n")[5], "gru_2 (GRU)                  (None, 32)                12768     ")
        XCTAssertEqual(try text(rnn).split(separator: "\n")[5], "simple_rnn_1 (SimpleRNN)     (None, 32)                4256      ")
        XCTAssertEqual(try text(bidirectional), joined(Golden.bidirectional))
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
    static let bidirectional = [
        "_________________________________________________________________",
        "Layer (type)                 Output Shape              Param #   ",
        "=================================================================",
        "embedding_4 (Embedding)      (None, 200, 100)          2000000   ",
        "_________________________________________________________________",
        "spatial_dropout1d_1 (Spatial (None, 200, 100)          0         ",
        "_________________________________________________________________",
        "bidirectional_1 (Bidirection (None, 200, 128)          84480     ",
        "_________________________________________________________________",
        "bidirectional_2 (Bidirection (None, 16)                14016     ",
        "_________________________________________________________________",
        "dense_4 (Dense)              (None, 1)                 17        ",
        "=================================================================",
        "Total params: 2,098,513",
        "Trainable params: 2,098,513",
        "Non-trainable params: 0",
        "_________________________________________________________________",
    ]
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
