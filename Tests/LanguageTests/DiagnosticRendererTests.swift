import Language
import XCTest

/// Golden rendering of diagnostics in scripts and at the prompt.
final class DiagnosticRendererTests: XCTestCase {
    func testScriptRenderingShowsLocationSourceAndCaret() {
        let parsed = ScriptParser.parse("model m\n  lstn 100\nend", file: "imdb.exp")
        let diagnostic = parsed.diagnostics[0]
        XCTAssertEqual(DiagnosticRenderer.render(diagnostic, sourceLine: parsed.line(diagnostic.location.line)), """
        imdb.exp:2:3: error: unknown layer 'lstn' — did you mean 'lstm'?
          lstn 100
          ^
        """)
    }

    func testCaretKeepsTabsOfTheSourceLine() {
        let parsed = ScriptParser.parse("train m on d.train\tepochs=x", file: "t.exp")
        let diagnostic = parsed.diagnostics[0]
        XCTAssertEqual(DiagnosticRenderer.render(diagnostic, sourceLine: parsed.line(1)),
                       "t.exp:1:27: error: expected a positive whole number for 'epochs=', got 'x'\n"
                       + "train m on d.train\tepochs=x\n" + String(repeating: " ", count: 18) + "\t       ^")
    }

    func testCaretAtTheEndOfLineForAMissingArgument() {
        let parsed = ScriptParser.parse("train m", file: "t.exp")
        XCTAssertEqual(DiagnosticRenderer.render(parsed.diagnostics[0], sourceLine: parsed.line(1)), """
        t.exp:1:8: error: expected 'on' after 'train' (see 'help train')
        train m
               ^
        """)
    }

    func testPromptRenderingIsACaretUnderTheTypedLineAfterThePrompt() {
        var reader = StatementReader(file: DiagnosticRenderer.replFile, mode: .interactive)
        guard case .failed(let diagnostic) = reader.read("train m on d.train epoch=3") else { return XCTFail("must fail") }
        XCTAssertEqual(DiagnosticRenderer.render(diagnostic, sourceLine: "train m on d.train epoch=3"),
                       "                        ^\nerror: unknown option 'epoch=' for 'train' — did you mean 'epochs='?")
    }

    func testWithoutSourceOnlyTheMessageLine() {
        let diagnostic = Diagnostic(.endWithoutModel, at: SourceLocation(file: "a.exp", line: 4, column: 1))
        XCTAssertEqual(DiagnosticRenderer.render(diagnostic, sourceLine: nil), "a.exp:4:1: error: 'end' without an open 'model' block")
    }
}
