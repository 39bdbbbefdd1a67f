import Foundation
import NeuralNet
import TensorCore
import TestSupport
import XCTest

final class SafeTensorsTests: XCTestCase {
    var directory = ""

    override func setUpWithError() throws {
        directory = NSTemporaryDirectory() + "safetensors-tests-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(atPath: directory) }

    func path(_ name: String) -> String { directory + "/" + name }

    /// A valid file's bytes: header length, JSON, data.
    func bytes(header: String, data: [Float]) -> Data {
        var d = Data()
        withUnsafeBytes(of: UInt64(header.utf8.count).littleEndian) { d.append(contentsOf: $0) }
        d.append(contentsOf: Array(header.utf8))
        data.withUnsafeBytes { d.append(contentsOf: $0) }
        return d
    }

    func expectError(_ data: Data, _ message: String, file: StaticString = #filePath, line: UInt = #line) {
        let p = path("bad.safetensors")
        XCTAssertTrue(FileManager.default.createFile(atPath: p, contents: data))
        XCTAssertThrowsError(try SafeTensors.read(from: p), file: file, line: line) { error in
            XCTAssertEqual("\(error)", message, file: file, line: line)
        }
    }

    func testRoundTripKeepsNamesShapesValuesAndMetadata() throws {
        let a = randomTensor([3, 4]), b = Tensor(shape: [2], values: [1.5, -2])
        try SafeTensors(tensors: [("x.kernel", a), ("x.bias", b)], metadata: ["note": "quote \" and \\ and\nnewline"]).write(to: path("a.safetensors"))
        let back = try SafeTensors.read(from: path("a.safetensors"))
        XCTAssertEqual(back.tensors.map(\.name), ["x.kernel", "x.bias"])
        XCTAssertEqual(back["x.kernel"]?.shape, [3, 4])
        XCTAssertEqual(back["x.kernel"]?.values, a.values)
        XCTAssertEqual(back["x.bias"]?.values, b.values)
        XCTAssertEqual(back.metadata, ["note": "quote \" and \\ and\nnewline"])
        let raw = try Data(contentsOf: URL(fileURLWithPath: path("a.safetensors")))
        let headerLength = raw.prefix(8).enumerated().reduce(0) { $0 | Int($1.element) << (8 * $1.offset) }
        XCTAssertEqual(headerLength % 8, 0)
        XCTAssertEqual(raw.count, 8 + headerLength + 14 * 4)
        XCTAssertFalse(try FileManager.default.contentsOfDirectory(atPath: directory).contains { $0.contains(".tmp") })
    }

    func testMalformedFiles() {
        let good = #"{"t":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}"#
        let p = path("bad.safetensors")
        expectError(bytes(header: good, data: [1]), "\(p): tensor 't': data_offsets [0, 8] outside the 4-byte data region")
        expectError(Data([1, 2, 3]), "\(p): truncated file: 3 bytes, shorter than the 8-byte header length")
        var long = bytes(header: good, data: [1, 2])
        long.replaceSubrange(0..<8, with: [200, 0, 0, 0, 0, 0, 0, 0])
        expectError(long, "\(p): truncated file: header length 200 but only 62 bytes follow")
        expectError(bytes(header: #"{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}"#, data: [1, 2]),
                    "\(p): tensor 'b': data_offsets overlap another tensor")
        expectError(bytes(header: #"{"t":{"dtype":"F64","shape":[1],"data_offsets":[0,8]}}"#, data: [1, 2]),
                    "\(p): tensor 't' has dtype F64; only F32 is supported")
        expectError(bytes(header: #"{"t":{"dtype":"F32","shape":[3],"data_offsets":[0,8]}}"#, data: [1, 2]),
                    "\(p): tensor 't': 8 bytes for shape [3] (needs 3 × 4)")
        expectError(bytes(header: "[1, 2]", data: []), "\(p): malformed safetensors header: not a JSON object")
        expectError(bytes(header: #"{"__metadata__":{"k":3}}"#, data: []), "\(p): malformed safetensors header: __metadata__ value for 'k' is not a string")
        XCTAssertThrowsError(try SafeTensors.read(from: path("missing.safetensors"))) {
            XCTAssertEqual("\($0)", "\(path("missing.safetensors")): No such file or directory")
        }
    }

    func model(_ namer: inout LayerNamer) -> Sequential {
        Sequential(definition: ModelDefinition(inputLength: 6, layers: [
            .embedding(inputDim: 12, outputDim: 4), .conv1D(filters: 3, kernelSize: 2, strides: 1, padding: .same, activation: .relu),
            .lstm(units: 5, returnSequences: false, recurrentActivation: .sigmoid), .dense(units: 1, activation: .sigmoid),
        ]), namer: &namer)
    }

    func testModelSaveLoadPredictsIdenticallyAndResumesTrainingExactly() throws {
        var namer = LayerNamer(), rng = RandomGenerator(seed: 4)
        let original = model(&namer)
        try original.build(inputLength: 6, using: &rng)
        try original.compile()
        let x = Tensor(shape: [2, 6], values: [1, 2, 3, 4, 5, 6, 0, 11, 7, 7, 2, 1]), y = Tensor(shape: [2, 1], values: [1, 0])
        _ = original.trainStep(x: x, y: y, using: &rng)
        try original.save(to: path("m.safetensors"), metadata: ["tokenizer": "{}"])
        let (loaded, metadata) = try Sequential.load(from: path("m.safetensors"), namer: &namer)
        XCTAssertEqual(metadata, ["tokenizer": "{}"])
        XCTAssertEqual(loaded.layers.map(\.name), ["embedding_2", "conv1d_2", "lstm_2", "dense_2"])
        XCTAssertEqual(loaded.predict(x).values, original.predict(x).values)
        var r1 = RandomGenerator(seed: 8), r2 = RandomGenerator(seed: 8)
        XCTAssertEqual(loaded.trainStep(x: x, y: y, using: &r1), original.trainStep(x: x, y: y, using: &r2))
        XCTAssertEqual(loaded.predict(x).values, original.predict(x).values)
        let names = try SafeTensors.read(from: path("m.safetensors")).tensors.map(\.name)
        XCTAssertTrue(names.starts(with: ["embedding_1.embeddings", "conv1d_1.kernel", "conv1d_1.bias", "lstm_1.kernel",
                                          "lstm_1.recurrent_kernel", "lstm_1.bias", "dense_1.kernel", "dense_1.bias"]))
    }

    /// `sparse_update=lazy` survives a save: the loaded model goes on updating only touched rows,
    /// step for step as the original; a file naming an unknown mode is refused.
    func testLazySparseUpdateRoundTrips() throws {
        var namer = LayerNamer(), rng = RandomGenerator(seed: 4)
        let original = model(&namer)
        try original.build(inputLength: 6, using: &rng)
        original.compile(loss: .binaryCrossentropy, optimizer: .adam(), sparseUpdate: .lazy)
        let x = Tensor(shape: [2, 6], values: [1, 2, 3, 4, 5, 6, 0, 11, 7, 7, 2, 1]), y = Tensor(shape: [2, 1], values: [1, 0])
        _ = original.trainStep(x: x, y: y, using: &rng)
        try original.save(to: path("lazy.safetensors"))
        let (loaded, metadata) = try Sequential.load(from: path("lazy.safetensors"), namer: &namer)
        XCTAssertEqual(metadata, [:])
        XCTAssertEqual(loaded.optimizer?.sparseUpdate, .lazy)
        var r1 = RandomGenerator(seed: 8), r2 = RandomGenerator(seed: 8)
        XCTAssertEqual(loaded.trainStep(x: x, y: y, using: &r1), original.trainStep(x: x, y: y, using: &r2))
        XCTAssertEqual(loaded.namedParameters.map(\.parameter.value.values), original.namedParameters.map(\.parameter.value.values))
        original.compile(loss: .binaryCrossentropy)  // dense: the key comes from the caller's metadata alone
        try original.save(to: path("odd.safetensors"), metadata: [Sequential.MetadataKey.sparseUpdate: "eager"])
        XCTAssertThrowsError(try Sequential.load(from: path("odd.safetensors"), namer: &namer)) { error in
            XCTAssertTrue("\(error)".contains("unknown lab.sparse_update 'eager'"), "\(error)")
        }
    }

    /// A model with every new recurrent form saves and loads into a session whose counters moved on:
    /// the wrapped layer's saved name (`bidirectional_1/lstm_1`) finds its tensors, and training resumes exactly.
    func testRecurrentLayersAndBidirectionalRoundTrip() throws {
        var namer = LayerNamer(), rng = RandomGenerator(seed: 4)
        let rates = RecurrentDropout(input: 0.2, recurrent: 0.2)
        let original = Sequential(definition: ModelDefinition(inputLength: 6, layers: [
            .embedding(inputDim: 12, outputDim: 4), .spatialDropout1D(rate: 0.2),
            .bidirectional(.lstm(units: 3, returnSequences: true, recurrentActivation: .sigmoid, dropout: rates), mergeMode: .concat),
            .bidirectional(.gru(units: 3, returnSequences: true, recurrentActivation: .sigmoid, resetAfter: false), mergeMode: .ave),
            .gru(units: 4, returnSequences: true, recurrentActivation: .hardSigmoid, dropout: rates),
            .simpleRNN(units: 2, returnSequences: false, dropout: rates), .dense(units: 1, activation: .sigmoid),
        ]), namer: &namer)
        try original.build(inputLength: 6, using: &rng)
        try original.compile()
        let x = Tensor(shape: [2, 6], values: [1, 2, 3, 4, 5, 6, 0, 11, 7, 7, 2, 1]), y = Tensor(shape: [2, 1], values: [1, 0])
        _ = original.trainStep(x: x, y: y, using: &rng)
        try original.save(to: path("r.safetensors"))
        let (loaded, _) = try Sequential.load(from: path("r.safetensors"), namer: &namer)
        XCTAssertEqual(loaded.definition, original.definition)
        XCTAssertEqual(loaded.layers.map(\.fileName), ["embedding_2", "spatial_dropout1d_2", "bidirectional_3/lstm_2",
                                                       "bidirectional_4/gru_3", "gru_4", "simple_rnn_2", "dense_2"])
        XCTAssertEqual(loaded.predict(x).values, original.predict(x).values)
        var r1 = RandomGenerator(seed: 8), r2 = RandomGenerator(seed: 8)
        XCTAssertEqual(loaded.trainStep(x: x, y: y, using: &r1), original.trainStep(x: x, y: y, using: &r2))
        XCTAssertEqual(loaded.predict(x).values, original.predict(x).values)
        let names = Set(try SafeTensors.read(from: path("r.safetensors")).tensors.map(\.name))
        for name in ["bidirectional_1.forward_lstm_1.kernel", "bidirectional_1.backward_lstm_1.bias",
                     "bidirectional_2.forward_gru_1.recurrent_kernel", "gru_2.bias", "simple_rnn_1.kernel",
                     "optimizer.m.bidirectional_2.backward_gru_1.kernel"] {
            XCTAssertTrue(names.contains(name), name)
        }
    }

    /// A damaged layer-name entry for a Bidirectional is a missing tensor, not a crash.
    func testBidirectionalWithoutItsWrappedNameIsAMissingTensor() throws {
        var namer = LayerNamer(), rng = RandomGenerator(seed: 4)
        let m = Sequential(definition: ModelDefinition(inputLength: 3, layers: [
            .embedding(inputDim: 5, outputDim: 2),
            .bidirectional(.simpleRNN(units: 2, returnSequences: false), mergeMode: .concat),
        ]), namer: &namer)
        try m.build(inputLength: 3, using: &rng)
        try m.save(to: path("b.safetensors"))
        var file = try SafeTensors.read(from: path("b.safetensors"))
        for entry in ["", "bidirectional_1"] {
            file.metadata[Sequential.MetadataKey.layerNames] = #"["embedding_1", "\#(entry)"]"#
            try file.write(to: path("damaged.safetensors"))
            XCTAssertThrowsError(try Sequential.load(from: path("damaged.safetensors"), namer: &namer)) {
                XCTAssertEqual("\($0)", "\(self.path("damaged.safetensors")): tensor '\(entry).forward_.kernel' is missing")
            }
        }
    }

    /// Files written before the recurrent dropout options existed still load (their LSTM spec has no `dropout` key).
    func testDefinitionWithoutDropoutKeyDecodes() throws {
        let json = #"{"layers":[{"lstm":{"units":5,"returnSequences":false,"recurrentActivation":"sigmoid"}}],"inputLength":6}"#
        let definition = try JSONDecoder().decode(ModelDefinition.self, from: Data(json.utf8))
        XCTAssertEqual(definition.layers, [.lstm(units: 5, returnSequences: false, recurrentActivation: .sigmoid)])
    }

    func testLoadRejectsWeightsThatDoNotFitTheDefinition() throws {
        var namer = LayerNamer(), rng = RandomGenerator(seed: 4)
        let m = model(&namer)
        try m.build(inputLength: 6, using: &rng)
        try m.save(to: path("m.safetensors"))
        var file = try SafeTensors.read(from: path("m.safetensors"))
        file.tensors[3] = ("lstm_1.kernel", Tensor(shape: [4, 20]))
        try file.write(to: path("wrong.safetensors"))
        XCTAssertThrowsError(try Sequential.load(from: path("wrong.safetensors"), namer: &namer)) {
            XCTAssertEqual("\($0)", "\(self.path("wrong.safetensors")): tensor 'lstm_1.kernel' has shape [4, 20] but the model needs [3, 20]")
        }
        file.metadata = [:]
        try file.write(to: path("bare.safetensors"))
        XCTAssertThrowsError(try Sequential.load(from: path("bare.safetensors"), namer: &namer)) {
            XCTAssertEqual("\($0)", "\(self.path("bare.safetensors")): model definition: no valid lab.model_definition in __metadata__")
        }
    }

    /// Python's `safetensors` reads the file (`./lab.sh test` installs the package when it is missing).
    func testPythonSafetensorsLoadsTheFile() throws {
        try SafeTensors(tensors: [("dense_1.kernel", Tensor(shape: [2, 3], values: [1, 2, 3, 4, 5, 6]))], metadata: ["k": "v"]).write(to: path("py.safetensors"))
        let script = """
        import sys
        from safetensors.numpy import load_file
        from safetensors import safe_open
        t = load_file(sys.argv[1])["dense_1.kernel"]
        with safe_open(sys.argv[1], "np") as f: meta = f.metadata()
        print(t.shape, t.dtype, t.sum(), meta["k"])
        """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, path("py.safetensors")]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = Pipe()
        try process.run()
        process.waitUntilExit()
        let out = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        XCTAssertEqual(process.terminationStatus, 0, "python3 with safetensors and numpy must be installed")
        XCTAssertEqual(out, "(2, 3) float32 21.0 v\n")
    }
}
