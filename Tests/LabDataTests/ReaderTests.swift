import Foundation
import LabData
import XCTest

/// The readers on the bundled real data and on small hand-made files.
final class ReaderTests: XCTestCase {
    func testEveryBundledFileReads() throws {
        let expected: [(String, Int, LabelMapping.Kind)] = [
            ("sentences/amazon_cells_labelled.txt", 1000, .binary), ("sentences/imdb_labelled.txt", 1000, .binary),
            ("imdb/reviews_3k.csv", 3180, .binary), ("amazon/reviews_6k.ft.txt", 6459, .binary),
            ("sst2/train.tsv", 67349, .binary), ("sst2/dev.tsv", 872, .binary),
        ]
        for (file, rows, kind) in expected {
            let d = try DatasetReader.read(path: TestFiles.data(file), options: LoadOptions())
            XCTAssertEqual(d.count, rows, file)
            XCTAssertEqual(d.labelMapping.kind, kind, file)
            XCTAssertEqual(d.dropReport.total, 0, file)
            XCTAssertFalse(d.texts!.contains { $0.contains("\r") }, "\(file): a line ending left in a text")
        }
    }

    func testCSVQuotingCRLFAndBOM() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("label,text\r\n1,\"a, \"\"quoted\"\"\r\nline\"\r\n0,plain\r\n".utf8)
        let d = try DatasetReader.read(path: TestFiles.write(bytes, name: "b.csv"), options: LoadOptions())
        XCTAssertEqual(d.texts, ["a, \"quoted\"\r\nline", "plain"])
        XCTAssertEqual(d.lines, [2, 4])
        XCTAssertEqual(d.targets.values, [1, 0])
    }

    func testIMDBCSVMapsSentimentByPositive() throws {
        let d = try DatasetReader.read(path: TestFiles.data("imdb/reviews_3k.csv"),
                                       options: LoadOptions(textColumn: "review", labelColumn: "sentiment", positive: ["positive"], limit: 5))
        XCTAssertEqual(d.count, 5)
        XCTAssertEqual(d.labels, ["positive", "positive", "positive", "negative", "positive"])
        XCTAssertEqual(d.targets.values, [1, 1, 1, 0, 1])
    }

    func testUCITSVKeepsQuotesAsCharacters() throws {
        let d = try DatasetReader.read(path: TestFiles.data("sentences/imdb_labelled.txt"), options: LoadOptions())
        XCTAssertEqual(d.count, 1000)
        XCTAssertTrue(d.texts!.contains { $0.contains("\"") })
    }

    func testStringClassesBecomeIndicesAndMappingIsReported() throws {
        let path = TestFiles.write("text,topic\na,sports\nb,arts\nc,news\nd,arts\n", name: "c.csv")
        let d = try DatasetReader.read(path: path, options: LoadOptions())
        XCTAssertEqual(d.labelMapping.kind, .classes)
        XCTAssertEqual(d.targets.shape, [4])
        XCTAssertEqual(d.targets.values, [2, 0, 1, 0])
        XCTAssertEqual(d.labelMapping.text, "classes: arts → 0, news → 1, sports → 2")
    }

    func testFastTextSeveralLabelsKeepsTheFirstAndNotesIt() throws {
        let path = TestFiles.write("__label__2 __label__1 mixed\n__label__1 bad\n", name: "m.ft")
        let d = try DatasetReader.read(path: path, options: LoadOptions())
        XCTAssertEqual(d.texts, ["mixed", "bad"])
        XCTAssertEqual(d.targets.values, [1, 0])
        XCTAssertEqual(d.dropReport.notes.first?.count, 1)
    }

    func testFolderOfPosAndNeg() throws {
        let dir = TestFiles.scratch()
        for (label, files) in [("pos", ["1_9.txt": "Great\r\nfilm"]), ("neg", ["2_1.txt": "Dull", "3_2.txt": "Bad"])] {
            let sub = dir.appendingPathComponent(label)
            try FileManager.default.createDirectory(at: sub, withIntermediateDirectories: true)
            for (name, text) in files { try text.write(to: sub.appendingPathComponent(name), atomically: true, encoding: .utf8) }
        }
        let d = try DatasetReader.read(path: dir.path, options: LoadOptions())
        XCTAssertEqual(d.texts, ["Dull", "Bad", "Great\nfilm"])
        XCTAssertEqual(d.targets.values, [0, 0, 1])
    }

    func testNpzMembersChosenByXAndY() throws {
        let d = try DatasetReader.read(path: TestFiles.fixture("tiny.npz"), options: LoadOptions(xMember: "a", yMember: "b"))
        XCTAssertEqual(d.inputs?.shape, [4, 3])
        XCTAssertEqual(d.inputs?.values, [0, 0, 5, 0, 3, 9, 1, 2, 4, 7, 7, 7])
        XCTAssertEqual(d.targets.values, [1, 0, 1, 1])
        let floats = try DatasetReader.read(path: TestFiles.fixture("tiny.npz"), options: LoadOptions(xMember: "c", yMember: "d"))
        XCTAssertEqual(floats.inputs?.values, [0.5, -1.25, 3.0, 2.0, 0.0, 1e-3])
        XCTAssertEqual(floats.targets.values, [0, 1])
        let defaults = try DatasetReader.read(path: TestFiles.fixture("tiny.npz"), options: LoadOptions())
        XCTAssertEqual(defaults.inputs?.shape, [4, 3])
        XCTAssertThrowsError(try DatasetReader.read(path: TestFiles.fixture("tiny.npz"), options: LoadOptions(xMember: "z"))) {
            XCTAssertEqual($0 as? DataError, .missingMember(path: TestFiles.fixture("tiny.npz"), member: "z", available: ["a", "b", "c", "d"]))
        }
    }

    func testFortranOrderBigEndianNpy() throws {
        let d = try DatasetReader.read(path: TestFiles.fixture("fortran.npy"), options: LoadOptions())
        XCTAssertEqual(d.inputs?.shape, [2, 3])
        XCTAssertEqual(d.inputs?.values, [0, 1, 2, 3, 4, 5])
    }

    func testFormatInference() throws {
        XCTAssertEqual(try DatasetReader.infer(path: TestFiles.data("amazon/reviews_6k.ft.txt")), .fasttext)
        XCTAssertEqual(try DatasetReader.infer(path: TestFiles.data("sentences/imdb_labelled.txt")), .tsv)
        XCTAssertEqual(try DatasetReader.infer(path: TestFiles.write("1 1:2 3:4\n0 2:1\n", name: "s.txt")), .libsvm)
        XCTAssertEqual(try DatasetReader.infer(path: TestFiles.write("just a line\nanother\n", name: "p.txt")), .lines)
        XCTAssertEqual(try DatasetReader.infer(path: TestFiles.fixture("tiny.npz")), .npz)
    }

    func testLimitReadsTheFirstRows() throws {
        let d = try DatasetReader.read(path: TestFiles.data("sst2/train.tsv"), options: LoadOptions(limit: 10))
        XCTAssertEqual(d.count, 10)
        XCTAssertEqual(d.texts?.first, "hide new secretions from the parental units")
    }
}
