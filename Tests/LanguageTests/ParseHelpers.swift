import Language
import XCTest

/// Parses one statement line as a script line 1 of `t.exp`; returns its command or diagnostic.
func parseLine(_ line: String, file: String = "t.exp") -> StatementReader.Outcome {
    var reader = StatementReader(file: file, mode: .script)
    return reader.read(line)
}

/// The command of a line that must parse.
func command(_ line: String, file: StaticString = #filePath, line number: UInt = #line) -> Command? {
    switch parseLine(line) {
    case .command(let located): return located.command
    case let other:
        XCTFail("'\(line)' gave \(other)", file: file, line: number)
        return nil
    }
}

/// The diagnostic of a line that must fail.
func diagnostic(_ line: String, file: StaticString = #filePath, line number: UInt = #line) -> Diagnostic? {
    switch parseLine(line) {
    case .failed(let diagnostic): return diagnostic
    case let other:
        XCTFail("'\(line)' gave \(other)", file: file, line: number)
        return nil
    }
}
