import Foundation
import LabData
import XCTest

/// Tokenizer and padding details that decide whether ids match Keras.
final class TokenizerTests: XCTestCase {
    func testTiesKeepFirstAppearanceAndNumWordsCuts() {
        var t = Tokenizer(numWords: 3)
        t.fit(on: ["b a c", "c a b d"])
        XCTAssertEqual(t.wordsByIndex, ["b", "a", "c", "d"])
        XCTAssertEqual(t.sequences(for: ["d c b a zz"]), [[1, 2]])
    }

    func testOOVTakesIndexOneAndReplacesCutAndUnknownWords() {
        var t = Tokenizer(numWords: 3, oovToken: "<OOV>")
        t.fit(on: ["b a c", "c a b d"])
        XCTAssertEqual(t.wordIndex["<OOV>"], 1)
        XCTAssertEqual(t.wordIndex["b"], 2)
        XCTAssertEqual(t.sequence(for: "b a zz"), [2, 1, 1])
    }

    func testSeparatorsLowerCasingAndApostrophes() {
        var t = Tokenizer()
        t.fit(on: ["Crème BRÛLÉE<br />isn't\u{85}bad\u{A0}at\rall ΟΔΟΣ"])
        XCTAssertEqual(t.wordsByIndex, ["crème", "brûlée", "br", "isn't\u{85}bad\u{A0}at\rall", "οδος"])
    }

    func testCanonicallyEquivalentSpellingsStayDistinctWords() {
        var t = Tokenizer()
        t.fit(on: ["caf\u{E9} cafe\u{301} caf\u{E9}"])
        XCTAssertEqual(t.vocabularySize, 2)
        XCTAssertEqual(t.sequence(for: "cafe\u{301}"), [2])
    }

    func testPaddingAndTruncatingBothEnds() {
        let s: [[Int32]] = [[1, 2, 3, 4], [5], []]
        XCTAssertEqual(PadSequences.pad(s, maxlen: 3).values, [2, 3, 4, 0, 0, 5, 0, 0, 0])
        XCTAssertEqual(PadSequences.pad(s, maxlen: 3, padding: .post, truncating: .post).values, [1, 2, 3, 5, 0, 0, 0, 0, 0])
        XCTAssertEqual(PadSequences.pad(s).shape, [3, 4])
    }

    func testJSONRoundTripPredictsTheSameIds() throws {
        var t = Tokenizer(numWords: 50, oovToken: "<OOV>")
        let texts = try DatasetReader.read(path: TestFiles.data("sst2/dev.tsv"), options: LoadOptions()).texts!
        t.fit(on: texts)
        let json = try JSONEncoder().encode(t)
        let back = try JSONDecoder().decode(Tokenizer.self, from: json)
        XCTAssertEqual(back.sequences(for: texts), t.sequences(for: texts))
        XCTAssertEqual(back.wordsByIndex, t.wordsByIndex)
        XCTAssertEqual(back.numWords, 50)
    }

    func testChunkedFitEqualsOneFit() throws {
        let texts = try DatasetReader.read(path: TestFiles.data("sentences/amazon_cells_labelled.txt"), options: LoadOptions()).texts!
        var whole = Tokenizer(numWords: 200)
        whole.fit(on: texts)
        var chunked = Tokenizer(numWords: 200)
        chunked.fit { add in stride(from: 0, to: texts.count, by: 97).forEach { add(Array(texts[$0..<min($0 + 97, texts.count)])) } }
        XCTAssertEqual(chunked.wordsByIndex, whole.wordsByIndex)
    }
}
