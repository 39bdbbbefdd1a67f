import Foundation
import XCTest

/// Counts read the same everywhere: grouped thousands, singular nouns for one, whole-word percentiles.
extension InterpreterTests {
    func testCountsAreGroupedAndSingularForOne() {
        let (output, error) = run("""
            load reviews from "data/imdb/reviews_3k.csv" text=review label=sentiment positive=positive negative=negative
            describe reviews
            split reviews train=0.8 val=0.2 shuffle=false
            tokenize reviews words=5000 maxlen=20
            model m
              input 20
              embedding 5000 2
              flatten
              dense 1 sigmoid
            end
            model one
              dense 1 sigmoid
            end
            train m on reviews.train epochs=1 batch=500
            list
            """)
        XCTAssertNil(error)
        let lines = output.components(separatedBy: "\n")
        XCTAssertTrue(lines.contains("  rows: 3,180"), output)
        XCTAssertTrue(lines.contains { $0.hasPrefix("  labels: negative 1,") }, output)
        XCTAssertTrue(lines.contains { $0.range(of: #"^  length \(words\): p50 [\d,]+ p90 [\d,]+ p99 [\d,]+ p99\.9 [\d,]+$"#, options: .regularExpression) != nil },
                      output)
        XCTAssertTrue(lines.contains { $0.hasPrefix("  vocabulary: ") && $0.contains(",") }, output)
        XCTAssertTrue(lines.contains("one: 1 layer, input length bound at training"), output)
        XCTAssertTrue(lines.contains("dataset reviews: 3,180 rows, train 2,544, val 636, tokenized: 5,000 words, maxlen 20"), output)
        XCTAssertTrue(lines.contains { $0.hasPrefix("model m: 3 layers, ") && $0.hasSuffix(" params, 1 epoch") }, output)
        XCTAssertTrue(lines.contains("model one: 1 layer, 0 params, untrained"), output)
    }
}
