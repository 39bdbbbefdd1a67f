import Foundation
import LabData
import TensorCore
import XCTest

/// Files that are corrupt, strange or not files at all (issue 17): a typed error
/// naming the file, never a crash, a hang or quietly made-up values.
final class HostileFileTests: XCTestCase {
    private func error(_ path: String, _ options: LoadOptions = LoadOptions()) -> String? {
        do { _ = try DatasetReader.read(path: path, options: options); return nil } catch { return String(describing: error) }
    }

    /// A flipped byte inside a stored member changes a value; the CRC says so (as Python's `zipfile.testzip` does).
    func testNpzMemberWithABadCRCIsAnError() throws {
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: TestFiles.fixture("tiny.npz"))))
        let rowTwo: [UInt8] = [0, 0, 0, 0, 3, 0, 0, 0, 9, 0, 0, 0]  // a[1] = [0, 3, 9] as int32
        let at = try XCTUnwrap((0...(bytes.count - rowTwo.count)).first { Array(bytes[$0..<$0 + rowTwo.count]) == rowTwo })
        bytes[at + 8] = 8
        let path = TestFiles.write(bytes, name: "flipped.npz")
        XCTAssertEqual(error(path, LoadOptions(xMember: "a", yMember: "b")), "\(path) member 'a': CRC mismatch: the member is corrupt")
    }

    func testNpzLabelsThatAreNoClassesAreErrors() {
        let cases: [(String, String)] = [
            ("nan_labels.npz", "member 'y': label of row 0 is nan, not a finite number"),
            ("empty_labels.npz", "member 'y': labels have shape (4, 0); expected (N,), (N, 1) or one-hot (N, K)"),
            ("deep_labels.npz", "member 'y': labels have shape (4, 2, 2); expected (N,), (N, 1) or one-hot (N, K)"),
        ]
        for (name, message) in cases {
            let path = TestFiles.fixture(name)
            XCTAssertEqual(error(path), "\(path) \(message)", name)
        }
    }

    func testNamedPipesAndDevicesAreRefusedBeforeOpening() throws {
        let pipe = TestFiles.scratch().appendingPathComponent("fifo-\(UUID().uuidString)").path
        XCTAssertEqual(mkfifo(pipe, 0o600), 0)
        defer { try? FileManager.default.removeItem(atPath: pipe) }
        XCTAssertEqual(error(pipe), "\(pipe): cannot read: is a named pipe, not a regular file")
        XCTAssertEqual(error("/dev/null"), "/dev/null: cannot read: is a character device, not a regular file")
        XCTAssertThrowsError(try StreamingText(path: pipe))
    }

    func testLibSVMWordLabelsAreDroppedNotMadeAClass() throws {
        let path = TestFiles.write("1 1:0.5\n0 2:1\npos 1:1\n1 2:2\n", name: "w.svm")
        let d = try DatasetReader.read(path: path, options: LoadOptions())
        XCTAssertEqual(d.count, 3)
        XCTAssertEqual(d.labelMapping.classNames.count, 2)
        XCTAssertEqual(d.dropReport.entries.map(\.line), [3])
        XCTAssertEqual(d.dropReport.entries.map(\.reason), ["non-numeric label: 'pos'"])
    }

    func testAFolderIsADatasetOnlyWithTwoClassFoldersOfTexts() throws {
        let root = TestFiles.scratch()
        func file(_ relative: String, _ text: String) throws {
            let url = root.appendingPathComponent(relative)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        try file("Sources/main.swift", "print(1)")
        try file("docs/readme.txt", "hello")
        XCTAssertEqual(error(root.path), "\(root.path): a folder of texts needs at least two class subfolders (pos/, neg/) holding .txt files; found docs")
        try file("notes/a.txt", "fine")
        try file("notes/b.txt", "good")
        let d = try DatasetReader.read(path: root.path, options: LoadOptions())
        XCTAssertEqual(d.count, 3)
        XCTAssertTrue(d.dropReport.text.contains("ignored subfolders without .txt files: Sources"), d.dropReport.text)
    }

    func testALibSVMIndexZeroIsReported() throws {
        let d = try DatasetReader.read(path: TestFiles.write("1 1:0.5 2:1\n0 0:3 2:1\n1 2:2\n", name: "z.svm"), options: LoadOptions())
        XCTAssertEqual(d.sparseInputs?.densified().shape, [3, 3])
        XCTAssertTrue(d.dropReport.text.contains("1 row: feature index 0, so every index is read as 0-based"), d.dropReport.text)
    }

    /// Found by ReaderFuzzTests at LAB_FUZZ_SCALE=8: a header shape (N, 0) has no data bytes for any N,
    /// and N = 9,000,000,000 allocated 36 GB of targets.
    func testAnNpyOfZeroWidthRowsIsAnErrorWhateverItsRowCount() {
        for rows in [10, 9_000_000_000] {
            var bytes: [UInt8] = [0x93] + Array("NUMPY".utf8) + [1, 0]
            var header = "{'descr': '<f4', 'fortran_order': False, 'shape': (\(rows), 0), }"
            header += String(repeating: " ", count: 127 - header.count) + "\n"
            bytes += [UInt8(header.utf8.count), 0] + Array(header.utf8)
            let path = TestFiles.write(bytes, name: "wide.npy")
            XCTAssertEqual(error(path), "\(path): the inputs array has shape (\(rows), 0): no features in a row")
        }
    }

    /// Found by InterpreterFuzzTests: `limit=9223372036854775807` overflowed `limit + 1` (the header row).
    func testTheLargestLimitReadsEveryRow() throws {
        for (name, text) in [("l.csv", "text,label\na,1\nb,0\n"), ("l.tsv", "text\tlabel\na\t1\nb\t0\n")] {
            let d = try DatasetReader.read(path: TestFiles.write(text, name: name), options: LoadOptions(limit: Int.max))
            XCTAssertEqual(d.count, 2, name)
        }
    }

    /// `batch=9223372036854775807` is one batch of every row (⌈N / B⌉ was written as (N + B − 1) / B).
    func testTheLargestBatchIsOneBatch() {
        let iterator = BatchIterator(inputs: Tensor(shape: [5, 2]), targets: Tensor(shape: [5]), batchSize: Int.max, order: Array(0..<5))
        XCTAssertEqual(iterator.batchCount, 1)
        XCTAssertEqual(BatchIterator(inputs: Tensor(shape: [5, 2]), targets: Tensor(shape: [5]), batchSize: 2, order: Array(0..<5)).batchCount, 3)
    }
}
