import Foundation
import Language
import XCTest

/// `lab check` on small scripts: the problems it reports before anything runs.
final class CheckerTests: XCTestCase {
    func problems(_ source: String) -> [String] {
        _ = FileManager.default.changeCurrentDirectoryPath(RepositoryPaths.root)
        var checker = Checker()
        return checker.check(ScriptParser.parse(source, file: "t.exp")).map { ScriptRunner.render($0).components(separatedBy: "\n")[0] }
    }

    /// `split` never replaces a split loaded from its own file, before or after the whole.
    func testSplitOverALoadedSplitIsReported() {
        let loadTest = "load s.test from \"data/sentences/imdb_labelled.txt\"\n"
        let loadWhole = "load s from \"data/sentences/amazon_cells_labelled.txt\"\n"
        let expected = ["t.exp:3:1: error: s.test was loaded from its own file and split never replaces it; "
                        + "leave test= out to split s into the other splits"]
        XCTAssertEqual(problems(loadWhole + loadTest + "split s train=0.8 test=0.2"), expected)
        XCTAssertEqual(problems(loadTest + loadWhole + "split s train=0.8 test=0.2"), expected)
        XCTAssertEqual(problems(loadTest + loadWhole + "split s train=0.8 val=0.2\ndescribe s.test"), [])
    }

    /// `vectorize` needs texts in memory; a glob of chunks an earlier `export` writes may be loaded;
    /// `chunks=` needs a `%02d` in the path.
    func testVectorizeExportChunksAndGlobs() {
        let load = "load s from \"data/sentences/amazon_cells_labelled.txt\"\n"
        XCTAssertEqual(problems(load + "vectorize s tfidf\nexport s to \"/nonexistent-dir/c_%02d.svm\" chunks=3\n"
                                + "load c from \"/nonexistent-dir/c_*.svm\" stream=true\ndescribe c"), [])
        XCTAssertEqual(problems(load + "export s to \"c.svm\" chunks=3"),
                       ["t.exp:2:1: error: c.svm: chunks=3 needs one %02d in the path for the chunk number"])
        XCTAssertEqual(problems("load s from \"data/amazon/reviews_6k.ft.txt\" stream=true\nvectorize s counts"),
                       ["t.exp:2:1: error: s is streamed from its file; vectorize needs its texts in memory "
                        + "(load it without stream=true, vectorize, then export chunks to stream)"])
        XCTAssertEqual(problems("load c from \"/nonexistent-dir/c_*.svm\" stream=true"),
                       ["t.exp:1:1: error: no file or folder at '/nonexistent-dir/c_*.svm'"])
    }

    /// `tokenize NAME like MODEL` needs both names.
    func testTokenizeLikeNeedsTheDatasetAndTheModel() {
        let load = "load s from \"data/sentences/amazon_cells_labelled.txt\"\n"
        XCTAssertEqual(problems(load + "tokenize s like m2"), ["t.exp:2:1: error: unknown model 'm2'"])
        XCTAssertEqual(problems("tokenize s like m2"), ["t.exp:1:1: error: unknown dataset 's'"])
        let file = NSTemporaryDirectory() + "checker-\(UUID().uuidString).safetensors"
        XCTAssertTrue(FileManager.default.createFile(atPath: file, contents: Data()))
        defer { try? FileManager.default.removeItem(atPath: file) }
        XCTAssertEqual(problems("load m2 from \"\(file)\"\n" + load + "tokenize s like m2"), [])
    }

    /// Models with the recurrent variants: good stacks pass, a bad one is reported on its line.
    func testRecurrentVariantsAreCheckedLikeOtherLayers() {
        let script = """
        model m
          input 50
          embedding 1000 100
          spatialdropout1d 0.2
          bidirectional lstm 64 return_sequences=true merge_mode=sum
          gru 32 dropout=0.2 recurrent_dropout=0.2 return_sequences=true
          simplernn 8
          dense 3 softmax
        end
        model bad
          input 50
          embedding 1000 8
          flatten
          bidirectional gru 4
          dense 1 sigmoid
        end
        """
        var checker = Checker()
        let found = checker.check(ScriptParser.parse(script, file: "c.exp"))
        XCTAssertEqual(found.map { "\($0.location.line):\($0.location.column): \($0.message)" },
                       ["14:3: bidirectional expects (batch, steps, features) but gets (batch, 400)"])
    }

    /// A `monitor=` column the training will not record is reported before anything runs.
    func testMonitorColumnsAreCheckedAgainstTheCompiledMetrics() {
        let script = """
            load s from "data/sentences/amazon_cells_labelled.txt"
            split s train=0.8 val=0.2
            model m
              embedding 500 8
              globalaveragepool1d
              dense 1 sigmoid
            end
            compile m metrics=accuracy,auc

            """
        XCTAssertEqual(problems(script + "train m on s.train val=s.val patience=2 monitor=val_auc"), [])
        XCTAssertEqual(problems(script + "train m on s.train validation_split=0.1 patience=2 monitor=val_precision"),
                       ["t.exp:9:1: error: monitor=val_precision is not a column of this training's history; "
                        + "it records loss, accuracy, auc, val_loss, val_accuracy, val_auc"])
        XCTAssertEqual(problems(script + "train m on s.train patience=2"),
                       ["t.exp:9:1: error: monitor=val_loss is not a column of this training's history (give val= or validation_split=); "
                        + "it records loss, accuracy, auc"])
        XCTAssertEqual(problems(script + "train m on s.train reduce_lr=0.5 monitor=lr"), [])
    }
}

extension CheckerTests {
    /// `plot … roc` and `predict … top=` rank rows by one score: a softmax model defined in the script is reported.
    func testROCAndTopNeedOneOutput() {
        let script = """
            load s from "data/sentences/amazon_cells_labelled.txt"
            split s train=0.8 val=0.2
            tokenize s words=500 maxlen=20
            model m
              embedding 500 8
              lstm 8
              dense 2 softmax
            end
            report m on s.val
            plot m roc on s.val
            predict m on s.val top=3
            predict m on s.val to "p.csv"
            """
        XCTAssertEqual(problems(script), [
            "t.exp:10:1: error: plot … roc needs a binary model (one sigmoid output); m has 2 outputs",
            "t.exp:11:1: error: top= needs a binary model (one sigmoid output); m has 2 outputs",
        ])
        XCTAssertEqual(problems(script.replacingOccurrences(of: "dense 2 softmax", with: "dense 1 sigmoid")), [])
    }
}
