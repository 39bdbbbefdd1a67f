import Foundation
import TensorCore

/// Seeded mutations for fuzz tests: the same seed gives the same inputs on every run,
/// so any crash found is replayed by its seed and iteration.
///
/// Counts scale with `LAB_FUZZ_SCALE` (default 1): the suite runs the base counts in
/// seconds; `scripts/fuzz.sh` runs the same tests with a larger scale.
public struct Mutator {
    private var random: RandomGenerator

    public init(seed: UInt64) { random = RandomGenerator(seed: seed) }

    /// `base` iterations times `LAB_FUZZ_SCALE`.
    public static func iterations(_ base: Int) -> Int {
        let scale = ProcessInfo.processInfo.environment["LAB_FUZZ_SCALE"].flatMap(Int.init) ?? 1
        return base * max(scale, 1)
    }

    /// Numbers that break arithmetic and allocation: zero, negatives, the edges of Int, huge and non-finite.
    public static let extremeNumbers = [
        "0", "-1", "1", "3e9", "1e30", "1e-30", "-0", "2147483648", "4294967296", "99999999999",
        "4611686018427387904", "9223372036854775807", "9223372036854775808", "16777216", "nan", "inf", "-inf", "1e999",
    ]

    /// Bytes that mean something to some reader: quotes, separators, line ends, NUL, invalid UTF-8, digits, signs.
    public static let specialBytes: [UInt8] = [0x22, 0x2C, 0x09, 0x0A, 0x0D, 0x00, 0xFF, 0xC3, 0x3A, 0x20, 0x2D, 0x2E, 0x30, 0x39, 0x23, 0x5F, 0x7B, 0x7D]

    /// A uniform integer in 0..<bound (bound ≥ 1).
    public mutating func int(below bound: Int) -> Int { random.int(below: max(bound, 1)) }

    /// An element of `items`.
    public mutating func pick<T>(_ items: [T]) -> T { items[int(below: items.count)] }

    /// 1–4 byte-level edits: flip, overwrite with a special byte, insert, delete, truncate, duplicate a span,
    /// or replace a run of digits by an extreme number.
    public mutating func mutate(_ input: [UInt8]) -> [UInt8] {
        var bytes = input
        for _ in 0..<(1 + int(below: 4)) {
            let at = int(below: bytes.count + 1)
            switch int(below: 7) {
            case 0: if at < bytes.count { bytes[at] ^= UInt8(1 << int(below: 8)) }
            case 1: if at < bytes.count { bytes[at] = pick(Self.specialBytes) }
            case 2: bytes.insert(pick(Self.specialBytes), at: at)
            case 3: if at < bytes.count { bytes.removeSubrange(at..<min(bytes.count, at + 1 + int(below: 8))) }
            case 4: if int(below: 4) == 0 { bytes = Array(bytes.prefix(at)) }
            case 5:
                let end = min(bytes.count, at + 1 + int(below: 64))
                if at < end { bytes.insert(contentsOf: bytes[at..<end], at: at) }
            default: bytes = replacingNumber(in: bytes, near: at)
            }
        }
        return bytes
    }

    /// Text edits for source lines: an extreme number for a number, a word from `words`, or byte edits.
    public mutating func mutate(line: String, words: [String]) -> String {
        var tokens = line.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
        guard !tokens.isEmpty else { return line }
        let at = int(below: tokens.count)
        switch int(below: 4) {
        case 0:
            let numbers = tokens.indices.filter { tokens[$0].contains(where: \.isNumber) }
            if !numbers.isEmpty {
                let numeric = pick(numbers)
                let token = tokens[numeric]
                if let eq = token.firstIndex(of: "=") { tokens[numeric] = token[...eq] + pick(Self.extremeNumbers) }
                else { tokens[numeric] = pick(Self.extremeNumbers) }
            }
        case 1: tokens[at] = pick(words)
        case 2: tokens.insert(pick(words) + (int(below: 2) == 0 ? "=" + pick(Self.extremeNumbers) : ""), at: at)
        default: return String(decoding: mutate(Array(line.utf8)), as: UTF8.self)
        }
        return tokens.joined(separator: " ")
    }

    private mutating func replacingNumber(in bytes: [UInt8], near at: Int) -> [UInt8] {
        guard let start = bytes[min(at, bytes.count)...].firstIndex(where: { (0x30...0x39).contains($0) }) else { return bytes }
        var end = start
        while end < bytes.count && ((0x30...0x39).contains(bytes[end]) || bytes[end] == 0x2E) { end += 1 }
        var out = bytes
        out.replaceSubrange(start..<end, with: Array(pick(Self.extremeNumbers).utf8))
        return out
    }
}
