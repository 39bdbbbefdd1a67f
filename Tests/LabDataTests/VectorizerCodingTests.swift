import Foundation
import LabData
import XCTest

/// A vectorizer survives JSON (as model files keep it) and a malformed one is refused, never trusted.
final class VectorizerCodingTests: XCTestCase {
    private let texts = ["Great phone, great battery", "bad battery and bad screen", "the screen is great"]

    func testJSONRoundTripTransformsTheSame() throws {
        let v = try TextVectorizer(fitting: texts, options: VectorizerOptions(weighting: .tfidf, ngramMax: 2, sublinearTF: true))
        let back = try JSONDecoder().decode(TextVectorizer.self, from: try JSONEncoder().encode(v))
        XCTAssertEqual(back, v)
        XCTAssertEqual(back.fingerprint, v.fingerprint)
        XCTAssertEqual(back.transform(texts + ["unseen words only"]), v.transform(texts + ["unseen words only"]))
    }

    func testMalformedVectorizersAreRefused() throws {
        let v = try TextVectorizer(fitting: texts, options: VectorizerOptions(weighting: .counts))
        var json = try XCTUnwrap(try JSONSerialization.jsonObject(with: try JSONEncoder().encode(v)) as? [String: Any])
        let vocabulary = try XCTUnwrap(json["vocabulary"] as? [String])
        for bad: [String: Any] in [["vocabulary": vocabulary + [vocabulary[0]]], ["vocabulary": ["two words"]],
                                   ["vocabulary": [String]()], ["idf": [1.0]]] {
            for (key, value) in bad { json[key] = value }
            let data = try JSONSerialization.data(withJSONObject: json)
            XCTAssertThrowsError(try JSONDecoder().decode(TextVectorizer.self, from: data), "\(bad)")
            json["vocabulary"] = vocabulary
            json["idf"] = [Double]()
        }
    }
}
