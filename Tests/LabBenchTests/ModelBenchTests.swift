import Foundation
import LabBench
import NeuralNet
import TensorCore
import XCTest

final class ModelBenchTests: XCTestCase {
    /// The configs and FLOP counts of shared/bench/peer_lstm.py (CONFIGS, flops_per_sample_fwd).
    func testConfigsAndFLOPsMatchThePeerScript() throws {
        XCTAssertEqual(ModelBench.names, ["lstm", "cnn", "lstm2048"])
        let expected: [String: (vocab: Int, length: Int, batch: Int, train: Int, infer: Int, warmup: Int, flops: Double)] = [
            "lstm": (5000, 500, 64, 40, 60, 2, 52_800_200),
            "cnn": (20000, 128, 64, 150, 300, 3, 21_000_400),
            "lstm2048": (20000, 400, 2048, 3, 3, 1, 42_240_200),
        ]
        for (name, e) in expected {
            let c = try XCTUnwrap(ModelBench.configs[name])
            XCTAssertEqual([c.vocab, c.length, c.batch, c.trainBatches, c.inferBatches, c.warmup],
                           [e.vocab, e.length, e.batch, e.train, e.infer, e.warmup], name)
            XCTAssertEqual(ModelBench.forwardFLOPs(c), e.flops, name)
        }
        XCTAssertNil(ModelBench.run(config: "gemm"))
    }

    /// The recurrent variants keep the lstm config's sizes; forward FLOPs by formula (e 32, h 100, T 500):
    /// GRU T·2·(e+h)·3h + 2h, Bidirectional LSTM 2·T·2·(e+h)·4h + 2·2h, recurrent dropout as the LSTM.
    func testVariantConfigsAndFLOPs() throws {
        XCTAssertEqual(ModelBench.variantNames, ["gru", "bilstm", "lstm_rdrop"])
        let flops: [String: Double] = ["gru": 39_600_200, "bilstm": 105_600_400, "lstm_rdrop": 52_800_200]
        for name in ModelBench.variantNames {
            let c = try XCTUnwrap(ModelBench.configs[name])
            XCTAssertEqual([c.vocab, c.length, c.batch], [5000, 500, 64], name)
            XCTAssertEqual(ModelBench.forwardFLOPs(c), flops[name], name)
        }
        XCTAssertEqual(ModelBench.model(ModelBench.configs["bilstm"]!).layers.map(\.typeName), ["Embedding", "Bidirectional", "Dense"])
        XCTAssertEqual(ModelBench.model(ModelBench.configs["gru"]!).layers.map(\.typeName), ["Embedding", "GRU", "Dense"])
        XCTAssertEqual(ModelBench.model(ModelBench.configs["lstm_rdrop"]!).layers[1].spec,
                       .lstm(units: 100, returnSequences: false, recurrentActivation: .sigmoid, dropout: RecurrentDropout(recurrent: 0.2)))
        for name in ModelBench.variantNames {
            let tiny = ModelBench.Config(name: name, vocab: 50, length: 6, batch: 4, trainBatches: 1, inferBatches: 1, warmup: 1)
            let result = try XCTUnwrap(ModelBench.run(tiny).model, name)
            XCTAssertTrue(result.finalLoss.isFinite, name)
        }
    }

    /// Seed 000's full-size LSTM: its sizes, FLOPs (T·2·(e+h)·4h + 2·h·2, e = h = 256, T 256), layers,
    /// and a tiny twin that trains with class-index labels.
    func testFullSizeConfig() throws {
        XCTAssertEqual(ModelBench.fullSizeNames, ["fullsize", "fullsize_lazy"])
        for name in ModelBench.fullSizeNames {
            let c = try XCTUnwrap(ModelBench.configs[name])
            XCTAssertEqual([c.vocab, c.length, c.batch], [926_454, 256, 32], name)
            XCTAssertEqual(ModelBench.forwardFLOPs(c), 268_436_480, name)
            XCTAssertEqual(ModelBench.model(c).layers.map(\.typeName), ["Embedding", "CuDNNLSTM", "Dense"], name)
            let tiny = ModelBench.Config(name: name, vocab: 50, length: 6, batch: 4, trainBatches: 1, inferBatches: 1, warmup: 1)
            XCTAssertTrue(try XCTUnwrap(ModelBench.run(tiny).model).finalLoss.isFinite, name)
        }
    }

    /// A tiny LSTM and CNN run end to end and report every JSON field.
    func testTinyRunsReportEveryField() throws {
        let configs = [ModelBench.Config(name: "tiny", vocab: 50, length: 12, batch: 4, trainBatches: 2, inferBatches: 2, warmup: 1),
                       ModelBench.Config(name: "cnn", vocab: 50, length: 12, batch: 4, trainBatches: 2, inferBatches: 2, warmup: 1)]
        let results = configs.map { ModelBench.run($0, peakGFLOPs: 100) }
        for r in results {
            let m = try XCTUnwrap(r.model)
            XCTAssertGreaterThan(m.trainSPS, 0)
            XCTAssertGreaterThan(m.inferSPS, 0)
            XCTAssertEqual(m.trainGFLOPs, 3 * ModelBench.forwardFLOPs(configs[0].name == r.config ? configs[0] : configs[1]) * m.trainSPS / 1e9,
                           accuracy: 1e-9)
            XCTAssertEqual(try XCTUnwrap(m.pctPeak), m.trainGFLOPs, accuracy: 1e-9)
            XCTAssertGreaterThan(m.peakRSSMB, 1)
            XCTAssertTrue(m.finalLoss.isFinite)
        }
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(BenchResult.json(results).utf8)) as? [[String: Any]])
        for key in ["config", "batch", "train_sps", "infer_sps", "train_gflops", "pct_peak", "peak_rss_mb"] {
            XCTAssertNotNil(json[0][key], key)
        }
        XCTAssertEqual(json.map { $0["config"] as? String }, ["tiny", "cnn"])
        XCTAssertTrue(BenchResult.table(results, header: "#").contains("train sps"))
    }
}
