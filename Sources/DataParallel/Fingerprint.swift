/// A 64-bit FNV-1a hash of bytes, for checking that processes see the same script and data.
///
/// Not cryptographic: it catches a different file or argument, not a forgery.
public struct Fingerprint: Sendable {
    /// The hash of everything added so far.
    public private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    public init() {}

    /// Adds `count` bytes at `bytes`.
    public mutating func add(_ bytes: UnsafeRawPointer, count: Int) {
        let p = bytes.assumingMemoryBound(to: UInt8.self)
        var h = value
        for i in 0..<count { h = (h ^ UInt64(p[i])) &* 0x100_0000_01b3 }
        value = h
    }

    /// Adds the UTF-8 bytes of `text` and a separator.
    public mutating func add(_ text: String) {
        var bytes = Array(text.utf8) + [0]
        add(&bytes, count: bytes.count)
    }
}
