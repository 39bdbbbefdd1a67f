import Foundation
import LabData
import TensorCore
import XCTest

/// `TextVectorizer` against scikit-learn's `CountVectorizer` / `TfidfVectorizer` on real review data.
///
/// `Fixtures/sklearn_vectorizer_golden.json` comes from `scripts/sklearn_vectorizer_golden.py`:
/// each case fits on the first rows of a bundled file and transforms held-out rows, read here
/// by lab's own readers. Compared: vocabulary size and hash, sampled columns and their idf,
/// every non-zero of the first held-out rows (to 1e-6), and every held-out row's non-zero
/// count and checksum Σ (column + 1) · value (to 1e-6 relative).
final class SKLearnVectorizerGoldenTests: XCTestCase {
    struct Golden: Decodable {
        struct Part: Decodable { var path: String; var first: Int?; var skip: Int? }
        struct Case: Decodable {
            var name: String
            var kind: String
            var fit: Part
            var apply: Part
            var vocabulary_size: Int
            var vocabulary_fnv1a: String
            var probe: [[Probe]]
            var idf: [[Double]]?
            var rows: [[[Double]]]
            var row_checks: [[Double]]
        }
        enum Probe: Decodable {
            case index(Int), term(String)
            init(from decoder: any Decoder) throws {
                let c = try decoder.singleValueContainer()
                if let i = try? c.decode(Int.self) { self = .index(i) } else { self = .term(try c.decode(String.self)) }
            }
        }
        var cases: [Case]
    }

    /// The case's parameters as lab's options (an integral df bound counts documents, as in the generator).
    private func options(_ name: String, kind: String) throws -> VectorizerOptions {
        let raw = try JSONSerialization.jsonObject(with: try Data(contentsOf: URL(fileURLWithPath: TestFiles.fixture("sklearn_vectorizer_golden.json"))))
        let cases = try XCTUnwrap((raw as? [String: Any])?["cases"] as? [[String: Any]])
        let p = try XCTUnwrap(cases.first { $0["name"] as? String == name }?["params"] as? [String: Any])
        func bound(_ key: String, _ fallback: VectorizerOptions.DocumentBound) -> VectorizerOptions.DocumentBound {
            guard let v = (p[key] as? NSNumber)?.doubleValue else { return fallback }
            return v == v.rounded() && v >= 1 && !(p[key] is Double && "\(p[key]!)".contains(".")) ? .documents(Int(v)) : .proportion(v)
        }
        let ngrams = p["ngram_range"] as? [Int] ?? [1, 1]
        return VectorizerOptions(
            weighting: kind == "tfidf" ? .tfidf : .counts, maxFeatures: p["max_features"] as? Int,
            ngramMin: ngrams[0], ngramMax: ngrams[1], minDF: bound("min_df", .documents(1)), maxDF: bound("max_df", .proportion(1)),
            binary: p["binary"] as? Bool ?? false, lowercase: p["lowercase"] as? Bool ?? true,
            sublinearTF: p["sublinear_tf"] as? Bool ?? false, smoothIDF: p["smooth_idf"] as? Bool ?? true,
            norm: p.keys.contains("norm") ? (p["norm"] as? String).flatMap(VectorizerOptions.Norm.init) ?? .none : .l2)
    }

    private func texts(_ part: Golden.Part) throws -> [String] {
        let all = try DatasetReader.read(path: TestFiles.data(part.path), options: LoadOptions()).texts ?? []
        if let skip = part.skip { return Array(all.dropFirst(skip)) }
        return Array(all.prefix(part.first ?? all.count))
    }

    private static func fnv1a(_ text: String) -> String {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in text.utf8 { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        return String(format: "%016llx", h)
    }

    private func check(_ name: String) throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: TestFiles.fixture("sklearn_vectorizer_golden.json")))
        let c = try XCTUnwrap(try JSONDecoder().decode(Golden.self, from: data).cases.first { $0.name == name })
        let v = try TextVectorizer(fitting: try texts(c.fit), options: try options(name, kind: c.kind))
        XCTAssertEqual(v.vocabulary.count, c.vocabulary_size, "vocabulary size")
        XCTAssertEqual(Self.fnv1a(v.vocabulary.joined(separator: "\n")), c.vocabulary_fnv1a, "vocabulary")
        for probe in c.probe {
            guard case .index(let i) = probe[0], case .term(let term) = probe[1], i < v.vocabulary.count else { continue }
            XCTAssertEqual(v.vocabulary[i], term, "column \(i)")
        }
        for pair in c.idf ?? [] { XCTAssertEqual(v.idf[Int(pair[0])], pair[1], accuracy: 1e-9, "idf of column \(Int(pair[0]))") }
        let x = v.transform(try texts(c.apply))
        XCTAssertEqual(x.rowCount, c.row_checks.count)
        for (r, expected) in c.rows.enumerated() {
            let row = x.row(r)
            XCTAssertEqual(row.map(\.column), expected.map { Int($0[0]) }, "row \(r) columns")
            for (got, want) in zip(row, expected) { XCTAssertEqual(Double(got.value), want[1], accuracy: 1e-6, "row \(r) column \(got.column)") }
        }
        for (r, check) in c.row_checks.enumerated() where r < x.rowCount {
            let row = x.row(r)
            XCTAssertEqual(row.count, Int(check[0]), "row \(r) non-zeros")
            let sum = row.reduce(0.0) { $0 + Double($1.column + 1) * Double($1.value) }
            XCTAssertEqual(sum, check[1], accuracy: 1e-6 * max(1, abs(check[1])), "row \(r) checksum")
        }
    }

    func testCountVectorizerDefaultsMatchOnAmazonReviews() throws { try check("counts_default") }
    func testTfidfDefaultsMatchOnAmazonReviews() throws { try check("tfidf_default") }
    func testTfidfBigramsWithDocumentBoundsAndMaxFeaturesMatch() throws { try check("tfidf_bigrams_limited") }
    func testTfidfL1RawIdfCasedWithProportionAndCountBoundsMatchOnIMDB() throws { try check("tfidf_l1_raw_idf_cased") }
    func testBinaryCountsOfBigramsAndTrigramsMatchOnIMDB() throws { try check("counts_binary_trigrams") }
    func testBinaryTfidfWithoutNormMatchesOnIMDB() throws { try check("tfidf_no_norm_binary") }

    func testBoundsScikitLearnRefusesAreRefused() {
        XCTAssertThrowsError(try TextVectorizer(fitting: ["good film", "bad film"],
                                                options: VectorizerOptions(weighting: .counts, minDF: .documents(2), maxDF: .documents(1))))
        XCTAssertThrowsError(try TextVectorizer(fitting: ["a b c"], options: VectorizerOptions(weighting: .counts)))
        XCTAssertThrowsError(try TextVectorizer(fitting: ["good film", "bad film"],
                                                options: VectorizerOptions(weighting: .tfidf, minDF: .documents(3))))
    }

    func testTokensFollowPythonWordCharacters() {
        XCTAssertEqual(TextVectorizer.tokens("it's a Crème-brûlée, x2 _ab 42"), ["it", "Crème", "brûlée", "x2", "_ab", "42"])
        // A combining accent is not a word character in Python's re, so it splits the token.
        XCTAssertEqual(TextVectorizer.tokens("cafe\u{301}s ok"), ["cafe", "ok"])
    }
}
