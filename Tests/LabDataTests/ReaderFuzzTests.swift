import Foundation
import LabData
import TestSupport
import XCTest

/// Every reader on mutated copies of small valid files (byte flips, special bytes, truncation,
/// repeated spans, extreme numbers): a dataset or a typed `DataError`, never a crash.
/// After a successful read the texts are tokenized too. `LAB_FUZZ_SCALE=N` runs N times as many.
final class ReaderFuzzTests: XCTestCase {
    private func seeds() throws -> [(format: DataFormat, name: String, bytes: [UInt8])] {
        func text(_ s: String) -> [UInt8] { Array(s.utf8) }
        func fixture(_ name: String) throws -> [UInt8] { [UInt8](try Data(contentsOf: URL(fileURLWithPath: TestFiles.fixture(name)))) }
        return [
            (.csv, "f.csv", text("text,label\n\"a good, fine phone\",1\nbad battery,0\n\"said \"\"meh\"\"\",0\nlove it,1\n")),
            (.tsv, "f.tsv", text("sentence\tlabel\nit works\t1\nit broke\t0\nnever again\t0\nsuperb\t1\n")),
            (.fasttext, "f.ft", text("__label__2 great value\n__label__1 awful\n__label__2 Works fine, thanks!\n__label__1 no\n")),
            (.libsvm, "f.svm", text("+1 1:0.5 3:1.25\n-1 2:2 4:1 # note\n+1 qid:3 1:1\n-1 4:0.001\n")),
            (.lines, "f.txt", text("first line\nsecond line\r\nthird\n")),
            (.npz, "f.npz", try fixture("tiny.npz")),
            (.npy, "f.npy", try fixture("fortran.npy")),
        ]
    }

    func testMutatedFilesGiveDatasetsOrTypedErrors() throws {
        var mutator = Mutator(seed: 23)
        let folder = TestFiles.scratch()
        var counts: [DataFormat: (ok: Int, errors: Int)] = [:]
        for seed in try seeds() {
            for i in 0..<Mutator.iterations(200) {
                let path = folder.appendingPathComponent("\(i)-" + seed.name).path
                try Data(mutator.mutate(seed.bytes)).write(to: URL(fileURLWithPath: path))
                let format: DataFormat? = mutator.int(below: 4) == 0 ? nil : seed.format
                do {
                    let d = try DatasetReader.read(path: path, options: LoadOptions(format: format, xMember: seed.format == .npz ? "a" : nil,
                                                                                   yMember: seed.format == .npz ? "b" : nil))
                    if d.texts != nil {
                        let group = DatasetGroup(name: "d", whole: d)
                        try? group.tokenize(words: 1 + mutator.int(below: 20), maxlen: mutator.int(below: 3) == 0 ? nil : 1 + mutator.int(below: 8))
                    }
                    counts[seed.format, default: (0, 0)].ok += 1
                } catch is DataError {
                    counts[seed.format, default: (0, 0)].errors += 1
                } catch {
                    XCTFail("\(seed.name) #\(i): untyped error \(error)")
                }
                try? FileManager.default.removeItem(atPath: path)
            }
        }
        for (format, count) in counts { XCTAssertEqual(count.ok + count.errors, Mutator.iterations(200), "\(format)") }
    }
}
