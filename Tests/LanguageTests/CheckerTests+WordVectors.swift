import Foundation
import Language
import XCTest

/// `lab check` knows the word-vector verbs and `weights=` names.
extension CheckerTests {
    func testWordVectorVerbsAndWeightsNames() {
        let load = "load s from \"data/sentences/amazon_cells_labelled.txt\"\n"
        let model = "model m\n  input 10\n  embedding 100 8 weights=w\n  flatten\n  dense 1 sigmoid\nend\n"
        XCTAssertEqual(problems(load + "word2vec w on s dim=8\nsimilar w \"good\"\n" + model + "save w to \"/tmp/w.vec\""), [])
        XCTAssertEqual(problems(load + model), ["t.exp:4:3: error: unknown word vectors 'w'"])
        XCTAssertEqual(problems(load + "word2vec w on s dim=16\n" + model),
                       ["t.exp:5:3: error: w holds 16-dimensional vectors but the embedding's rows are 8 wide; "
                        + "write embedding V 16 or use vectors of width 8"])
        XCTAssertEqual(problems("similar w \"good\""), ["t.exp:1:1: error: unknown word vectors 'w'"])
        XCTAssertEqual(problems("word2vec w on s"), ["t.exp:1:1: error: unknown dataset 's'"])
    }

    /// A GloVe or word2vec file loads as word vectors, which `weights=` then accepts.
    func testLoadedVectorFilesAreWordVectors() throws {
        let file = NSTemporaryDirectory() + "checker-\(UUID().uuidString).txt"
        try "the 0.1 0.2\nof 0.3 0.4\n".write(toFile: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: file) }
        let model = "model m\n  input 10\n  embedding 100 2 weights=g\n  flatten\n  dense 1 sigmoid\nend\n"
        XCTAssertEqual(problems("load g from \"\(file)\"\n" + model + "similar g \"the\""), [])
    }
}
