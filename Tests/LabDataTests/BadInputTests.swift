import Foundation
import LabData
import TensorCore
import XCTest

/// Every bad-input case fails cleanly: a typed error naming the file (and line or
/// member), or the bad rows skipped and reported with their line numbers.
final class BadInputTests: XCTestCase {
    private func error(_ path: String, _ options: LoadOptions = LoadOptions()) -> DataError? {
        do { _ = try DatasetReader.read(path: path, options: options); return nil } catch let e as DataError { return e } catch {
            XCTFail("untyped error \(error)"); return nil
        }
    }

    func testMalformedQuotingSkipsTheRowAndResumesOnTheNextLine() throws {
        let path = TestFiles.write("text,label\n\"good one\",1\n\"never closed,0\nnext row,1\n\"a\"b,0\nlast,0\n\"open,1\n",
                                   name: "q.csv")
        let d = try DatasetReader.read(path: path, options: LoadOptions())
        XCTAssertEqual(d.texts, ["good one", "next row", "last"])
        XCTAssertEqual(d.dropReport.total, 3)
        XCTAssertEqual(d.dropReport.entries.map(\.line), [3, 5, 7])
        XCTAssertEqual(d.dropReport.entries.map(\.reason), [
            "malformed quoting: the quote opened on line 3 is never closed before a delimiter",
            "malformed quoting: text after a closing quote",
            "malformed quoting: the quote opened on line 7 is never closed",
        ])
    }

    func testInvalidUTF8AndNULRowsAreDroppedWithLineNumbers() throws {
        var bytes = Array("text\tlabel\nfine\t1\n".utf8)
        bytes += [0x62, 0xFF, 0x61, 0x64, 9, 0x30, 10]      // line 3: invalid UTF-8
        bytes += Array("nul".utf8) + [0] + Array("\t0\nok\t0\n".utf8)  // line 4: NUL
        let d = try DatasetReader.read(path: TestFiles.write(bytes, name: "u.tsv"), options: LoadOptions())
        XCTAssertEqual(d.texts, ["fine", "ok"])
        XCTAssertEqual(d.dropReport.entries.map(\.line), [3, 4])
        XCTAssertEqual(d.dropReport.entries.map(\.reason), ["invalid UTF-8", "NUL byte"])
    }

    /// A `positive=`/`negative=` value no row holds would mislabel every row without a word
    /// (`positive=posative` made every review negative): refused, naming the labels found.
    func testListedLabelValuesThatNoRowHoldsAreRefused() throws {
        let path = TestFiles.write("text,label\ngreat,positive\nawful,negative\nfine,positive\n", name: "pn.csv")
        XCTAssertEqual(error(path, LoadOptions(positive: ["posative"])),
                       .listedLabelAbsent(path: path, option: "positive", value: "posative", labels: ["negative", "positive"]))
        XCTAssertEqual(error(path, LoadOptions(positive: ["positive"], negative: ["negtive"])),
                       .listedLabelAbsent(path: path, option: "negative", value: "negtive", labels: ["negative", "positive"]))
        XCTAssertEqual(error(path, LoadOptions(positive: ["posative"]))?.description,
                       "\(path): no row is labelled 'posative' (positive=); its labels are negative, positive")
        let binary = TestFiles.write("text,label\ngreat,1\nawful,0\n", name: "yes.csv")
        XCTAssertEqual(error(binary, LoadOptions(positive: ["yes"])),
                       .listedLabelAbsent(path: binary, option: "positive", value: "yes", labels: ["0", "1"]))
        let svm = TestFiles.write("1 1:0.5\n0 2:1\n", name: "yes.svm")
        XCTAssertEqual(error(svm, LoadOptions(positive: ["+1"])),
                       .listedLabelAbsent(path: svm, option: "positive", value: "+1", labels: ["0", "1"]))
        // A list partly present is a choice (no 2-star rows in this file), not a typo.
        let stars = TestFiles.write("text,label\ngreat,5\nawful,1\nmeh,3\n", name: "stars.csv")
        XCTAssertEqual(try DatasetReader.read(path: stars, options: LoadOptions(positive: ["4", "5"], negative: ["1", "2"])).count, 2)
        // A file of one class may lack a listed value when every row holds a listed one.
        let negatives = TestFiles.write("text,label\nawful,negative\nbad,negative\n", name: "neg.csv")
        let d = try DatasetReader.read(path: negatives, options: LoadOptions(positive: ["positive"], negative: ["negative"]))
        XCTAssertEqual(d.targets.data[0], 0)
        XCTAssertEqual(d.count, 2)
    }

    func testMissingColumnNamesTheFileAndTheColumns() {
        let path = TestFiles.write("review,sentiment\nnice,positive\n", name: "m.csv")
        XCTAssertEqual(error(path, LoadOptions(textColumn: "text", labelColumn: "sentiment")),
                       .missingColumn(path: path, column: "text", available: ["review", "sentiment"]))
    }

    func testRowMissingAFieldIsDropped() throws {
        let d = try DatasetReader.read(path: TestFiles.write("text,label\na,1\nb\nc,0\n", name: "f.csv"), options: LoadOptions())
        XCTAssertEqual(d.texts, ["a", "c"])
        XCTAssertEqual(d.dropReport.entries.first?.reason, "wrong number of fields: 1, expected 2")
        XCTAssertEqual(d.dropReport.entries.first?.line, 3)
    }

    func testOneMegabyteLineIsSkippedWithoutHanging() throws {
        let long = String(repeating: "word ", count: 220_000)
        let path = TestFiles.write("__label__1 short\n__label__2 \(long)\n__label__2 after\n", name: "l.ft.txt")
        let d = try DatasetReader.read(path: path, options: LoadOptions())
        XCTAssertEqual(d.texts, ["short", "after"])
        XCTAssertEqual(d.dropReport.entries.first?.line, 2)
        XCTAssertEqual(d.dropReport.entries.first?.reason, "line too long: over 1000000 bytes")
    }

    func testEmptyHeaderOnlyAndBinaryFilesAreErrors() {
        let empty = TestFiles.write("", name: "e.csv")
        XCTAssertEqual(error(empty), .emptyFile(path: empty))
        let header = TestFiles.write("text,label\r\n", name: "h.csv")
        XCTAssertEqual(error(header), .headerOnly(path: header))
        var garbage = RandomGenerator(seed: 3)
        let binary = TestFiles.write((0..<4096).map { _ in UInt8(truncatingIfNeeded: garbage.next()) }, name: "g.txt")
        XCTAssertEqual(error(binary, LoadOptions(format: .lines)), .binaryFile(path: binary))
    }

    func testUnknownLabelValuesAreDroppedAndCounted() throws {
        let path = TestFiles.write("text,stars\na,5\nb,1\nc,3\nd,4\n", name: "s.csv")
        let d = try DatasetReader.read(path: path, options: LoadOptions(positive: ["4", "5"], negative: ["1", "2"]))
        XCTAssertEqual(d.texts, ["a", "b", "d"])
        XCTAssertEqual(d.targets.values, [1, 0, 1])
        XCTAssertEqual(d.dropReport.countsByReason.first?.reason, "unknown label value")
        XCTAssertEqual(d.dropReport.entries.first?.line, 4)
    }

    func testTruncatedAndNonZipNpzAreErrors() throws {
        let good = try Data(contentsOf: URL(fileURLWithPath: TestFiles.fixture("tiny.npz")))
        let truncated = TestFiles.write(Array(good.prefix(good.count / 2)), name: "t.npz")
        guard case .notZip(let p, _)? = error(truncated) else { return XCTFail("expected notZip") }
        XCTAssertEqual(p, truncated)
        let text = TestFiles.write("not a zip at all\n", name: "n.npz")
        guard case .notZip? = error(text) else { return XCTFail("expected notZip") }
    }

    func testNpyWithALyingHeaderNamesTheMismatch() {
        var bytes: [UInt8] = [0x93] + Array("NUMPY".utf8) + [1, 0]
        var header = "{'descr': '<i4', 'fortran_order': False, 'shape': (10, 3), }"
        header += String(repeating: " ", count: 63 - header.count) + "\n"
        bytes += [UInt8(header.utf8.count), 0] + Array(header.utf8) + [UInt8](repeating: 1, count: 16)
        let path = TestFiles.write(bytes, name: "lie.npy")
        XCTAssertEqual(error(path), .npy(path: path, member: nil,
                                         reason: "header says shape [10, 3] of <i4 (30 elements) but 16 data bytes follow"))
    }

    func testLibSVMIndexOutOfRangeIsDroppedWithItsLine() throws {
        let path = TestFiles.write("+1 1:0.5 3:1\n-1 2:2 -4:1\n-1 2:1 9:1\n+1 3:2\n", name: "x.svm")
        let d = try DatasetReader.read(path: path, options: LoadOptions(features: 3))
        XCTAssertEqual(d.count, 2)
        XCTAssertEqual(d.sparseInputs?.densified().values, [0.5, 0, 1, 0, 0, 2])
        XCTAssertEqual(d.targets.values, [1, 1])
        XCTAssertEqual(d.dropReport.entries.map(\.line), [2, 3])
        XCTAssertEqual(d.dropReport.entries.map(\.reason), ["feature index out of range: -4", "feature index out of range: 9 not in 1…3"])
    }

    func testMissingFileAndEveryRowBadAreErrors() {
        XCTAssertEqual(error("/nonexistent/x.csv"), .fileNotFound(path: "/nonexistent/x.csv"))
        let path = TestFiles.write("no label here\nnor here\n", name: "bad.ft")
        guard case .noRows(let p, let report)? = error(path) else { return XCTFail("expected noRows") }
        XCTAssertEqual(p, path)
        XCTAssertTrue(report.hasPrefix("2 rows dropped: no __label__ at the start (2)"), report)
    }

    func testErrorMessagesNameFileAndLine() {
        XCTAssertEqual(DataError.malformed(path: "a.csv", line: 7, reason: "bad").description, "a.csv:7: bad")
        XCTAssertEqual(DataError.npy(path: "d.npz", member: "a", reason: "truncated header").description,
                       "d.npz member 'a': truncated header")
        XCTAssertEqual(DataError.missingColumn(path: "r.csv", column: "text", available: ["review", "sentiment"]).description,
                       "r.csv: no column 'text' (columns: review, sentiment)")
    }
}
