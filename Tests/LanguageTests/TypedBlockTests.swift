import Language
import XCTest

/// A model block typed at the prompt with rejected lines: what `end` reports,
/// what `record` writes and what history recalls.
final class TypedBlockTests: XCTestCase {
    /// Reads `lines` into an interactive reader and returns the block the last one closed.
    func closedBlock(_ lines: [String]) -> TypedBlock? {
        var reader = StatementReader(file: DiagnosticRenderer.replFile, mode: .interactive)
        for line in lines { _ = reader.read(line) }
        return reader.takeClosedBlock()
    }

    func testARejectedLineNotRetypedIsNamedAfterTheStack() throws {
        let block = try XCTUnwrap(closedBlock([
            "model g", "  embedding 100 8", "  lstm 8 dropout=2", "  globalaveragepool1d", "  dense 1 sigmoid", "end",
        ]))
        XCTAssertEqual(block.missing, ["  lstm 8 dropout=2"])
        XCTAssertEqual(block.report(canRecall: true), """
              embedding 100 8
              globalaveragepool1d
              dense 1 sigmoid
            warning: 'lstm 8 dropout=2' was rejected and is not in g
            (Up-arrow recalls the block to fix it)

            """)
        XCTAssertEqual(block.definingLines, ["model g", "  embedding 100 8", "  globalaveragepool1d", "  dense 1 sigmoid", "end"])
        XCTAssertEqual(block.historyEntry,
                       "model g\n  embedding 100 8\n  lstm 8 dropout=2\n  globalaveragepool1d\n  dense 1 sigmoid\nend")
    }

    /// A rejected line retyped right away (same kind, or the kind its typo is closest to) is in the
    /// model: the stack is still shown, no warning, and history keeps only the retyped line.
    func testALineRetypedRightAwayIsNotMissing() throws {
        let block = try XCTUnwrap(closedBlock([
            "model m", "  embedding 100 8", "  lstn 4", "", "  lstm 4", "  dense 1 sigmod", "  dense 1 sigmoid", "end",
        ]))
        XCTAssertEqual(block.missing, [])
        XCTAssertEqual(block.report(canRecall: true), "  embedding 100 8\n  lstm 4\n  dense 1 sigmoid\n")
        XCTAssertEqual(block.historyEntry, "model m\n  embedding 100 8\n  lstm 4\n  dense 1 sigmoid\nend")
    }

    /// Only the line typed right after counts: a later line of the same kind does not retype it.
    func testALaterLineOfTheSameKindDoesNotRetype() throws {
        let block = try XCTUnwrap(closedBlock(["model m", "  embedding 100 8", "  dropout 2", "  lstm 4", "  dropout 0.5", "end"]))
        XCTAssertEqual(block.missing, ["  dropout 2"])
        XCTAssertNil(closedBlock(["model m", "  embedding 100 8"]), "no block closed yet")
    }

    func testABlockWithoutRejectionsReportsNothing() throws {
        let block = try XCTUnwrap(closedBlock(["model m", "  embedding 100 8", "  flatten", "  dense 1 sigmoid", "end"]))
        XCTAssertNil(block.report(canRecall: true))
        XCTAssertEqual(block.historyEntry, "model m\n  embedding 100 8\n  flatten\n  dense 1 sigmoid\nend")
    }
}

/// What one read at the prompt runs: pasted lines one by one, without pasted prompts.
final class PromptInputTests: XCTestCase {
    func testPastedLinesSplitAndPromptsDropped() {
        XCTAssertEqual(PromptInput.lines("echo \"a\""), ["echo \"a\""])
        XCTAssertEqual(PromptInput.lines("lab> model m\n...>   flatten\r\n...> end\n"), ["model m", "  flatten", "end"])
        XCTAssertEqual(PromptInput.lines("a\n\nb"), ["a", "", "b"])
        XCTAssertEqual(PromptInput.lines("lab>"), [""])
        XCTAssertEqual(PromptInput.lines("lab>x"), ["lab>x"], "not a prompt without the space")
        XCTAssertEqual(PromptInput.lines("echo \"lab> x\""), ["echo \"lab> x\""])
    }
}
