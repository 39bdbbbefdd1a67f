import Foundation
import XCTest

/// Results stay true: saved files hold no timings, and a model with no history has nothing to export.
extension InterpreterTests {
    /// Two identical trainings under clocks that run at different speeds save identical bytes.
    func testModelFilesAreByteIdenticalWhateverTheClock() throws {
        func save(_ file: String, tick: Double) throws -> Data {
            let (_, error) = run(small + """
                train m on s.train val=s.val epochs=2 batch=100
                evaluate m on s.val
                save m to "\(folder)/\(file)"
                """, tick: tick)
            XCTAssertNil(error)
            return try Data(contentsOf: URL(fileURLWithPath: folder + "/" + file))
        }
        XCTAssertEqual(try save("a.safetensors", tick: 0.5), try save("b.safetensors", tick: 1.75))
    }

    /// `history` of a model read from a file shows no seconds (none were measured in this session).
    func testLoadedHistoryShowsNoSeconds() throws {
        let (_, error) = run(small + "train m on s.train epochs=1 batch=100\nsave m to \"\(folder)/m.safetensors\"")
        XCTAssertNil(error)
        let (output, loadError) = run("load m2 from \"\(folder)/m.safetensors\"\nhistory m2\ncompare m2")
        XCTAssertNil(loadError)
        let lines = output.components(separatedBy: "\n")
        XCTAssertEqual(lines[1].split(separator: " ").last, "seconds", output)
        XCTAssertEqual(lines[3].split(separator: " ").last, "-", output)
        XCTAssertEqual(lines[6].split(separator: " ").last, "-", output)
    }

    /// `export` of a model that has never trained is an error, as `plot` is.
    func testExportOfAnUntrainedModelIsAnError() {
        let (_, error) = run(small + "export m to \"\(folder)/h.csv\"")
        XCTAssertEqual(error?.components(separatedBy: "\n").first,
                       "t.exp:10:1: error: m has no history to export (train it first)")
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder + "/h.csv"))
    }
}

extension InterpreterTests {
    /// A test result is labelled with its epoch; after more training `expect … test …` refuses it,
    /// `compare` blanks it with a note, and `history` marks it stale.
    func testTestResultsGoStaleWhenTrainingContinues() {
        let trained = small + """
            train m on s.train epochs=1 batch=100
            evaluate m on s.val
            expect m test accuracy >= 0
            history m
            train m on s.train epochs=1 batch=100
            history m
            compare m

            """
        let (output, error) = run(trained + "expect m test accuracy >= 0")
        XCTAssertEqual(error?.components(separatedBy: "\n").first,
                       "t.exp:17:1: error: m's test result was measured after epoch 1 and m has trained since; run `evaluate m on …` again")
        let tests = output.components(separatedBy: "\n").filter { $0.hasPrefix("test ") }
        XCTAssertEqual(tests.count, 2, output)
        XCTAssertTrue(tests[0].hasPrefix("test after epoch 1: loss "), tests[0])
        XCTAssertTrue(tests[1].hasPrefix("test after epoch 1 (stale: trained since; evaluate again): loss "), tests[1])
        let compareRow = output.components(separatedBy: "\n").first { $0.hasPrefix("m  ") } ?? ""
        XCTAssertEqual(compareRow.split(separator: " ").dropFirst(5).prefix(2), ["-", "-"], output)
        XCTAssertTrue(output.hasSuffix("m: its test result (after epoch 1) is stale: trained since; evaluate it again\n"), output)

        let (again, againError) = run(trained + "evaluate m on s.val\nexpect m test accuracy >= 0")
        XCTAssertNil(againError)
        XCTAssertTrue(again.components(separatedBy: "\n").dropLast().last?.hasPrefix("ok: m test accuracy = ") ?? false, again)
    }

    /// A saved and reloaded model keeps its labelled, current test result.
    func testTestResultTravelsInTheModelFile() {
        XCTAssertNil(run(small + "train m on s.train epochs=1 batch=100\nevaluate m on s.val\nsave m to \"\(folder)/m.safetensors\"").error)
        let (output, error) = run("load m from \"\(folder)/m.safetensors\"\nexpect m test accuracy >= 0\nhistory m")
        XCTAssertNil(error)
        XCTAssertTrue(output.contains("\ntest after epoch 1: loss "), output)
    }
}

extension InterpreterTests {
    /// Keras's `acc` (and its other names for accuracy) compile, log under that name, and fill
    /// `compare`'s test accuracy.
    func testAccuracyAliasesAreLoggedUnderTheirName() {
        let (output, error) = run(small + """
            compile m metrics=acc,auc
            train m on s.train val=s.val epochs=1 batch=100
            expect m val_acc >= 0
            evaluate m on s.val
            compare m
            compile m metrics=binary_accuracy
            train m on s.train epochs=1 batch=100
            compile m metrics=sparse_categorical_accuracy
            """)
        XCTAssertNil(error, output)
        XCTAssertTrue(output.contains(" - loss: "), output)
        XCTAssertTrue(output.contains(" - acc: "), output)
        XCTAssertTrue(output.contains(" - val_acc: "), output)
        XCTAssertTrue(output.contains(" - binary_accuracy: "), output)
        XCTAssertTrue(output.contains("ok: m val_acc = "), output)
        let compareRow = output.components(separatedBy: "\n").first { $0.hasPrefix("m  ") } ?? ""
        XCTAssertNotEqual(compareRow.split(separator: " ")[6], "-", output)
    }
}
