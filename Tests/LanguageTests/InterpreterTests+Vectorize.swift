import Foundation
import XCTest

/// `vectorize`, sparse training, libsvm export and streamed chunks through the interpreter.
extension InterpreterTests {
    private var vectorized: String {
        """
        seed 3
        load s from "data/sentences/amazon_cells_labelled.txt"
        split s train=0.8 test=0.2
        vectorize s tfidf ngrams=1,2 min_df=2
        model m
          dense 1 sigmoid
        end
        compile m lr=0.05 metrics=accuracy,auc
        train m on s.train epochs=3 batch=32

        """
    }

    func testAVectorizedModelReadsRawTextAfterLoading() throws {
        let model = folder + "/m.safetensors"
        let (output, error) = run(vectorized + """
            predict m "great phone, works perfectly"
            evaluate m on s
            save m to "\(model)"
            load m2 from "\(model)"
            predict m2 "great phone, works perfectly"
            load fresh from "data/sentences/amazon_cells_labelled.txt"
            evaluate m2 on fresh
            """)
        XCTAssertNil(error, output)
        let lines = output.components(separatedBy: "\n")
        XCTAssertTrue(lines.contains("s: tfidf fitted on s.train (800 texts), 1,449 columns, 21,938 non-zeros"), output)
        let predictions = lines.filter { $0.first?.isNumber == true && ($0.hasSuffix(" 1") || $0.hasSuffix(" 0")) }
        XCTAssertEqual(predictions.count, 2, output)
        XCTAssertEqual(predictions[0], predictions[1], "the loaded model reads raw text as the trained one")
        // The raw file through m2's own vectorizer gives the rows `vectorize` gave s.
        let evaluations = lines.filter { $0.hasPrefix("loss: ") }
        XCTAssertEqual(evaluations.count, 2, output)
        XCTAssertEqual(evaluations.first, evaluations.last, output)
    }

    func testDataVectorizedOtherwiseIsRefused() {
        let (output, error) = run(vectorized + """
            load t from "data/sentences/imdb_labelled.txt"
            vectorize t tfidf ngrams=1,2 min_df=2
            evaluate m on t
            """)
        XCTAssertTrue(error?.contains("t is vectorized otherwise than m's training data: t has tfidf ngrams=1,2 min_df=2 (vocabulary ") == true,
                      "\(output)\n\(error ?? "")")
        XCTAssertTrue(error?.contains("load t again without vectorizing it") == true, error ?? "")
    }

    func testExportedChunksStreamBackForTraining() {
        let (output, error) = run("""
            seed 3
            load s from "data/sentences/amazon_cells_labelled.txt"
            split s train=0.8 test=0.2
            vectorize s counts binary=true
            export s.train to "\(folder)/c_%02d.svm" chunks=4
            load c from "\(folder)/c_*.svm" stream=true features=1609
            describe c
            model m
              dense 1 sigmoid
            end
            train m on c epochs=2 batch=40
            evaluate m on s.test
            expect m test accuracy >= 0.6
            """)
        XCTAssertNil(error, output)
        XCTAssertTrue(output.contains("wrote 800 rows in 4 files: \(folder)/c_00.svm … \(folder)/c_03.svm"), output)
        XCTAssertTrue(output.contains("c: streaming 800 libsvm rows × 1,609 columns from 4 files"), output)
        XCTAssertTrue(output.contains("800/800"), output)
    }

    func testVectorizeErrors() {
        XCTAssertTrue(run("load s from \"data/sentences/amazon_cells_labelled.txt\"\nvectorize s counts norm=l1").error?
            .contains("an option of tfidf") == true)
        XCTAssertTrue(run("load s from \"data/sentences/amazon_cells_labelled.txt\"\nvectorize s tfidf min_df=5 max_df=2").error?
            .contains("max_df=2 corresponds to fewer documents than min_df=5") == true)
        XCTAssertTrue(run("load s from \"data/sentences/amazon_cells_labelled.txt\"\nvectorize s tfidf max_df=1.5").error?
            .contains("a proportion in [0, 1]") == true)
        XCTAssertTrue(run("load s from \"data/sentences/amazon_cells_labelled.txt\"\nvectorize s bags").error?
            .contains("unknown weighting 'bags'") == true)
    }
}
