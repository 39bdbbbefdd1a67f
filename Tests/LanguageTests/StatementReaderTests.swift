import Language
import NeuralNet
import XCTest

/// The line-by-line reader the REPL uses: block continuation and recovery.
final class StatementReaderTests: XCTestCase {
    func testBlockStaysOpenAcrossLinesAndABadLineIsNotTaken() {
        var reader = StatementReader(file: DiagnosticRenderer.replFile, mode: .interactive)
        XCTAssertEqual(reader.read("model m"), .continuing)
        XCTAssertEqual(reader.openModel, "m")
        XCTAssertEqual(reader.read("  embedding 100 8"), .continuing)
        guard case .failed(let diagnostic) = reader.read("  lstn 4") else { return XCTFail("bad layer must fail") }
        XCTAssertEqual(diagnostic.location, SourceLocation(file: "<repl>", line: 3, column: 3))
        XCTAssertEqual(reader.openModel, "m", "the block stays open after an error")
        XCTAssertEqual(reader.read(""), .nothing)
        XCTAssertEqual(reader.read("  lstm 4   # fixed"), .continuing)
        XCTAssertEqual(reader.read("  dense 1 sigmoid"), .continuing)
        let definition = ModelDefinition(layers: [.embedding(inputDim: 100, outputDim: 8),
                                                  .lstm(units: 4, returnSequences: false, recurrentActivation: .sigmoid),
                                                  .dense(units: 1, activation: .sigmoid)])
        let layerLines = [2, 5, 6].map { SourceLocation(file: "<repl>", line: $0, column: 3) }
        XCTAssertEqual(reader.read("END"), .command(LocatedCommand(.model(name: "m", definition: definition),
                                                                   at: SourceLocation(file: "<repl>", line: 1, column: 1),
                                                                   layerLocations: layerLines)))
        XCTAssertNil(reader.openModel)
        XCTAssertEqual(reader.read("summary m"), .command(LocatedCommand(.summary(model: "m"),
                                                                         at: SourceLocation(file: "<repl>", line: 8, column: 1))))
    }

    func testErrorsOutsideABlockLeaveTheReaderReady() {
        var reader = StatementReader(file: DiagnosticRenderer.replFile, mode: .interactive)
        guard case .failed = reader.read("echo \"unterminated") else { return XCTFail("must fail") }
        XCTAssertEqual(reader.read("list"), .command(LocatedCommand(.list, at: SourceLocation(file: "<repl>", line: 2, column: 1))))
    }

    func testDiscardBlockAndFinish() {
        var reader = StatementReader(file: "t.exp", mode: .script)
        _ = reader.read("model m")
        reader.discardBlock()
        XCTAssertNil(reader.openModel)
        XCTAssertNil(reader.finish())
        _ = reader.read("model n")
        XCTAssertEqual(reader.finish(), Diagnostic(.missingEnd(model: "n"), at: SourceLocation(file: "t.exp", line: 2, column: 1)))
    }

    func testScriptWithWindowsLineEndings() {
        let parsed = ScriptParser.parse("seed 3\r\nmodel m\r\n dense 1 sigmoid\r\nend\r\n", file: "w.exp")
        XCTAssertEqual(parsed.diagnostics, [])
        XCTAssertEqual(parsed.commands.map(\.command),
                       [.seed(3), .model(name: "m", definition: ModelDefinition(layers: [.dense(units: 1, activation: .sigmoid)]))])
    }
}
