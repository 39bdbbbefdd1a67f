@testable import Language
import XCTest

/// The interpreter's own runtime errors, worded in one place (`InterpreterError.message`):
/// the texts are those the interpreter built inline before the errors had types.
final class InterpreterErrorTests: XCTestCase {
    func testMessagesGolden() {
        let cases: [(InterpreterError, String)] = [
            (.unknown("model", "lstn", among: ["lstm", "gru"]), "unknown model 'lstn' — did you mean 'lstm'?"),
            (.unknown("dataset", "zzz", among: ["reviews"]), "unknown dataset 'zzz'"),
            (.datasetNotModel("r"), "'r' is a dataset, not a model"),
            (.modelNotDataset("m"), "'m' is a model, not a dataset"),
            (.nameTakenByDataset("r"), "'r' is already a dataset; choose another name"),
            (.streamedNotInMemory(dataset: "az", path: "a.ft"),
             "'az' is streamed from a.ft and not held in memory: only describe, tokenize and train read it "
                + "(load held-out rows with `load az.test from \"…\"`)"),
            (.holdsNoData("r"), "r holds no data"),
            (.missingSplit(reference: "r.val", dataset: "r", splits: []),
             "r.val does not exist; split it first (split r train=0.8 val=0.1 test=0.1)"),
            (.missingSplit(reference: "r.val", dataset: "r", splits: ["train", "test"]),
             "r.val does not exist (it has r.train, r.test)"),
            (.noTokenizer(model: "m", dataset: "r"),
             "m has no tokenizer (it was not trained on tokenized text); tokenize r with `tokenize r words=… maxlen=…`"),
            (.noHistoryToExport("m"), "m has no history to export (train it first)"),
            (.cannotInferLoss(model: "m"), "cannot infer a loss from the last layer of m; give compile a loss="),
            (.cannotTrain(model: "m", data: "r.train", reason: "why"), "m cannot train on r.train: why"),
            (.interrupted(model: "m", epoch: 3, keptEpochs: 2),
             "training stopped by Ctrl-C during epoch 3; m keeps its weights and 2 recorded epochs"),
            (.missingHistoryColumn(model: "m", column: "val_loss", isValidation: true, untrained: false),
             "m has no val_loss in its history (train it with val=…)"),
            (.missingHistoryColumn(model: "m", column: "loss", isValidation: false, untrained: true),
             "m has no loss in its history (train it first)"),
            (.testColumnWithValPrefix("val_auc"), "test values have no val_ prefix: write `test auc`"),
            (.notEvaluated(model: "m"), "m has not been evaluated; run `evaluate m on …` first"),
            (.staleTestResult(model: "m", label: "at epoch 2"),
             "m's test result was measured at epoch 2 and m has trained since; run `evaluate m on …` again"),
            (.noValueYet(subject: "m best val_auc"), "m best val_auc has no value yet"),
            (.expectationFailed(subject: "m val_accuracy", shown: "0.5000", comparison: ">=", bound: 0.85),
             "expectation failed: m val_accuracy is 0.5000, expected >= 0.85"),
            (.missingEntry(path: "d.csv", entry: "column", name: "txt", available: ["text", "label"]),
             "d.csv: no column 'txt' — did you mean 'text'? (columns: text, label)"),
            (.scriptsNestedTooDeep(depth: 16, path: "a.exp"), "scripts nested 16 deep: does a.exp run itself?"),
            (.unreadableScript("a.exp"), "cannot read script 'a.exp'"),
            (.scriptNotUTF8("a.exp"), "'a.exp' is not UTF-8 text"),
        ]
        for (error, message) in cases {
            XCTAssertEqual(error.message, message)
            XCTAssertEqual(Diagnostic(.interpreter(error), at: SourceLocation(file: "t.exp", line: 1, column: 1)).message, message)
        }
    }
}
