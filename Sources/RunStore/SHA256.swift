import Foundation

/// SHA-256 (FIPS 180-4), for content hashes of data files and scripts: a run's data is
/// identified by what the files hold, not by their names or times.
public struct SHA256 {
    private var state = SIMD8<UInt32>(0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19)
    private var buffer: [UInt8] = []
    private var length: UInt64 = 0

    private static let k: [UInt32] = [
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
        0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
        0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
        0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
        0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
        0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
        0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
    ]

    public init() {}

    /// The hex digest of `bytes`.
    public static func hex(_ bytes: [UInt8]) -> String {
        var h = SHA256()
        h.update(bytes)
        return h.hexDigest()
    }

    /// Adds bytes to the message.
    public mutating func update(_ bytes: some Collection<UInt8>) {
        length &+= UInt64(bytes.count)
        let data = Array(bytes)
        data.withUnsafeBufferPointer { p in
            guard let base = p.baseAddress else { return }
            var i = 0
            if !buffer.isEmpty {
                let take = min(64 - buffer.count, p.count)
                buffer.append(contentsOf: p[0..<take])
                i = take
                guard buffer.count == 64 else { return }
                buffer.withUnsafeBufferPointer { compress($0.baseAddress!) }
                buffer.removeAll(keepingCapacity: true)
            }
            while p.count - i >= 64 {
                compress(base + i)
                i += 64
            }
            buffer.append(contentsOf: p[i...])
        }
    }

    /// The digest as 64 lower-case hex digits (the hasher is spent).
    public mutating func hexDigest() -> String {
        let bits = length &* 8
        var tail = buffer
        tail.append(0x80)
        while tail.count % 64 != 56 { tail.append(0) }
        for i in (0..<8).reversed() { tail.append(UInt8(truncatingIfNeeded: bits >> (UInt64(i) * 8))) }
        tail.withUnsafeBufferPointer { p in
            for start in stride(from: 0, to: p.count, by: 64) { compress(p.baseAddress! + start) }
        }
        buffer = []
        return (0..<8).map { String(format: "%08x", state[$0]) }.joined()
    }

    /// One 64-byte block.
    private mutating func compress(_ block: UnsafePointer<UInt8>) {
        state = SHA256.compress(block, state)
    }

    private static func compress(_ block: UnsafePointer<UInt8>, _ state: SIMD8<UInt32>) -> SIMD8<UInt32> {
        withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 64) { w in
            for i in 0..<16 {
                let o = i * 4
                w[i] = UInt32(block[o]) << 24 | UInt32(block[o + 1]) << 16 | UInt32(block[o + 2]) << 8 | UInt32(block[o + 3])
            }
            for i in 16..<64 {
                let s0 = w[i - 15].rotatedRight(7) ^ w[i - 15].rotatedRight(18) ^ (w[i - 15] >> 3)
                let s1 = w[i - 2].rotatedRight(17) ^ w[i - 2].rotatedRight(19) ^ (w[i - 2] >> 10)
                w[i] = w[i - 16] &+ s0 &+ w[i - 7] &+ s1
            }
            var (a, b, c, d, e, f, g, h) = (state[0], state[1], state[2], state[3], state[4], state[5], state[6], state[7])
            SHA256.k.withUnsafeBufferPointer { k in
                for i in 0..<64 {
                    let t1 = h &+ (e.rotatedRight(6) ^ e.rotatedRight(11) ^ e.rotatedRight(25)) &+ ((e & f) ^ (~e & g)) &+ k[i] &+ w[i]
                    let t2 = (a.rotatedRight(2) ^ a.rotatedRight(13) ^ a.rotatedRight(22)) &+ ((a & b) ^ (a & c) ^ (b & c))
                    (h, g, f, e, d, c, b, a) = (g, f, e, d &+ t1, c, b, a, t1 &+ t2)
                }
            }
            return state &+ SIMD8(a, b, c, d, e, f, g, h)
        }
    }
}

extension UInt32 {
    /// The bits rotated right by `n` (0 < n < 32).
    @inline(__always) func rotatedRight(_ n: UInt32) -> UInt32 { self >> n | self << (32 - n) }
}

/// Content hashes of the files a run read.
public enum ContentHash {
    /// The hash of a file, or of a folder (every regular file below it, by relative path in
    /// byte order: its path, a NUL, its contents); `missing` when the path cannot be read.
    public static func of(path: String) -> DataFile {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
            return DataFile(path: path, sha256: "missing", bytes: 0)
        }
        var hasher = SHA256()
        var bytes = 0
        func add(_ file: String) -> Bool {
            guard let handle = FileHandle(forReadingAtPath: file) else { return false }
            defer { try? handle.close() }
            while let chunk = try? handle.read(upToCount: 1 << 20), !chunk.isEmpty {
                hasher.update(chunk)
                bytes += chunk.count
            }
            return true
        }
        if isFolder.boolValue {
            let files = (FileManager.default.enumerator(atPath: path)?.allObjects as? [String] ?? [])
                .filter { var d: ObjCBool = false; return FileManager.default.fileExists(atPath: path + "/" + $0, isDirectory: &d) && !d.boolValue }
                .sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
            for file in files {
                hasher.update(Array(file.utf8) + [0])
                guard add(path + "/" + file) else { return DataFile(path: path, sha256: "missing", bytes: 0) }
            }
        } else if !add(path) {
            return DataFile(path: path, sha256: "missing", bytes: 0)
        }
        return DataFile(path: path, sha256: hasher.hexDigest(), bytes: bytes)
    }
}
