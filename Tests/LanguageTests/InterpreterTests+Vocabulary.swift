import Foundation
import XCTest

/// A saved model keeps its own vocabulary: evaluated in a new session on the same rows it gives
/// the same numbers, and data tokenized with another vocabulary is refused.
extension InterpreterTests {
    /// Trains on 400 Amazon reviews, evaluates on 100 more, saves; returns the test file and the model file.
    func trainAndSave(extra: String = "") throws -> (test: String, model: String, output: String) {
        let train = try amazonRows(0..<400, name: "train.ft.txt"), test = try amazonRows(400..<500, name: "test.ft.txt")
        let model = folder + "/m.safetensors"
        let (output, error) = run("""
            seed 4
            load az from "\(train)"
            load az.test from "\(test)"
            tokenize az words=300 maxlen=20
            model m
              embedding 300 8
              globalaveragepool1d
              dense 1 sigmoid
            end
            train m on az epochs=2 batch=50
            evaluate m on az.test
            predict m on az.test to "\(folder)/p1.csv"
            save m to "\(model)"
            \(extra)
            """)
        XCTAssertNil(error, output)
        return (test, model, output)
    }

    /// The evaluate line of a transcript (`loss: … - accuracy: …`).
    func evaluation(_ output: String) -> String? { output.components(separatedBy: "\n").last { $0.hasPrefix("loss: ") } }

    func testSavedModelEvaluatesTheSameRowsIdenticallyInANewSession() throws {
        let (test, model, trained) = try trainAndSave()
        let expected = try XCTUnwrap(evaluation(trained))
        // Not tokenized: the model's own tokenizer reads it.
        let raw = run("""
            load m2 from "\(model)"
            load fresh from "\(test)"
            evaluate m2 on fresh
            predict m2 on fresh to "\(folder)/p2.csv"
            """)
        XCTAssertNil(raw.error, raw.output)
        XCTAssertEqual(evaluation(raw.output), expected)
        XCTAssertEqual(try String(contentsOfFile: folder + "/p2.csv", encoding: .utf8),
                       try String(contentsOfFile: folder + "/p1.csv", encoding: .utf8))
        // Tokenized like the model: the same again.
        let like = run("""
            load m2 from "\(model)"
            load fresh from "\(test)"
            tokenize fresh like m2
            evaluate m2 on fresh
            """)
        XCTAssertNil(like.error, like.output)
        XCTAssertEqual(evaluation(like.output), expected)
        XCTAssertTrue(like.output.contains("fresh: tokenized like m2, words=300 maxlen=20 (vocabulary "), like.output)
    }

    func testDataTokenizedWithAnotherVocabularyIsRefused() throws {
        let (test, model, _) = try trainAndSave()
        let (_, error) = run("""
            load m2 from "\(model)"
            load fresh from "\(test)"
            tokenize fresh words=300 maxlen=20
            evaluate m2 on fresh
            """)
        XCTAssertEqual(error?.components(separatedBy: "\n").first,
                       "t.exp:4:1: error: fresh is tokenized with another vocabulary than m2's: "
                       + "fresh has words=300 maxlen=20 (vocabulary 360376b0), m2 was trained with words=300 maxlen=20 "
                       + "(vocabulary acd6c34c); run `tokenize fresh like m2` to use m2's")
        let untokenizedTrain = run("load m2 from \"\(model)\"\nload fresh from \"\(test)\"\ntrain m2 on fresh")
        XCTAssertEqual(untokenizedTrain.error?.components(separatedBy: "\n").first,
                       "t.exp:3:1: error: fresh is not tokenized yet; run `tokenize fresh like m2` to use m2's own vocabulary")
    }

    /// Re-tokenizing after training (here with `oov=true`) changes the ids: evaluate and train refuse it.
    func testRetokenizingAfterTrainingIsRefused() throws {
        for statement in ["evaluate m on az.test", "predict m on az.test to \"\(folder)/p.csv\"", "train m on az epochs=1"] {
            let train = try amazonRows(0..<400, name: "train.ft.txt"), test = try amazonRows(400..<500, name: "test.ft.txt")
            let (_, error) = run("""
                load az from "\(train)"
                load az.test from "\(test)"
                tokenize az words=300 maxlen=20
                model m
                  embedding 300 8
                  globalaveragepool1d
                  dense 1 sigmoid
                end
                train m on az epochs=1 batch=50
                tokenize az words=300 maxlen=20 oov=true
                \(statement)
                """)
            let dataset = statement.hasPrefix("train") ? "az" : "az.test"
            XCTAssertEqual(error?.components(separatedBy: "\n").first,
                           "t.exp:11:1: error: \(dataset) is tokenized with another vocabulary than m's: "
                           + "\(dataset) has words=300 maxlen=20 oov=true (vocabulary e83e5c81), m was trained with words=300 maxlen=20 "
                           + "(vocabulary acd6c34c); run `tokenize az like m` to use m's", statement)
        }
    }

    /// A streamed dataset takes a model's tokenizer in one pass; its in-memory splits follow.
    func testTokenizeLikeOnAStreamedDataset() throws {
        let (test, model, trained) = try trainAndSave()
        let (output, error) = run("""
            load m2 from "\(model)"
            load fresh from "\(folder)/train.ft.txt" stream=true
            load fresh.test from "\(test)"
            tokenize fresh like m2
            evaluate m2 on fresh.test
            train m2 on fresh epochs=1 batch=50 shuffle=false
            """)
        XCTAssertNil(error, output)
        XCTAssertEqual(evaluation(output.components(separatedBy: "Epoch 3/3")[0]), try XCTUnwrap(evaluation(trained)))
        XCTAssertTrue(output.contains("Epoch 3/3\n400/400 "), output)
    }
}
