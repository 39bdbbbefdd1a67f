import Foundation
import LabData
import TensorCore
import XCTest

/// `Tokenizer.fitSequences(on:)` (one split per word) against `fit(on:)` + `sequences(for:)` (two):
/// the same vocabulary, counts and ids on the bundled data, for every option and thread count.
final class TokenizerFitSequencesTests: XCTestCase {
    private func texts(_ file: String) throws -> [String] {
        try DatasetReader.read(path: TestFiles.data(file), options: LoadOptions()).texts!
    }

    /// Fits a copy of `make()` both ways on `texts` (after `before`, to check accumulation) and compares.
    private func assertSameIDs(_ texts: [String], before: [String] = [], _ make: () -> Tokenizer,
                               file: StaticString = #filePath, line: UInt = #line) {
        var old = make(), new = make()
        if !before.isEmpty { old.fit(on: before); new.fit(on: before) }
        old.fit(on: texts)
        let expected = old.sequences(for: texts)
        let got = new.fitSequences(on: texts)
        XCTAssertEqual(got, expected, file: file, line: line)
        XCTAssertEqual(new.wordsByIndex, old.wordsByIndex, file: file, line: line)
        XCTAssertEqual(new.countsByIndex, old.countsByIndex, file: file, line: line)
        XCTAssertEqual(new.documentCount, old.documentCount, file: file, line: line)
        XCTAssertEqual(new.sequences(for: before), old.sequences(for: before), file: file, line: line)
    }

    func testSameIDsAsFitThenSequencesOnBundledData() throws {
        let sst2 = Array(try texts("sst2/train.tsv").prefix(8_000))  // ≥ 3 slices of 2048
        let imdb = Array(try texts("imdb/reviews_3k.csv").prefix(800))  // <br />, non-ASCII, long texts
        let saved = Parallel.threads
        defer { Parallel.setThreads(saved) }
        for threads in [1, 2, 3] {
            Parallel.setThreads(threads)
            assertSameIDs(sst2) { Tokenizer(numWords: 5000) }
            assertSameIDs(imdb) { Tokenizer() }
        }
        // num_words cuts with and without an OOV token, and a fitted word as the OOV token.
        assertSameIDs(imdb) { Tokenizer(numWords: 3, oovToken: "<OOV>") }
        assertSameIDs(imdb) { Tokenizer(numWords: 1) }
        assertSameIDs(sst2) { Tokenizer(numWords: 100, oovToken: "the") }
        // Cased, non-ASCII filters (the scalar path), and a second fit accumulating on a first.
        assertSameIDs(imdb) { Tokenizer(numWords: 2000, lower: false) }
        assertSameIDs(imdb) { Tokenizer(numWords: 2000, filters: Tokenizer.defaultFilters + "é’") }
        assertSameIDs(imdb, before: Array(sst2.prefix(5000))) { Tokenizer(numWords: 3000, oovToken: "<OOV>") }
    }

    func testEdgeCases() {
        assertSameIDs([]) { Tokenizer() }
        assertSameIDs(["", "  ", "ΟΔΟΣ Σ", "caf\u{E9} cafe\u{301}", "a a b"]) { Tokenizer(numWords: 2, oovToken: "a") }
    }
}
