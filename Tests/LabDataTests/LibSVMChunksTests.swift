import Foundation
import LabData
import TensorCore
import XCTest

/// libsvm export (one file or `chunks=N`) reads back as the same sparse rows; a glob of chunks
/// is scanned in one pass that reports bad lines with their file and line.
final class LibSVMChunksTests: XCTestCase {
    private func vectorized() throws -> Dataset {
        let group = DatasetGroup(name: "s", whole: try DatasetReader.read(path: TestFiles.data("sentences/amazon_cells_labelled.txt"),
                                                                        options: LoadOptions()))
        try group.vectorize(VectorizerOptions(weighting: .tfidf, ngramMax: 2))
        return try XCTUnwrap(group.whole)
    }

    func testExportReadsBackAsTheSameRowsAndTargets() throws {
        let data = try vectorized()
        let x = try XCTUnwrap(data.sparseInputs)
        let path = TestFiles.scratch().appendingPathComponent("s.svm").path
        XCTAssertEqual(try LibSVMExport.write(dataset: data, to: path), [path])
        let back = try DatasetReader.read(path: path, options: LoadOptions(features: x.columnCount))
        XCTAssertEqual(back.sparseInputs, x)
        XCTAssertEqual(back.targets.values, data.targets.values)
    }

    func testChunksCutTheRowsInOrderAndStreamBackWhole() throws {
        let data = try vectorized()
        let x = try XCTUnwrap(data.sparseInputs)
        let dir = TestFiles.scratch().path
        let paths = try LibSVMExport.write(dataset: data, to: dir + "/train_%02d.svm", chunks: 3)
        XCTAssertEqual(paths.map { URL(fileURLWithPath: $0).lastPathComponent }, ["train_00.svm", "train_01.svm", "train_02.svm"])
        let chunks = try LibSVMChunks(pattern: dir + "/train_*.svm", options: LoadOptions(features: x.columnCount))
        XCTAssertEqual(chunks.rows, data.count)
        XCTAssertEqual(chunks.chunkRows, [334, 333, 333])
        var all = SparseRows(columnCount: x.columnCount)
        var targets: [Float] = []
        for k in 0..<3 {
            let part = try chunks.chunk(k)
            all.append(rowsOf: part.rows)
            targets += part.targets
        }
        XCTAssertEqual(all, x)
        XCTAssertEqual(targets, data.targets.values)
    }

    func testAChunkPathNeedsOneNumberPlaceholder() {
        XCTAssertThrowsError(try LibSVMExport.paths("runs/train.svm", chunks: 2))
        XCTAssertThrowsError(try LibSVMExport.paths("runs/%02d_%02d.svm", chunks: 2))
        XCTAssertThrowsError(try LibSVMExport.paths("runs/t_%02d.svm", chunks: 0))
        XCTAssertEqual(try LibSVMExport.paths("runs/t_%d.svm", chunks: 2), ["runs/t_0.svm", "runs/t_1.svm"])
        XCTAssertEqual(try LibSVMExport.paths("runs/t.svm", chunks: nil), ["runs/t.svm"])
    }

    func testBadLinesAreReportedWithFileAndLineAndSkipped() throws {
        let dir = TestFiles.scratch().path
        try "1 1:0.5 3:1\n0 2:x\n1 4:2\n".write(toFile: dir + "/c_00.svm", atomically: true, encoding: .utf8)
        try "pos 1:1\n0 2:1 2:3\n0 3:1\n".write(toFile: dir + "/c_01.svm", atomically: true, encoding: .utf8)
        let chunks = try LibSVMChunks(pattern: dir + "/c_*.svm")
        XCTAssertEqual(chunks.rows, 3)
        XCTAssertEqual(chunks.columnCount, 4)
        XCTAssertEqual(chunks.drops.entries.map { "\(URL(fileURLWithPath: $0.file).lastPathComponent):\($0.line ?? 0)" },
                       ["c_00.svm:2", "c_01.svm:1", "c_01.svm:2"])
        XCTAssertEqual(chunks.drops.entries.map(\.reason),
                       ["malformed feature: '2:x'", "non-numeric label: 'pos'", "repeated feature index: 2"])
        XCTAssertEqual(try chunks.chunk(1).rows.row(0).map(\.column), [2])
        let description = DatasetDescription(chunks: chunks).text
        XCTAssertTrue(description.contains("rows: 3") && description.contains("inputs: 4 per row"), description)
    }

    func testAGlobMatchingNothingOrAnotherFormatIsAnError() throws {
        let dir = TestFiles.scratch().path
        XCTAssertThrowsError(try LibSVMChunks(pattern: dir + "/none_*.svm")) { error in
            XCTAssertEqual(error as? DataError, .fileNotFound(path: dir + "/none_*.svm"))
        }
        try "__label__1 text\n".write(toFile: dir + "/a_1.txt", atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try LibSVMChunks(pattern: dir + "/a_*.txt"))
    }

    func testAChunkChangedAfterTheScanIsRefused() throws {
        let dir = TestFiles.scratch().path
        try "1 1:0.5\n0 2:1\n".write(toFile: dir + "/c_00.svm", atomically: true, encoding: .utf8)
        let chunks = try LibSVMChunks(pattern: dir + "/c_*.svm")
        try "1 1:0.5\n0 2:1\n1 1:1\n".write(toFile: dir + "/c_00.svm", atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try chunks.chunk(0)) { XCTAssertEqual($0 as? DataError, .fileChanged(path: dir + "/c_00.svm")) }
    }

    func testVectorizeFitsOnTheTrainSplitOnly() throws {
        let group = DatasetGroup(name: "s", whole: try DatasetReader.read(path: TestFiles.data("sentences/amazon_cells_labelled.txt"),
                                                                        options: LoadOptions()))
        var rng = RandomGenerator(seed: 1)
        try group.split(train: 0.5, test: 0.5, shuffle: true, using: &rng)
        try group.vectorize(VectorizerOptions(weighting: .counts))
        let train = try XCTUnwrap(group[split: "train"]?.texts)
        let fitted = try TextVectorizer(fitting: train, options: VectorizerOptions(weighting: .counts))
        XCTAssertEqual(group.vectorizer, fitted)
        XCTAssertEqual(group[split: "test"]?.sparseInputs, fitted.transform(try XCTUnwrap(group[split: "test"]?.texts)))
        XCTAssertEqual(group.whole?.sparseInputs?.rowCount, 1000)
    }
}
