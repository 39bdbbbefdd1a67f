import Foundation
import XCTest

/// The training-control options of `train` and `compile` through the interpreter.
extension InterpreterTests {
    /// The `lr` column (or any column) of a CSV history file, as numbers.
    func column(_ name: String, of path: String) throws -> [Double] {
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        let index = try XCTUnwrap(lines.first?.firstIndex { $0 == name }, "no column \(name)")
        return lines.dropFirst().map { Double($0[index])! }
    }

    func testValidationSplitValidatesOnTheLastQuarter() {
        let (output, error) = run(small + "train m on s.train validation_split=0.25 epochs=1 batch=100\nhistory m")
        XCTAssertNil(error)
        // 800 rows: 600 train, the last 200 validate.
        XCTAssertTrue(output.contains("600/600 [="), output)
        XCTAssertTrue(output.contains("val_loss"), output)
    }

    func testClassWeightScalesTheLoss() {
        func loss(_ options: String) -> String? {
            let (output, error) = run(small + "train m on s.train epochs=1 batch=100 \(options)")
            XCTAssertNil(error, options)
            return output.components(separatedBy: " - loss: ").last?.components(separatedBy: " ").first
        }
        let plain = loss("")
        XCTAssertEqual(loss("class_weight=0:1,1:1"), plain)
        XCTAssertNotEqual(loss("class_weight=0:1,1:3"), plain)
        let (output, error) = run(small + "train m on s.train epochs=1 class_weight=1:3")
        XCTAssertEqual(error?.components(separatedBy: "\n").first, "t.exp:10:1: error: class_weight= gives no weight for class 0, "
                       + "which the training data holds (weights are given for 1); give every class a weight, as Keras requires")
        XCTAssertFalse(output.contains("Epoch 1/"), output)
    }

    func testBalancedClassWeightIsScikitLearnsFormula() throws {
        // s.train holds 395 rows of class 0 and 405 of class 1: 800/(2·395) and 800/(2·405).
        let balanced = folder + "/b.csv", given = folder + "/g.csv"
        XCTAssertNil(run(small + "train m on s.train epochs=2 batch=100 class_weight=balanced log=\"\(balanced)\"").error)
        XCTAssertNil(run(small + "train m on s.train epochs=2 batch=100 class_weight=0:1.0126582278481013,1:0.9876543209876543 "
                         + "log=\"\(given)\"").error)
        XCTAssertEqual(try column("loss", of: balanced), try column("loss", of: given))
    }

    func testEarlyStoppingOnAMonitoredColumn() {
        let (output, error) = run(small + "train m on s.train val=s.val epochs=12 batch=100 monitor=val_accuracy patience=0\nhistory m")
        XCTAssertNil(error)
        let line = try? XCTUnwrap(output.split(separator: "\n").first { $0.hasPrefix("early stopping after epoch ") }, output)
        // "early stopping after epoch N: val_accuracy has not improved since epoch M", M < N, N epochs kept.
        let numbers = (line ?? "").split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
        XCTAssertEqual(numbers.count, 2, String(line ?? ""))
        XCTAssertTrue(line?.contains(": val_accuracy has not improved since epoch ") == true, output)
        if numbers.count == 2 {
            XCTAssertLessThan(numbers[1], numbers[0])
            XCTAssertTrue(output.contains("\n   \(numbers[0] < 10 ? " " : "")\(numbers[0])  "), "history ends at the stopping epoch")
        }
    }

    func testReduceLROnPlateauWritesTheLRColumn() throws {
        // min_delta=100: after epoch 1 nothing counts as an improvement, so every epoch past the
        // first waits, and reduce_patience=1 halves the rate after each of them.
        let path = folder + "/h.csv"
        let (output, error) = run(small + """
            train m on s.train val=s.val epochs=3 batch=100 reduce_lr=0.5 reduce_patience=1 min_delta=100 min_lr=0.0003
            export m to "\(path)"
            expect m lr < 0.00051
            expect m best lr < 0.0006
            plot m lr
            """)
        XCTAssertNil(error)
        XCTAssertTrue(output.contains("ok: m lr = 5.0000e-04 < 0.00051\n"), output)
        // The column holds the rate each epoch trained with; the second cut stops at min_lr.
        XCTAssertEqual(try column("lr", of: path), [0.001, 0.001, 0.0005])
        XCTAssertTrue(output.contains("reduced the learning rate to 0.0005 after epoch 2: val_loss has not improved for 1 epoch\n"), output)
        XCTAssertTrue(output.contains("reduced the learning rate to 0.0003 after epoch 3: "), output)
    }

    func testLearningRateSchedulesFollowKerasFormulas() throws {
        // 800 rows at batch 100: 8 steps an epoch; the lr column is the rate of an epoch's last step (7, 15).
        let exponential = folder + "/e.csv", cosine = folder + "/c.csv"
        let (_, error) = run(small + """
            train m on s.train epochs=2 batch=100 lr_schedule=exponential decay_steps=8 decay_rate=0.5
            export m to "\(exponential)"
            model c
              embedding 500 8
              lstm 8
              dense 1 sigmoid
            end
            train c on s.train epochs=2 batch=100 lr_schedule=cosine decay_steps=10 alpha=0.2
            export c to "\(cosine)"
            """)
        XCTAssertNil(error)
        let e = try column("lr", of: exponential), c = try column("lr", of: cosine)
        XCTAssertEqual(e.count, 2)
        XCTAssertEqual(e[0], 0.001 * pow(0.5, 7.0 / 8), accuracy: 1e-9)
        XCTAssertEqual(e[1], 0.001 * pow(0.5, 15.0 / 8), accuracy: 1e-9)
        XCTAssertEqual(c[0], 0.001 * (0.8 * 0.5 * (1 + cos(Double.pi * 0.7)) + 0.2), accuracy: 1e-9)
        XCTAssertEqual(c[1], 0.001 * 0.2, accuracy: 1e-9)
    }

    func testUnknownMonitorFailsBeforeTheFirstEpoch() {
        let (output, error) = run(small + "compile m metrics=accuracy\ntrain m on s.train val=s.val patience=2 monitor=val_auc")
        XCTAssertEqual(error, """
            t.exp:11:1: error: monitor=val_auc is not a column of this training's history; it records loss, accuracy, val_loss, val_accuracy
            train m on s.train val=s.val patience=2 monitor=val_auc
            ^

            """)
        XCTAssertFalse(output.contains("Epoch 1/"), output)
        let (_, noValidation) = run(small + "train m on s.train patience=2")
        XCTAssertTrue(noValidation?.contains("monitor=val_loss is not a column of this training's history (give val= or validation_split=)") == true,
                      noValidation ?? "")
    }

    func testBestOnlyCheckpointSavesImprovingEpochsOnly() {
        // Training loss falls every epoch, so in max mode only epoch 1 improves: the file keeps epoch 1.
        let path = folder + "/best.safetensors"
        let (output, error) = run(small + """
            train m on s.train epochs=3 batch=100 checkpoint="\(path)" best_only=true monitor=loss mode=max
            load b from "\(path)"
            """)
        XCTAssertNil(error)
        XCTAssertTrue(output.contains("b: loaded from \(path), 4,553 params, 1 epoch of history"), output)
    }

    func testLogAppendsOneRowPerEpochAcrossTrainCalls() throws {
        let path = folder + "/log.csv"
        let (_, error) = run(small + """
            train m on s.train val=s.val epochs=2 batch=100 log="\(path)"
            train m on s.train val=s.val epochs=1 batch=100 log="\(path)"
            """)
        XCTAssertNil(error)
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
        XCTAssertEqual(lines.first, "epoch,loss,accuracy,val_loss,val_accuracy")
        XCTAssertEqual(lines.dropFirst().map { $0.split(separator: ",").first! }, ["1", "2", "3"])
        XCTAssertEqual(try column("val_loss", of: path).count, 3)
    }

    func testClipValueOnTrainHoldsForThatCallOnly() {
        let (output, error) = run(small + """
            compile m optimizer=sgd lr=0.5
            train m on s.train epochs=1 batch=100
            evaluate m on s.val
            train m on s.train epochs=1 batch=100 clipvalue=1e-12
            evaluate m on s.val
            train m on s.train epochs=1 batch=100
            evaluate m on s.val
            """)
        XCTAssertNil(error)
        let results = output.split(separator: "\n").filter { $0.hasPrefix("loss: ") }
        XCTAssertEqual(results.count, 3)
        // Gradients clamped to 1e-12 leave the weights as they were; the next call trains again.
        XCTAssertEqual(results[0], results[1])
        XCTAssertNotEqual(results[1], results[2])
    }

    func testCompileReportsClipping() {
        let (output, error) = run(small + "compile m clipnorm=1 clipvalue=0.5")
        XCTAssertNil(error)
        XCTAssertTrue(output.contains("m: binary_crossentropy, adam lr=0.001 clipnorm=1.0 clipvalue=0.5, metrics accuracy\n"), output)
    }
}

extension InterpreterTests {
    /// A streamed dataset cannot cut its last rows off or count its labels before training.
    func testStreamedDataRefusesValidationSplitAndBalancedWeights() {
        let stream = """
            load a from "data/amazon/reviews_6k.ft.txt" stream=true limit=300
            tokenize a words=500 maxlen=20
            model m
              embedding 500 8
              globalaveragepool1d
              dense 1 sigmoid
            end

            """
        XCTAssertEqual(run(stream + "train m on a validation_split=0.1").error?.components(separatedBy: "\n").first,
                       "t.exp:8:1: error: validation_split needs the rows in memory, and a is streamed from its file; "
                       + "load it without stream=true or give val=")
        XCTAssertEqual(run(stream + "train m on a class_weight=balanced").error?.components(separatedBy: "\n").first,
                       "t.exp:8:1: error: class_weight=balanced needs the rows in memory, and a is streamed from its file; "
                       + "load it without stream=true or give class_weight=0:…,1:…")
        XCTAssertNil(run(stream + "train m on a class_weight=0:1,1:2 batch=100").error)
    }
}

extension InterpreterTests {
    /// `shuffle_buffer=` and `checkpoint_every=` through a script: a stream trains through the buffer and its
    /// epoch-end checkpoint carries no position; rows in memory refuse a buffer; `sparse_update=lazy` is reported.
    func testStreamShuffleBufferCheckpointEveryAndLazyAdam() {
        let ck = folder + "/ck.safetensors"
        let model = """
            model m
              embedding 500 8
              globalaveragepool1d
              dense 1 sigmoid
            end
            compile m sparse_update=lazy

            """
        let (output, error) = run("""
            load a from "data/amazon/reviews_6k.ft.txt" stream=true limit=300
            tokenize a words=500 maxlen=20

            """ + model + """
            train m on a batch=50 shuffle_buffer=100 checkpoint="\(ck)" checkpoint_every=2
            load m2 from "\(ck)"
            """)
        XCTAssertNil(error)
        XCTAssertTrue(output.contains("m: binary_crossentropy, adam lr=0.001 sparse_update=lazy, metrics accuracy\n"), output)
        XCTAssertTrue(output.contains("m2: loaded from"), output)
        XCTAssertFalse(output.contains("into epoch"), "the epoch-end save replaced the mid-epoch ones: \(output)")
        let memory = run("""
            load b from "data/amazon/reviews_6k.ft.txt" limit=300
            tokenize b words=500 maxlen=20

            """ + model + "train m on b shuffle_buffer=10")
        XCTAssertEqual(memory.error?.components(separatedBy: "\n").first,
                       "t.exp:9:1: error: shuffle_buffer= shuffles a streamed file; data in memory or in chunks is shuffled whole by shuffle=true")
    }
}
