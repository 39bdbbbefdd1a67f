import Foundation
import LabData
import NeuralNet
import TensorCore
import Training
import XCTest

/// Training on libsvm chunks: every row once per epoch, one chunk in memory, chunk and row
/// order drawn from the seed (the same seed replays the same bits), and without shuffling the
/// same weights as the same rows in memory.
final class ChunkedBatchesTests: XCTestCase {
    var folder = ""
    var data: Dataset!

    override func setUpWithError() throws {
        folder = NSTemporaryDirectory() + "chunks-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let group = DatasetGroup(name: "s", whole: try DatasetReader.read(
            path: root.appendingPathComponent("data/sentences/amazon_cells_labelled.txt").path, options: LoadOptions()))
        try group.vectorize(VectorizerOptions(weighting: .tfidf))
        data = group.whole
        try LibSVMExport.write(dataset: data, to: folder + "/c_%02d.svm", chunks: 4)
    }

    override func tearDownWithError() throws { try FileManager.default.removeItem(atPath: folder) }

    private func chunks() throws -> LibSVMChunks {
        try LibSVMChunks(pattern: folder + "/c_*.svm", options: LoadOptions(features: data.sparseInputs!.columnCount))
    }

    private func model() -> Model {
        var namer = LayerNamer()
        let definition = ModelDefinition(layers: [.dense(units: 4, activation: .relu), .dense(units: 1, activation: .sigmoid)])
        return Model(name: "m", network: Sequential(definition: definition, namer: &namer), rng: RandomGenerator(seed: 9),
                     metrics: [.accuracy, .auc])
    }

    private func ticking() -> () -> Double {
        var t = 0.0
        return { t += 1; return t }
    }

    func testEachEpochVisitsEveryRowOnceHoldingOneChunk() throws {
        let source = ChunkedBatches(try chunks())
        var rng = RandomGenerator(seed: 5)
        var orders: [[Float]] = []
        for _ in 0..<2 {
            try source.beginEpoch(shuffle: true, shuffleBuffer: nil, using: &rng)
            var sums: [Float] = []
            try source.forEachBatch(batchSize: 32) { x, _ in
                guard case .sparse(let rows) = x else { XCTFail("sparse batches"); return false }
                for r in 0..<rows.rowCount { sums.append(rows.row(r).reduce(0) { $0 + $1.value * Float($1.column + 1) }) }
                return true
            }
            XCTAssertEqual(sums.count, 1000)
            XCTAssertLessThanOrEqual(source.peakRowsHeld, 250)
            orders.append(sums)
        }
        XCTAssertNotEqual(orders[0], orders[1], "reshuffled every epoch")
        XCTAssertEqual(orders[0].sorted(), orders[1].sorted())
    }

    /// Data-parallel shares: positions p ≡ r (mod N) of the chunk order go to process r, each
    /// cut into its ⌈B/N⌉ or ⌊B/N⌋ rows per step; a process whose chunks end adds no row.
    func testChunkShardsGiveEachProcessWholeChunksAndEveryStepItsRows() {
        let two = ChunkShards(order: [3, 0, 2, 1], chunkRows: [5, 3, 4, 2], processes: 2, batch: 4)
        XCTAssertEqual(two.chunks, [[3, 2], [0, 1]])
        XCTAssertEqual(two.shares, [[2, 2], [2, 2], [2, 1], [0, 2], [0, 1]])
        let three = ChunkShards(order: [0, 1, 2], chunkRows: [4, 4, 3], processes: 3, batch: 5)
        XCTAssertEqual(three.chunks, [[0], [1], [2]])
        XCTAssertEqual(three.shares, [[2, 2, 1], [2, 2, 1], [0, 0, 1]])
    }

    /// Over an epoch the processes' own rows, read from their own chunks only, are every row once.
    func testShardBatchesReadOnlyEachProcessesChunksAndCoverEveryRowOnce() throws {
        let source = ChunkedBatches(try chunks())
        var rng = RandomGenerator(seed: 5)
        try source.beginEpoch(shuffle: true, shuffleBuffer: nil, using: &rng)
        let shards = source.shards(processes: 2, batch: 32)
        var all: [Float] = []
        for rank in 0..<2 {
            var steps = 0
            try source.forEachShardBatch(rank: rank, shards: shards) { x, y, shares in
                guard case .sparse(let rows) = x else { XCTFail("sparse batches"); return false }
                XCTAssertEqual(rows.rowCount, shares[rank])
                XCTAssertEqual(y.shape.first, shares[rank])
                for r in 0..<rows.rowCount { all.append(rows.row(r).reduce(0) { $0 + $1.value * Float($1.column + 1) }) }
                steps += 1
                return true
            }
            XCTAssertEqual(steps, shards.shares.count, "every process takes every step")
            XCTAssertLessThanOrEqual(source.peakRowsHeld, 250, "one chunk at a time")
        }
        var whole: [Float] = []
        try source.forEachBatch(batchSize: 32) { x, _ in
            guard case .sparse(let rows) = x else { return false }
            for r in 0..<rows.rowCount { whole.append(rows.row(r).reduce(0) { $0 + $1.value * Float($1.column + 1) }) }
            return true
        }
        XCTAssertEqual(all.count, 1000)
        XCTAssertEqual(all.sorted(), whole.sorted())
        XCTAssertEqual(shards.chunks.map(\.count), [2, 2])
    }

    func testTheSameSeedReplaysAndInFileOrderItEqualsMemory() throws {
        func trained(_ shuffle: Bool) throws -> [[Float]] {
            let m = model()
            _ = try Trainer.fit(m, batches: ChunkedBatches(try chunks()), trainName: "c",
                                options: FitOptions(epochs: 2, batchSize: 50, shuffle: shuffle), clock: ticking())
            return m.network.namedParameters.map(\.parameter.value.values)
        }
        XCTAssertEqual(try trained(true), try trained(true))
        let memory = model()
        _ = try Trainer.fit(memory, on: data, trainName: "s", options: FitOptions(epochs: 2, batchSize: 50, shuffle: false), clock: ticking())
        XCTAssertEqual(try trained(false), memory.network.namedParameters.map(\.parameter.value.values))
    }
}
