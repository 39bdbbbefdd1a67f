import Foundation
import Language
import NeuralNet
import TestSupport
import XCTest

/// The interpreter on small data, statement by statement, on mutated copies of a short session:
/// every statement runs or fails with a diagnostic, and the session goes on (a crash in the
/// REPL would lose it). Costs are bounded so the test stays fast: statements that would only be
/// slow (more than 3 epochs, maxlen over 64, over a million weights) or that touch the machine
/// (writes outside the test folder, `run`, `set`, `record`) are skipped, not run.
/// `LAB_FUZZ_SCALE=N` runs N times as many.
final class InterpreterFuzzTests: XCTestCase {
    private static let words = [
        "embedding", "lstm", "conv1d", "maxpool1d", "globalmaxpool1d", "flatten", "dropout", "dense", "input", "end",
        "softmax", "sigmoid", "relu", "epochs", "batch", "maxlen", "words", "patience", "lr", "m", "m2", "s", "s.val", "s.train",
        "optimizer=sgd", "loss=mse", "loss=categorical_crossentropy", "metrics=auc,f1", "oov=true", "padding=post", "2", "0.5",
    ]

    func testMutatedSessionsNeverEndTheSession() throws {
        XCTAssertTrue(FileManager.default.changeCurrentDirectoryPath(RepositoryPaths.root))
        let folder = NSTemporaryDirectory() + "interp-fuzz-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let base = """
            seed 1
            load s from "data/sentences/amazon_cells_labelled.txt" limit=60
            split s train=0.8 val=0.2
            tokenize s words=50 maxlen=8
            model m
              embedding 50 4
              lstm 4 return_sequences=true
              globalmaxpool1d
              dense 1 sigmoid
            end
            compile m optimizer=adam lr=0.01 metrics=accuracy
            train m on s.train val=s.val epochs=2 batch=16 patience=1
            evaluate m on s.val batch=8
            predict m "great phone"
            predict m on s.val to "\(folder)/p.csv"
            summary m
            history m
            save m to "\(folder)/m.safetensors"
            load m2 from "\(folder)/m.safetensors"
            evaluate m2 on s.val
            expect m2 test accuracy >= 0
            plot m loss,val_loss
            model c
              input 8
              embedding 50 4
              conv1d 4 3 padding=same strides=1
              maxpool1d 2 strides=1
              dropout 0.2
              flatten
              dense 2 softmax
            end
            train c on s.train epochs=1 batch=8
            compare m,c
            """.components(separatedBy: "\n")
        var mutator = Mutator(seed: 41)
        var executed = 0, failed = 0
        for _ in 0..<Mutator.iterations(150) {
            var lines = base
            for _ in 0..<(1 + mutator.int(below: 3)) {
                let at = mutator.int(below: lines.count)
                switch mutator.int(below: 6) {
                case 0: lines.remove(at: at)
                case 1: lines.insert(lines[at], at: at)
                default: lines[at] = mutator.mutate(line: lines[at], words: Self.words)
                }
                if lines.isEmpty { lines = ["list"] }
            }
            let interpreter = Interpreter(session: Session(console: Console(isTerminal: false) { _ in }, isInteractive: true),
                                          clock: { 0 })
            var reader = StatementReader(file: DiagnosticRenderer.replFile, mode: .interactive)
            for line in lines.joined(separator: "\n").components(separatedBy: "\n") {
                guard case .command(let command) = reader.read(line), Self.isBounded(command.command, folder: folder) else { continue }
                executed += 1
                do { _ = try interpreter.execute(command) } catch { failed += 1; XCTAssertFalse(error.message.isEmpty) }
            }
        }
        XCTAssertGreaterThan(executed, failed, "most statements of a mutated session still run")
    }

    /// Whether a statement is cheap and stays inside the test folder (see the class comment).
    private static func isBounded(_ command: Command, folder: String) -> Bool {
        func inFolder(_ path: String) -> Bool { path.hasPrefix(folder + "/") && !path.contains("..") }
        switch command {
        case .run, .set, .record, .quit:
            return false
        case .save(_, let path), .export(_, let path, _), .exportSplit(_, let path, _):
            return inFolder(path)
        case .plot(_, _, let path), .plotROC(_, _, let path), .predictData(_, _, let path, _, _):
            return path.map(inFolder) ?? true
        case .train(_, let options):
            return options.fit.epochs <= 3
        case .tokenize(_, let options):
            return (options.maxLength ?? 0) <= 64
        case .model(_, let definition):
            return (definition.knownParameterCount(inputLength: definition.inputLength ?? 64) ?? .max) <= 1_000_000
                && (definition.inputLength ?? 0) <= 64
        case .load(_, let path, _), .loadModel(_, let path):
            return inFolder(path) || path.hasPrefix("data/")
        default:
            return true
        }
    }
}
