import Foundation
import LabData
import XCTest

/// Token ids against Keras 2 (keras_preprocessing 1.1.2) on real review data.
///
/// `Fixtures/keras_golden.json` comes from `scripts/keras_golden.py`: each case
/// fits on rows of one bundled file and applies to held-out rows, through lab's
/// own readers here, so CRLF handling, CSV quoting, TSV without quoting,
/// fastText parsing, tie order at the `num_words` cut, OOV and padding are all
/// compared with Keras's exact output.
final class KerasGoldenTests: XCTestCase {
    struct Golden: Decodable {
        struct Part: Decodable { var path: String; var first: Int?; var skip: Int? }
        struct Case: Decodable {
            var name: String
            var fit: Part
            var apply: Part
            var num_words: Int?
            var oov_token: String?
            var word_index_size: Int
            var word_index_head: [String]
            var sequences: [[Int32]]
            var maxlen: Int
            var padding: String
            var truncating: String
            var padded: [[Float]]
        }
        var cases: [Case]
    }

    private func texts(_ part: Golden.Part) throws -> [String] {
        let all = try DatasetReader.read(path: TestFiles.data(part.path), options: LoadOptions()).texts ?? []
        if let skip = part.skip { return Array(all.dropFirst(skip)) }
        return Array(all.prefix(part.first ?? all.count))
    }

    private func check(_ name: String) throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: TestFiles.fixture("keras_golden.json")))
        let golden = try JSONDecoder().decode(Golden.self, from: data)
        let c = try XCTUnwrap(golden.cases.first { $0.name == name })
        var tokenizer = Tokenizer(numWords: c.num_words, oovToken: c.oov_token)
        tokenizer.fit(on: try texts(c.fit))
        XCTAssertEqual(tokenizer.wordIndex.count, c.word_index_size, "word_index size")
        XCTAssertEqual(Array(tokenizer.wordsByIndex.prefix(c.word_index_head.count)), c.word_index_head)
        let held = try texts(c.apply)
        let sequences = tokenizer.sequences(for: held)
        XCTAssertEqual(Array(sequences.prefix(c.sequences.count)), c.sequences)
        let padded = PadSequences.pad(Array(sequences.prefix(c.padded.count)), maxlen: c.maxlen,
                                      padding: SequenceEnd(rawValue: c.padding)!, truncating: SequenceEnd(rawValue: c.truncating)!)
        XCTAssertEqual(padded.shape, [c.padded.count, c.maxlen])
        XCTAssertEqual(padded.values, c.padded.flatMap { $0 })
    }

    func testSST2TrainCRLFWithTieAtTheCutMatchesKerasOnDev() throws { try check("sst2") }
    func testIMDBCSVWithOOVAndPostPaddingMatchesKeras() throws { try check("imdb_csv") }
    func testAmazonFastTextHeldOutMatchesKeras() throws { try check("amazon_fasttext") }
    func testUCISentencesAllWordsWithOOVMatchKeras() throws { try check("uci_sentences") }
}
