/// A 64-bit hash of bytes (FNV-1a's step over 8-byte words, then the remaining bytes), for
/// checking that processes see the same script and data.
///
/// Not cryptographic: it catches a different file or argument, not a forgery. Word steps keep
/// it near memory speed on a tokenized dataset of gigabytes.
public struct Fingerprint: Sendable {
    /// The hash of everything added so far.
    public private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325
    private static let prime: UInt64 = 0x100_0000_01b3

    public init() {}

    /// Adds `count` bytes at `bytes`.
    public mutating func add(_ bytes: UnsafeRawPointer, count: Int) {
        var h = value
        let words = count / 8
        for i in 0..<words { h = (h ^ bytes.loadUnaligned(fromByteOffset: 8 * i, as: UInt64.self)) &* Self.prime }
        let p = bytes.assumingMemoryBound(to: UInt8.self)
        for i in 8 * words..<count { h = (h ^ UInt64(p[i])) &* Self.prime }
        value = h
    }

    /// Adds the UTF-8 bytes of `text` and a separator.
    public mutating func add(_ text: String) {
        var bytes = Array(text.utf8) + [0]
        add(&bytes, count: bytes.count)
    }
}
