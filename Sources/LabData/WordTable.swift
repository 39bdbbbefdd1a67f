/// A hash table from words (UTF-8 byte strings) to dense ids in first-insertion order, with counts.
///
/// Words are compared byte for byte, as Python compares `str` keys: Swift's
/// `String` equality would merge canonically equivalent spellings (`é` and
/// `e` + U+0301) that Keras counts as two words. Open addressing with linear
/// probing over a power-of-two slot array; words live in one byte arena.
struct WordTable: Sendable {
    private var arena: [UInt8] = []
    private var starts: [Int] = [0]
    private var hashes: [UInt64] = []
    private var slots: [Int32] = Array(repeating: -1, count: 1024)
    /// The count of each word, by id.
    private(set) var counts: [Int] = []

    /// The number of distinct words.
    var count: Int { counts.count }

    static func hash(_ w: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in w { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        return h ^ (h >> 29)
    }

    /// The bytes of word `id`.
    func word(_ id: Int) -> ArraySlice<UInt8> { arena[starts[id]..<starts[id + 1]] }

    /// The word `id` as a String.
    func string(_ id: Int) -> String { String(decoding: word(id), as: UTF8.self) }

    private func matches(_ id: Int, _ w: UnsafeBufferPointer<UInt8>) -> Bool {
        let s = starts[id], e = starts[id + 1]
        guard e - s == w.count else { return false }
        return arena.withUnsafeBufferPointer { a in
            var i = 0
            while i < w.count { if a[s + i] != w[i] { return false }; i += 1 }
            return true
        }
    }

    /// The id of `w`, or nil.
    func find(_ w: UnsafeBufferPointer<UInt8>) -> Int? {
        let h = Self.hash(w)
        let mask = slots.count - 1
        var s = Int(truncatingIfNeeded: h) & mask
        while true {
            let id = Int(slots[s])
            if id < 0 { return nil }
            if hashes[id] == h && matches(id, w) { return id }
            s = (s + 1) & mask
        }
    }

    /// Adds `by` to the count of `w`, inserting it with the next id if new; returns its id.
    @discardableResult
    mutating func add(_ w: UnsafeBufferPointer<UInt8>, by n: Int = 1) -> Int {
        let h = Self.hash(w)
        var mask = slots.count - 1
        var s = Int(truncatingIfNeeded: h) & mask
        while true {
            let id = Int(slots[s])
            if id < 0 { break }
            if hashes[id] == h && matches(id, w) { counts[id] += n; return id }
            s = (s + 1) & mask
        }
        let id = counts.count
        arena.append(contentsOf: w)
        starts.append(arena.count)
        hashes.append(h)
        counts.append(n)
        if (id + 1) * 2 > slots.count {
            slots = Array(repeating: -1, count: slots.count * 2)
            mask = slots.count - 1
            for j in 0..<id { var t = Int(truncatingIfNeeded: hashes[j]) & mask; while slots[t] >= 0 { t = (t + 1) & mask }; slots[t] = Int32(j) }
            s = Int(truncatingIfNeeded: h) & mask
            while slots[s] >= 0 { s = (s + 1) & mask }
        }
        slots[s] = Int32(id)
        return id
    }

    /// Adds `w` (as UTF-8) to the table.
    @discardableResult
    mutating func add(_ w: String, by n: Int = 1) -> Int {
        var w = w
        return w.withUTF8 { add($0, by: n) }
    }

    /// Adds every word of `other` with its count, in `other`'s order (merging per-thread tables);
    /// returns, for each id of `other`, the word's id here.
    @discardableResult
    mutating func merge(_ other: WordTable) -> [Int32] {
        other.arena.withUnsafeBufferPointer { a in
            (0..<other.count).map { id in
                Int32(add(UnsafeBufferPointer(rebasing: a[other.starts[id]..<other.starts[id + 1]]), by: other.counts[id]))
            }
        }
    }
}
