import Foundation
import XCTest

/// Compares rendered text with a file in `Tests/RenderingTests/Golden`.
///
/// On a mismatch the actual text is written next to the temporary directory as
/// `<name>.actual` for review (copy it over the golden file once it is right).
func assertGolden(_ actual: String, _ name: String, file: StaticString = #filePath, line: UInt = #line) {
    let folder = URL(fileURLWithPath: "\(file)").deletingLastPathComponent().appendingPathComponent("Golden")
    let expected = try? String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
    if actual != expected {
        let actualPath = NSTemporaryDirectory() + name + ".actual"
        try? actual.write(toFile: actualPath, atomically: true, encoding: .utf8)
        XCTFail("\(name) differs from its golden file; actual text in \(actualPath)", file: file, line: line)
    }
}
