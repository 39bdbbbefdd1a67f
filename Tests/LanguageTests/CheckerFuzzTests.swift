import Foundation
import Language
import TestSupport
import XCTest

/// `lab check` on mutated copies of the bundled experiments: extreme numbers, swapped words,
/// byte edits, dropped and repeated lines. Every script gives diagnostics on its own lines and
/// never a crash (293 of 5,000 number-mutated scripts crashed before sizes were overflow-checked).
/// `LAB_FUZZ_SCALE=N` (see `scripts/fuzz.sh`) runs N times as many.
final class CheckerFuzzTests: XCTestCase {
    private static let words = [
        "embedding", "lstm", "cudnnlstm", "conv1d", "maxpool1d", "globalmaxpool1d", "globalaveragepool1d", "flatten",
        "dropout", "dense", "input", "end", "model", "train", "compile", "tokenize", "split", "evaluate", "save", "load",
        "softmax", "sigmoid", "relu", "epochs", "batch", "maxlen", "words", "strides", "padding=same", "return_sequences=true",
        "patience", "input_length", "lr", "m", "reviews", "1", "2",
    ]

    func testMutatedExperimentsNeverCrashTheChecker() throws {
        XCTAssertTrue(FileManager.default.changeCurrentDirectoryPath(RepositoryPaths.root))
        let folder = RepositoryPaths.root + "/experiments"
        let scripts = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".exp") }.sorted()
            .map { try String(contentsOfFile: folder + "/" + $0, encoding: .utf8).components(separatedBy: "\n") }
        var mutator = Mutator(seed: 17)
        var statements = 0
        for _ in 0..<Mutator.iterations(1500) {
            var lines = mutator.pick(scripts)
            for _ in 0..<(1 + mutator.int(below: 3)) {
                let at = mutator.int(below: lines.count)
                switch mutator.int(below: 8) {
                case 0: lines.remove(at: at)
                case 1: lines.insert(lines[at], at: at)
                default: lines[at] = mutator.mutate(line: lines[at], words: Self.words)
                }
                statements += 1
                if lines.isEmpty { lines = [""] }
            }
            let source = lines.joined(separator: "\n")
            let lineCount = source.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).count
            let parsed = ScriptParser.parse(source, file: "fuzz.exp")
            var checker = Checker()
            for diagnostic in checker.check(parsed) where diagnostic.location.file == "fuzz.exp" {
                XCTAssertTrue((1...max(lineCount, 1)).contains(diagnostic.location.line), "\(diagnostic.location): \(diagnostic.message)")
                XCTAssertFalse(diagnostic.message.isEmpty)
            }
        }
        XCTAssertGreaterThanOrEqual(statements, Mutator.iterations(1500))
    }
}
