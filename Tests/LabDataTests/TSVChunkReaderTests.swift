import Foundation
@testable import LabData
import XCTest

/// The one-pass parallel TSV reader gives exactly what the line-by-line reader gives.
final class TSVChunkReaderTests: XCTestCase {
    /// Reads `path` both ways (the chunked reader cut into `pieces` chunks) and compares everything.
    private func assertSame(_ path: String, options: LoadOptions = LoadOptions(format: .tsv), pieces: Int? = nil,
                            file: StaticString = #filePath, line: UInt = #line) throws {
        let old = try DelimitedReader.readRecords(path: path, tab: true, options: options)
        let new = try TSVChunkReader.read(path: path, options: options, pieces: pieces)
        XCTAssertEqual(new.texts, old.texts, "texts", file: file, line: line)
        XCTAssertEqual(new.labels, old.labels, "labels", file: file, line: line)
        XCTAssertEqual(new.lines, old.lines, "lines", file: file, line: line)
        XCTAssertEqual(new.labelMapping, old.labelMapping, "label mapping", file: file, line: line)
        XCTAssertEqual(new.targets.shape, old.targets.shape, file: file, line: line)
        XCTAssertEqual(Array(UnsafeBufferPointer(start: new.targets.data, count: new.targets.count)),
                       Array(UnsafeBufferPointer(start: old.targets.data, count: old.targets.count)), "targets", file: file, line: line)
        XCTAssertEqual(new.dropReport, old.dropReport, "drops", file: file, line: line)
        XCTAssertEqual(new.dropReport.text, old.dropReport.text, file: file, line: line)
    }

    /// Both readers' error messages for a file neither can read.
    private func errors(_ path: String, options: LoadOptions = LoadOptions(format: .tsv)) -> (old: String, new: String) {
        func message(_ body: () throws -> Dataset) -> String {
            do { _ = try body(); return "no error" } catch { return "\(error)" }
        }
        return (message { try DelimitedReader.readRecords(path: path, tab: true, options: options) },
                message { try TSVChunkReader.read(path: path, options: options, pieces: 3) })
    }

    func testBundledTSVFilesReadAsLineByLine() throws {
        try assertSame(TestFiles.data("sst2/train.tsv"))
        try assertSame(TestFiles.data("sst2/train.tsv"), pieces: 5)
        try assertSame(TestFiles.data("sst2/dev.tsv"), options: LoadOptions(format: .tsv, textColumn: "content", labelColumn: "label"))
        for name in ["sentences/amazon_cells_labelled.txt", "sentences/imdb_labelled.txt"] {
            try assertSame(TestFiles.data(name), pieces: 4)
        }
    }

    /// Every kind of bad row, CRLF, lone CR and blank lines, cut into 1 to 9 chunks (so cuts
    /// fall next to every kind of line): the same rows, line numbers and drop report.
    func testBadRowsAndLineBreaksGiveTheSameResultAtEveryCut() throws {
        var bytes: [UInt8] = Array("\u{FEFF}text\tlabel\r\n".utf8)
        let rows: [[UInt8]] = [
            Array("good one\t1\r\n".utf8), Array("\r\n".utf8), Array("lone cr\t0\r".utf8), Array("  \t \n".utf8),
            Array("bad utf8 ".utf8) + [0xC3, 0x28] + Array("\t1\n".utf8), Array("nul ".utf8) + [0] + Array("\t0\n".utf8),
            Array("three\tfields\t1\n".utf8), Array("one field\n".utf8), Array("empty label\t \n".utf8),
            Array("padded label\t 1 \n".utf8), Array("nbsp label\t\u{00A0}0\n".utf8),
            Array(repeating: 120, count: 300) + Array("\t1\n".utf8), Array("quote \"open\t0\n".utf8),
            Array("bad label ".utf8) + Array("\t".utf8) + [0xFF] + Array("\n".utf8), Array("last, no break\t1".utf8),
        ]
        for _ in 0..<3 { for r in rows { bytes += r } ; bytes += Array("café\t0\n".utf8) }
        bytes.removeLast()  // the file ends without a line break
        let path = TestFiles.write(bytes, name: "bad.tsv")
        for pieces in 1...9 { try assertSame(path, options: LoadOptions(format: .tsv, maxLineBytes: 200), pieces: pieces) }
        let d = try TSVChunkReader.read(path: path, options: LoadOptions(format: .tsv, maxLineBytes: 200), pieces: 4)
        XCTAssertTrue(d.dropReport.text.contains("bad.tsv:6: invalid UTF-8"), d.dropReport.text)
        XCTAssertTrue(d.dropReport.text.contains("bad.tsv:7: NUL byte"), d.dropReport.text)
        XCTAssertTrue(d.dropReport.text.contains("bad.tsv:13: line too long"), d.dropReport.text)
    }

    func testHeaderlessFilesAndColumnChoiceMatch() throws {
        let text = "a long sentence here\tpos\nanother long one\tneg\n\nthird text row\tpos\n"
        try assertSame(TestFiles.write(text, name: "h.tsv"), pieces: 2)
        try assertSame(TestFiles.write("1\tfirst text\n0\tsecond text\n", name: "n.tsv"), pieces: 2)
        try assertSame(TestFiles.write("only\ttext\n", name: "o.tsv"), options: LoadOptions(format: .tsv, header: false))
        let long = String(repeating: "y", count: 300) + "\tl\n"
        try assertSame(TestFiles.write(long + "text\tlabel\nrow\t1\n", name: "l.tsv"),
                       options: LoadOptions(format: .tsv, maxLineBytes: 100), pieces: 2)
    }

    func testFilesNeitherReaderCanReadFailAlike() {
        for (name, text) in [("e.tsv", ""), ("b.tsv", "\n \n\t\n"), ("h.tsv", "text\tlabel\n\n"),
                             ("x.tsv", "text\tlabel\na\tb\tc\n"), ("m.tsv", "alpha\tbeta\tgamma\nx\ty\tz\n")] {
            let (old, new) = errors(TestFiles.write(text, name: name))
            XCTAssertEqual(new, old, name)
            XCTAssertNotEqual(new, "no error", name)
        }
        let (old, new) = errors(TestFiles.write(String(repeating: "z", count: 50) + "\n", name: "z.tsv"),
                                options: LoadOptions(format: .tsv, maxLineBytes: 10))
        XCTAssertEqual(new, old)
    }
}
