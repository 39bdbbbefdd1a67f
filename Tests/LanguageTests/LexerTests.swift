import Language
import XCTest

/// Tokens, their values and their 1-based locations.
final class LexerTests: XCTestCase {
    private func kinds(_ text: String) throws -> [Token.Kind] {
        var lexer = Lexer(text, file: "t.exp", line: 1)
        return try lexer.tokenize().map(\.kind)
    }

    func testEveryTokenKind() throws {
        XCTAssertEqual(try kinds("train m on reviews.train epochs=10 lr=1e-3 shift=-2 x=0.25 m=accuracy,auc >= <= > < == \"a \\\"b\\\" \\\\\""), [
            .word("train"), .word("m"), .word("on"), .word("reviews"), .dot, .word("train"),
            .word("epochs"), .equals, .number(10), .word("lr"), .equals, .number(0.001),
            .word("shift"), .equals, .number(-2), .word("x"), .equals, .number(0.25),
            .word("m"), .equals, .word("accuracy"), .comma, .word("auc"),
            .comparison(.greaterOrEqual), .comparison(.lessOrEqual), .comparison(.greater), .comparison(.less),
            .comparison(.equal), .string("a \"b\" \\"),
        ])
    }

    func testNumbersWithExponentsAndLists() throws {
        XCTAssertEqual(try kinds("1E3 2e+2 4,5 7.5e-1"), [.number(1000), .number(200), .number(4), .comma, .number(5), .number(0.75)])
    }

    func testCommentsAndBlankLinesGiveNoTokens() throws {
        XCTAssertEqual(try kinds("   # only a comment"), [])
        XCTAssertEqual(try kinds(""), [])
        XCTAssertEqual(try kinds("list # trailing \"quote"), [.word("list")])
        XCTAssertEqual(try kinds("echo \"# not a comment\""), [.word("echo"), .string("# not a comment")])
    }

    func testLocationsAreOneBasedColumnsAndStringsMayHoldUnicode() throws {
        var lexer = Lexer("  echo \"héllo ☃\" n=2", file: "f.exp", line: 9)
        let tokens = try lexer.tokenize()
        XCTAssertEqual(tokens.map(\.location.column), [3, 8, 18, 19, 20])
        XCTAssertEqual(tokens.map(\.location.line), [9, 9, 9, 9, 9])
        XCTAssertEqual(tokens[1].kind, .string("héllo ☃"))
        XCTAssertEqual(tokens[1].endLocation.column, 17)
    }

    func testLexicalErrorsAreDiagnostics() {
        let table: [(String, Diagnostic)] = [
            ("echo \"abc", Diagnostic(.unterminatedString, at: SourceLocation(file: "t.exp", line: 1, column: 6))),
            ("echo \"a\\", Diagnostic(.unterminatedString, at: SourceLocation(file: "t.exp", line: 1, column: 6))),
            ("echo \"a\\n\"", Diagnostic(.unknownEscape("n"), at: SourceLocation(file: "t.exp", line: 1, column: 8))),
            ("seed 1e400", Diagnostic(.numberTooLarge("1e400"), at: SourceLocation(file: "t.exp", line: 1, column: 6))),
            ("seed 3x", Diagnostic(.malformedNumber("3x"), at: SourceLocation(file: "t.exp", line: 1, column: 6))),
            ("a ; b", Diagnostic(.unexpectedCharacter(";"), at: SourceLocation(file: "t.exp", line: 1, column: 3))),
            ("a -b", Diagnostic(.unexpectedCharacter("-"), at: SourceLocation(file: "t.exp", line: 1, column: 3))),
        ]
        for (text, expected) in table {
            var lexer = Lexer(text, file: "t.exp", line: 1)
            XCTAssertThrowsError(try lexer.tokenize(), text) { XCTAssertEqual($0 as? Diagnostic, expected, text) }
        }
    }
}

/// The comparisons of `expect`.
final class ComparisonTests: XCTestCase {
    func testEveryComparisonAtTheBoundAndAround() {
        let table: [(Comparison, [Bool])] = [  // value 0.4, 0.5, 0.6 against bound 0.5
            (.greaterOrEqual, [false, true, true]), (.lessOrEqual, [true, true, false]),
            (.greater, [false, false, true]), (.less, [true, false, false]), (.equal, [false, true, false]),
        ]
        for (comparison, expected) in table {
            XCTAssertEqual([0.4, 0.5, 0.6].map { comparison.holds($0, 0.5) }, expected, comparison.rawValue)
        }
    }
}
