import LabData
import XCTest

/// tf.data's `shuffle(buffer_size)` semantics: bounded look-ahead, every element once, seeded.
final class ShuffleBufferTests: XCTestCase {
    func shuffled(_ n: Int, capacity: Int, seed: UInt64) -> [Int] {
        var buffer = ShuffleBuffer<Int>(capacity: capacity, seed: seed)
        var out: [Int] = []
        for i in 0..<n { if let e = buffer.push(i) { out.append(e) } }
        while let e = buffer.drain() { out.append(e) }
        return out
    }

    func testEveryElementOnceInABoundedWindowSameSeedSameOrder() {
        let out = shuffled(1000, capacity: 10, seed: 3)
        XCTAssertEqual(out.sorted(), Array(0..<1000))
        XCTAssertNotEqual(out, Array(0..<1000))
        // The k-th element out was among the first capacity + k in.
        for (k, e) in out.enumerated() { XCTAssertLessThan(e, 10 + k) }
        XCTAssertEqual(out, shuffled(1000, capacity: 10, seed: 3))
        XCTAssertNotEqual(out, shuffled(1000, capacity: 10, seed: 4))
    }

    func testCapacityOneKeepsOrderAndALargeBufferShufflesAll() {
        XCTAssertEqual(shuffled(50, capacity: 1, seed: 7), Array(0..<50))
        let whole = shuffled(50, capacity: 100, seed: 7)
        XCTAssertEqual(whole.sorted(), Array(0..<50))
        XCTAssertNotEqual(whole.prefix(10).sorted(), Array(0..<10), "a buffer larger than the stream draws from all of it")
    }
}
