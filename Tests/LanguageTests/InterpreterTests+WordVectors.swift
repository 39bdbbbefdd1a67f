import Foundation
import Language
import XCTest

/// `word2vec`, `similar`, vector files and `embedding … weights=` through the interpreter.
extension InterpreterTests {
    var vectorsScript: String {
        small + """
            word2vec w on s.train dim=8 min_count=2 epochs=2

            """
    }

    func testWord2VecSimilarSaveAndLoad() throws {
        let path = folder + "/w.vec"
        let (out, error) = run(vectorsScript + """
            similar w "good" n=3
            save w to "\(path)"
            load back from "\(path)"
            list
            """)
        XCTAssertNil(error)
        let lines = out.components(separatedBy: "\n")
        XCTAssertTrue(lines.contains { $0 == ("w: 700 words × 8 from s.train (8,270 words, 1,638 distinct, CBOW, 2 epochs) in 0.50s, 33,080 words/s") },
                      out)
        XCTAssertTrue(lines.contains("w: nearest to \"good\" by cosine similarity"), out)
        XCTAssertEqual(lines.filter { $0.hasPrefix("  ") && $0.split(separator: " ").count == 2 }.count, 3, out)
        XCTAssertTrue(lines.contains("saved w to \(path) (word2vec text, 700 words × 8)"), out)
        XCTAssertTrue(lines.contains("back: 700 words × 8 from \(path) (word2vec text)"), out)
        XCTAssertTrue(lines.contains("vectors back: 700 words × 8, \(path)"), out)
    }

    func testEmbeddingWeightsReportCoverageAndFreeze() {
        let (out, error) = run(vectorsScript + """
            model f
              input 20
              embedding 500 8 weights=w trainable=false
              flatten
              dense 1 sigmoid
            end
            summary f
            """)
        XCTAssertNil(error)
        XCTAssertTrue(out.contains("  embedding_2: rows from w for 499 of 499 words; 1 row (0, padding, included) keeps the uniform initializer, frozen\n"), out)
        XCTAssertTrue(out.contains("Total params: 4,161\nTrainable params: 161\nNon-trainable params: 4,000\n"), out)
    }

    func testWordVectorErrorsNameTheProblem() {
        XCTAssertEqual(run(vectorsScript + "similar w \"zzzq\"").error,
                       "t.exp:11:11: error: 'zzzq' has no vector in w (700 words; words rarer than min_count are left out)\n"
                       + "similar w \"zzzq\"\n          ^\n")
        let wide = run(vectorsScript + "model f\n  embedding 500 16 weights=w\n  flatten\n  dense 1 sigmoid\nend").error ?? ""
        XCTAssertTrue(wide.hasPrefix("t.exp:11:1: error: w holds 8-dimensional vectors but the embedding's rows are 16 wide; "
                                     + "write embedding V 8 or use vectors of width 16"), wide)
        let unknown = run(small + "model f\n  embedding 500 8 weights=v\n  flatten\n  dense 1 sigmoid\nend").error ?? ""
        XCTAssertTrue(unknown.hasPrefix("t.exp:10:1: error: unknown word vectors 'v'"), unknown)
        let bad = folder + "/bad.vec"
        XCTAssertTrue(FileManager.default.createFile(atPath: bad, contents: Data("2 3\na 1 2 3\nb 1 2\n".utf8)))
        XCTAssertEqual(run("load v from \"\(bad)\"").error?.components(separatedBy: "\n")[0],
                       "t.exp:1:13: error: bad.vec:3: 'b' has 2 numbers; the header says 3")
        XCTAssertEqual(run("word2vec w on s.train sg=2").error?.components(separatedBy: "\n")[0],
                       "t.exp:1:26: error: expected 0 (CBOW) or 1 (skip-gram) for 'sg=', got '2'")
    }
}
