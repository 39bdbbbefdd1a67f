import Foundation

/// The seeded random generator behind every random choice in lab.
///
/// xoshiro256** (Blackman & Vigna, 2018) seeded through SplitMix64: fast, with
/// a 2²⁵⁶ period, and the same stream on every platform and Swift version
/// (Swift's own `shuffle` and `random(in:)` promise neither). A session owns
/// one and passes it, `inout`, to initializers, shuffles, splits and dropout.
/// Codable, so a checkpoint can carry the exact position of a stream.
public struct RandomGenerator: RandomNumberGenerator, Codable, Equatable, Sendable {
    private var s0: UInt64, s1: UInt64, s2: UInt64, s3: UInt64
    private var spareNormal: Double?

    /// A generator whose stream is fixed by `seed`.
    public init(seed: UInt64) {
        var x = seed
        func splitMix() -> UInt64 {
            x &+= 0x9E37_79B9_7F4A_7C15
            var z = x
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        s0 = splitMix(); s1 = splitMix(); s2 = splitMix(); s3 = splitMix()
    }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        let result = rotl(s1 &* 5, 7) &* 9
        let t = s1 << 17
        s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3
        s2 ^= t
        s3 = rotl(s3, 45)
        return result
    }

    private enum CodingKeys: String, CodingKey { case s0, s1, s2, s3, spareNormal }

    /// Decodes a saved stream position (a model file's `lab.rng`).
    /// - Throws: `DecodingError.dataCorrupted` for the all-zero state, on which xoshiro
    ///   only ever returns 0 (rejection sampling would then never end), or a non-finite spare normal.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        s0 = try c.decode(UInt64.self, forKey: .s0); s1 = try c.decode(UInt64.self, forKey: .s1)
        s2 = try c.decode(UInt64.self, forKey: .s2); s3 = try c.decode(UInt64.self, forKey: .s3)
        spareNormal = try c.decodeIfPresent(Double.self, forKey: .spareNormal)
        if s0 | s1 | s2 | s3 == 0 {
            throw DecodingError.dataCorruptedError(forKey: .s0, in: c, debugDescription: "the generator state is all zeros")
        }
        if let spare = spareNormal, !spare.isFinite {
            throw DecodingError.dataCorruptedError(forKey: .spareNormal, in: c, debugDescription: "the spare normal is not finite")
        }
    }

    private func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }

    /// A uniform `Float` in [0, 1), from the top 24 bits.
    public mutating func uniform() -> Float { Float(next() >> 40) * 0x1p-24 }

    /// A uniform `Double` in [0, 1), from the top 53 bits.
    public mutating func uniformDouble() -> Double { Double(next() >> 11) * 0x1p-53 }

    /// A uniform `Float` in [low, high).
    public mutating func uniform(_ low: Float, _ high: Float) -> Float { low + (high - low) * uniform() }

    /// A uniform integer in 0..<bound, without modulo bias (Lemire's method).
    public mutating func int(below bound: Int) -> Int {
        precondition(bound > 0, "empty range")
        let b = UInt64(bound)
        var m = next().multipliedFullWidth(by: b)
        if m.low < b {
            let threshold = (0 &- b) % b
            while m.low < threshold { m = next().multipliedFullWidth(by: b) }
        }
        return Int(m.high)
    }

    /// A draw from the normal distribution N(mean, std²) (Box–Muller, in `Double`).
    public mutating func normal(mean: Double = 0, std: Double = 1) -> Double {
        if let z = spareNormal { spareNormal = nil; return mean + std * z }
        var u = 0.0
        repeat { u = uniformDouble() } while u == 0
        let v = uniformDouble()
        let r = (-2 * log(u)).squareRoot()
        spareNormal = r * sin(2 * .pi * v)
        return mean + std * r * cos(2 * .pi * v)
    }

    /// A normal draw redrawn until it lies within two standard deviations of
    /// the mean, as Keras's `TruncatedNormal` initializer does.
    public mutating func truncatedNormal(mean: Double = 0, std: Double = 1) -> Double {
        while true {
            let z = normal()
            if abs(z) <= 2 { return mean + std * z }
        }
    }

    /// A uniformly random permutation of 0..<n (Fisher–Yates).
    public mutating func permutation(_ n: Int) -> [Int] {
        var p = Array(0..<n)
        shuffle(&p)
        return p
    }

    /// Shuffles `items` in place (Fisher–Yates, the same order on every platform).
    public mutating func shuffle<T>(_ items: inout [T]) {
        guard items.count > 1 else { return }
        for i in stride(from: items.count - 1, to: 0, by: -1) {
            items.swapAt(i, int(below: i + 1))
        }
    }
}

