import Foundation
@testable import LabData
import XCTest

/// Byte ranges of one file (a data-parallel process's share): ranges that tile the file give
/// every line to exactly one of them, whatever byte they are cut at and whichever line ends
/// (`\n`, `\r\n`, `\r`) fall at the cut.
final class LineReaderRangeTests: XCTestCase {
    private func lines(_ path: String, _ range: Range<Int>?, maxLineBytes: Int = 1 << 20, chunkBytes: Int = 1 << 20) throws -> [String] {
        var out: [String] = []
        try LineReader(path: path, maxLineBytes: maxLineBytes, chunkBytes: chunkBytes).forEachLine(in: range) { line, _ in
            switch line {
            case .bytes(let b): out.append(String(decoding: b, as: UTF8.self))
            case .overlong: out.append("<overlong>")
            }
            return true
        }
        return out
    }

    func testEveryCutGivesEachLineToOneRange() throws {
        let text = "\u{FEFF}alpha\nbeta\r\ngamma\rdelta\n\nepsilon\r\n\r\nzeta eta theta\nlast"
        let path = TestFiles.write(text, name: "ranges.txt")
        let size = Array(text.utf8).count
        for chunkBytes in [1, 2, 3, 7, 1 << 20] {
            let whole = try lines(path, nil, chunkBytes: chunkBytes)
            XCTAssertEqual(whole.first, "alpha")
            XCTAssertEqual(try lines(path, 0..<size, chunkBytes: chunkBytes), whole)
            for cut in 0...size {
                let two = try lines(path, 0..<cut, chunkBytes: chunkBytes) + lines(path, cut..<size, chunkBytes: chunkBytes)
                XCTAssertEqual(two, whole, "cut at byte \(cut), chunks of \(chunkBytes)")
            }
            for a in stride(from: 0, through: size, by: 3) {
                for b in stride(from: a, through: size, by: 5) {
                    let three = try lines(path, 0..<a, chunkBytes: chunkBytes) + lines(path, a..<b, chunkBytes: chunkBytes)
                        + lines(path, b..<size, chunkBytes: chunkBytes)
                    XCTAssertEqual(three, whole, "cuts at \(a) and \(b)")
                }
            }
        }
    }

    /// An over-long line is reported once, by the range holding its first byte.
    func testAnOverlongLineBelongsToTheRangeOfItsFirstByte() throws {
        let text = "short\n" + String(repeating: "x", count: 40) + "\nafter\n"
        let path = TestFiles.write(text, name: "long.txt")
        let size = text.utf8.count
        let whole = try lines(path, nil, maxLineBytes: 10, chunkBytes: 8)
        XCTAssertEqual(whole, ["short", "<overlong>", "after"])
        for cut in 0...size {
            XCTAssertEqual(try lines(path, 0..<cut, maxLineBytes: 10, chunkBytes: 8) + lines(path, cut..<size, maxLineBytes: 10, chunkBytes: 8),
                           whole, "cut at \(cut)")
        }
    }
}
