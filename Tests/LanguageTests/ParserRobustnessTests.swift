import Language
import TensorCore
import TestSupport
import XCTest

/// Random token soup and mutated valid statements: every line gives a command,
/// a continuation or a diagnostic inside the line, and never crashes.
final class ParserRobustnessTests: XCTestCase {
    private static let fragments = [
        "train", "model", "end", "dense", "lstm", "load", "expect", "predict", "plot", "split", "compile", "help",
        "m", "reviews.train", "reviews.", ".", ",", "=", "==", ">=", "<", "on", "from", "to", "epochs=", "epochs=3",
        "batch=-1", "lr=1e-3", "1e999", "-0", "NaN", "nan", "inf", "-1", "0", "1.5", "99999999999999999999",
        "\"", "\"x.csv\"", "\"a\\\"b\"", "\"\\q\"", "\\", "#", "☃", "é", "𝔘", "\t", "@", "metrics=accuracy,",
        "positive=4,5", "val_loss", "test", "activation=relu", "sigmoid", ",,", "a.b.c", "x=", "=y", "--", "0x1F",
    ]

    private static let validStatements = [
        "train lstm1 on reviews.train val=reviews.val epochs=10 batch=64",
        "load amazon from \"data/amazon.tsv\" text=review_body label=star_rating positive=4,5 negative=1,2",
        "compile lstm1 loss=binary_crossentropy optimizer=adam lr=0.001 metrics=accuracy",
        "split reviews train=0.8 val=0.1 test=0.1 shuffle=true",
        "expect lstm1 val_accuracy >= 0.85",
        "plot lstm1 loss,val_loss to \"runs/lstm1_loss.svg\"",
        "conv1d 250 3 activation=relu padding=valid strides=1",
        "dropout 0.2",
        "echo \"say \\\"hi\\\"\"",
    ]

    private static let insertions = ["\"", "1e999", "-5", "NaN", "☃", "=", ",", ".", "\\", "#", " ", "0", "é", "\u{0}"]

    /// Checks one line in a fresh reader (outside and inside a block): the outcome's locations lie on the line.
    private func check(_ line: String) {
        for insideBlock in [false, true] {
            var reader = StatementReader(file: "f.exp", mode: .interactive)
            if insideBlock { _ = reader.read("model m") }
            let outcome = reader.read(line)
            if case .failed(let diagnostic) = outcome {
                XCTAssertEqual(diagnostic.location.line, insideBlock ? 2 : 1, line)
                XCTAssertGreaterThanOrEqual(diagnostic.location.column, 1, line)
                XCTAssertLessThanOrEqual(diagnostic.location.column, line.count + 1, line)
                XCTAssertFalse(diagnostic.message.isEmpty, line)
                let rendered = DiagnosticRenderer.render(diagnostic, sourceLine: line)
                XCTAssertTrue(rendered.hasPrefix("\(diagnostic.location): error: \(diagnostic.message)\n"), line)
                XCTAssertTrue(rendered.hasSuffix("^"), line)
            }
        }
    }

    func testRandomTokenSequencesNeverCrash() {
        var random = RandomGenerator(seed: 20_241)
        for _ in 0..<Mutator.iterations(3000) {
            let count = 1 + random.int(below: 8)
            let line = (0..<count).map { _ in Self.fragments[random.int(below: Self.fragments.count)] }
                .joined(separator: random.int(below: 4) == 0 ? "" : " ")
            check(line)
        }
    }

    func testMutatedValidStatementsNeverCrash() {
        var random = RandomGenerator(seed: 7)
        for _ in 0..<Mutator.iterations(3000) {
            var characters = Array(Self.validStatements[random.int(below: Self.validStatements.count)])
            for _ in 0..<(1 + random.int(below: 3)) {
                let position = random.int(below: characters.count + 1)
                switch random.int(below: 3) {
                case 0: characters.insert(contentsOf: Self.insertions[random.int(below: Self.insertions.count)], at: position)
                case 1: if position < characters.count { characters.remove(at: position) }
                default: characters = Array(characters.prefix(position))
                }
            }
            check(String(characters))
        }
    }

    func testRandomScriptsCollectOneDiagnosticPerLineInOrder() {
        var random = RandomGenerator(seed: 99)
        for _ in 0..<Mutator.iterations(200) {
            let lines = (0..<(1 + random.int(below: 12))).map { _ -> String in
                random.int(below: 3) == 0 ? Self.fragments[random.int(below: Self.fragments.count)]
                    : Self.validStatements[random.int(below: Self.validStatements.count)]
            }
            let parsed = ScriptParser.parse(lines.joined(separator: "\n"), file: "r.exp")
            var perLine = parsed.diagnostics
            if case .missingEnd? = perLine.last?.problem { perLine.removeLast() }
            let diagnosticLines = perLine.map(\.location.line)
            XCTAssertEqual(diagnosticLines, Array(Set(diagnosticLines)).sorted(), "at most one diagnostic per line, in order")
            XCTAssertLessThanOrEqual(parsed.commands.count + perLine.count, lines.count)
        }
    }
}
