import Foundation

/// Draws noise words for negative sampling from unigram counts raised to 0.75, in O(1)
/// per draw (Walker's alias method).
///
/// gensim draws from the same distribution by bisecting a cumulative table of
/// `count^0.75` (its `cum_table`); the alias table gives each word the same
/// probability up to float rounding without the O(log V) search per draw.
struct NoiseSampler {
    /// For bucket k: the chance of keeping k (scaled to 2³²), else `alias[k]`.
    private let keep: [UInt32]
    private let alias: [Int32]

    /// A sampler over words 0..<counts.count with weights `counts[i]^power`.
    init(counts: [Int], power: Double = 0.75) {
        let n = counts.count
        let weights = counts.map { Double($0) == 0 ? 0 : pow(Double($0), power) }
        let total = weights.reduce(0, +)
        var scaled = weights.map { $0 * Double(n) / total }
        var keep = [UInt32](repeating: UInt32.max, count: n)
        var alias = [Int32](repeating: 0, count: n)
        for i in 0..<n { alias[i] = Int32(i) }
        var small: [Int] = [], large: [Int] = []
        for i in 0..<n { if scaled[i] < 1 { small.append(i) } else { large.append(i) } }
        while let s = small.popLast() {
            guard let l = large.last else { break }
            keep[s] = UInt32(min(scaled[s] * 0x1p32, Double(UInt32.max)))
            alias[s] = Int32(l)
            scaled[l] -= 1 - scaled[s]
            if scaled[l] < 1 { large.removeLast(); small.append(l) }
        }
        self.keep = keep
        self.alias = alias
    }

    /// One word, from two 32-bit random numbers.
    @inline(__always) func draw(_ bucketBits: UInt32, _ keepBits: UInt32) -> Int {
        let k = Int((UInt64(bucketBits) &* UInt64(keep.count)) >> 32)
        return keepBits < keep[k] ? k : Int(alias[k])
    }
}
