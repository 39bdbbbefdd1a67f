import Foundation
import XCTest

/// Nothing deletes data: `split` and a reloaded whole keep loaded splits; redefining a trained
/// model and appending to a recording say so.
extension InterpreterTests {
    func testSplitKeepsASplitLoadedBeforeIt() {
        let (output, error) = run("""
            seed 3
            load s from "data/sentences/amazon_cells_labelled.txt"
            load s.test from "data/sentences/imdb_labelled.txt"
            split s train=0.8 val=0.2
            tokenize s words=500 maxlen=20
            describe s.test
            split s train=0.8 val=0.1 test=0.1
            """)
        XCTAssertTrue(output.contains("\ns.train: 800 rows, s.val: 200 rows, s.test: 1,000 rows (loaded, kept)\n"), output)
        XCTAssertTrue(output.contains("\n  rows: 1,000\n") || output.contains("\n  rows: 1000\n"), output)
        XCTAssertEqual(error?.components(separatedBy: "\n").first,
                       "t.exp:7:1: error: s.test was loaded from its own file and split never replaces it; "
                       + "leave test= out to split s into the other splits")
    }

    func testLoadingAWholeKeepsSplitsLoadedBeforeIt() {
        let (output, error) = run("""
            load s.test from "data/sentences/imdb_labelled.txt"
            load s from "data/sentences/amazon_cells_labelled.txt"
            split s train=0.9 val=0.1
            tokenize s words=500 maxlen=20
            evaluate nothing on s.test
            """)
        XCTAssertTrue(output.contains("\nkept s.test (loaded before); tokenize s before training on them\n"), output)
        XCTAssertTrue(output.contains("s.train: 900 rows, s.val: 100 rows, s.test: 1,000 rows (loaded, kept)"), output)
        XCTAssertEqual(error?.components(separatedBy: "\n").first, "t.exp:5:10: error: unknown model 'nothing'")
    }

    func testLoadingAStreamKeepsSplitsLoadedBeforeIt() throws {
        let train = try amazonRows(0..<200, name: "train.ft.txt"), test = try amazonRows(200..<250, name: "test.ft.txt")
        let (output, error) = run("""
            load az.test from "\(test)"
            load az from "\(train)" stream=true
            tokenize az words=100 maxlen=10
            describe az.test
            """)
        XCTAssertNil(error, output)
        XCTAssertTrue(output.contains("\nkept az.test (loaded before); tokenize az before training on them\n"), output)
        XCTAssertTrue(output.contains("\n  inputs: 10 per row"), output)
    }

    func testRedefiningATrainedModelSaysSo() {
        let (output, error) = run(small + """
            model m
              embedding 500 8
              flatten
              dense 1 sigmoid
            end
            train m on s.train epochs=1 batch=100
            save m to "\(folder)/m.safetensors"
            model m
              embedding 500 8
              globalaveragepool1d
              dense 1 sigmoid
            end
            model m
              dense 1 sigmoid
            end
            load m from "\(folder)/m.safetensors"
            load m from "\(folder)/m.safetensors"
            """)
        XCTAssertNil(error)
        let notes = output.components(separatedBy: "\n").filter { $0.hasPrefix("note: ") }
        XCTAssertEqual(notes, ["note: this replaces the trained m (weights and 1 epoch of history); the new m starts untrained",
                               "note: this replaces the trained m (weights and 1 epoch of history); m is now the model from \(folder)/m.safetensors"])
    }

    func testRecordingIntoAFileWithLinesSaysItAppends() throws {
        let path = folder + "/session.exp"
        XCTAssertEqual(run("record \"\(path)\"\nrecord off").output, "recording to \(path)\nrecording off\n")
        try "seed 1\nlist\n".write(toFile: path, atomically: true, encoding: .utf8)
        XCTAssertEqual(run("record \"\(path)\"").output, "recording to \(path) (appending after its 2 lines)\n")
        try "seed 1".write(toFile: path, atomically: true, encoding: .utf8)
        XCTAssertEqual(run("record \"\(path)\"").output, "recording to \(path) (appending after its 1 line)\n")
    }
}
