import Foundation
import NeuralNet
import TensorCore
import TestSupport
import XCTest

/// Model files mutated byte by byte (header JSON numbers, offsets, shapes, metadata, data):
/// reading and loading give a model or a typed `ModelFileError`, never a crash.
/// `LAB_FUZZ_SCALE=N` runs N times as many. Found at N = 8: an input length of 9,000,000,000
/// in the definition passed every check and `predict` then allocated 36 GB (now refused on load).
final class SafeTensorsFuzzTests: XCTestCase {
    func testMutatedModelFilesLoadOrGiveTypedErrors() throws {
        let folder = NSTemporaryDirectory() + "st-fuzz-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var namer = LayerNamer()
        let model = Sequential(definition: ModelDefinition(layers: [.embedding(inputDim: 12, outputDim: 3), .lstm(units: 2, returnSequences: false, recurrentActivation: .sigmoid),
                                                                    .dense(units: 1, activation: .sigmoid)]), namer: &namer)
        var rng = RandomGenerator(seed: 3)
        try model.build(inputLength: 4, using: &rng)
        try model.compile()
        let path = folder + "/m.safetensors"
        try model.save(to: path, metadata: ["note": "fuzz"])
        let seed = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        var mutator = Mutator(seed: 31)
        var loaded = 0
        for i in 0..<Mutator.iterations(400) {
            // Most edits go to the JSON header, where lengths, offsets and shapes live.
            var bytes = seed
            let headerEnd = min(seed.count, 8 + Int(seed[0]) + Int(seed[1]) << 8)
            if mutator.int(below: 4) > 0 {
                let header = Array(bytes[8..<headerEnd])
                var mutated = mutator.mutate(header)
                if mutator.int(below: 2) == 0 { mutated = Array(String(decoding: mutated, as: UTF8.self).utf8) }
                let length = UInt64(mutated.count)
                bytes = (0..<8).map { UInt8(truncatingIfNeeded: length >> (8 * $0)) } + mutated + bytes[headerEnd...]
            } else {
                bytes = mutator.mutate(bytes)
            }
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            do {
                let (network, _) = try Sequential.load(from: path, namer: &namer)
                if let length = network.inputLength, network.isBuilt {
                    _ = network.predict(Tensor(shape: [1, length]))
                }
                loaded += 1
            } catch is ModelFileError {
            } catch {
                XCTFail("#\(i): untyped error \(error)")
            }
        }
        XCTAssertLessThan(loaded, Mutator.iterations(400), "most mutations must be caught")
    }
}
