import Foundation
import LabData
import Training
import XCTest

/// A dataset hands `train` the batch source that fits the request: its stream, or its rows in memory.
final class TrainingInputTests: XCTestCase {
    var folder = ""
    var path = ""

    override func setUpWithError() throws {
        folder = NSTemporaryDirectory() + "input-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        path = folder + "/r.ft.txt"
        let rows = (0..<40).map { "__label__\($0 % 2 + 1) review number \($0) was \($0 % 2 == 0 ? "bad" : "good")" }
        try (rows.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
    }

    override func tearDownWithError() throws { try FileManager.default.removeItem(atPath: folder) }

    private func make(_ group: DatasetGroup, split: String? = nil, validationSplit: Double? = nil,
                      needsAllLabels: Bool = false) throws -> TrainingInput {
        try TrainingInput.make(group: group, split: split, named: split.map { "\(group.name).\($0)" } ?? group.name, model: "m",
                               hasEncoding: false, validationSplit: validationSplit, needsAllLabels: needsAllLabels) {
            try XCTUnwrap(split.map { group[split: $0] } ?? group.primary)
        }
    }

    func testAStreamedGroupHandsOutItsFileBatchByBatch() throws {
        let group = DatasetGroup(name: "r", stream: try StreamingText(path: path))
        try group.tokenize(words: 20, maxlen: 6)
        let input = try make(group)
        let batches = try XCTUnwrap(input.batches as? StreamedBatches)
        XCTAssertEqual(batches.count, 40)
        XCTAssertEqual(batches.encoding, group.encoding)
        XCTAssertNil(input.labels)
        XCTAssertNil(input.heldOut)
    }

    func testAStreamRefusesWhatNeedsEveryRowAndSaysWhy() throws {
        let group = DatasetGroup(name: "r", stream: try StreamingText(path: path))
        XCTAssertThrowsError(try make(group)) { XCTAssertEqual($0 as? TrainingError, .notTokenized(dataset: "r", model: nil)) }
        try group.tokenize(words: 20, maxlen: 6)
        XCTAssertThrowsError(try make(group, validationSplit: 0.2)) {
            XCTAssertEqual(($0 as? TrainingError)?.description,
                           "validation_split needs the rows in memory, and r is streamed from its file; load it without stream=true or give val=")
        }
        XCTAssertThrowsError(try make(group, needsAllLabels: true)) {
            XCTAssertEqual(($0 as? TrainingError)?.description,
                           "class_weight=balanced needs the rows in memory, and r is streamed from its file; "
                            + "load it without stream=true or give class_weight=0:…,1:…")
        }
    }

    func testRowsInMemoryKeepTheirLabelsAndHoldOutTheValidationSplitFromTheEnd() throws {
        let group = DatasetGroup(name: "r", whole: try DatasetReader.read(path: path, options: LoadOptions()))
        XCTAssertThrowsError(try make(group)) { XCTAssertEqual($0 as? TrainingError, .notTokenized(dataset: "r", model: nil)) }
        try group.tokenize(words: 20, maxlen: 6)
        let input = try make(group, validationSplit: 0.25)
        XCTAssertTrue(input.batches is InMemoryBatches)
        XCTAssertEqual(input.batches.count, 30)
        XCTAssertEqual(input.heldOut?.count, 10)
        XCTAssertEqual(input.heldOut?.texts?.first, group.whole?.texts?[30])
        XCTAssertEqual(input.labels, (0..<30).map { $0 % 2 })
    }
}
