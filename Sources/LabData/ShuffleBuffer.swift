import TensorCore

/// tf.data's `Dataset.shuffle(buffer_size)` over a stream: the first `capacity` elements fill
/// the buffer; from then on each new element takes the place of one drawn uniformly from the
/// buffer, which goes out; when the stream ends the rest go out in random order.
///
/// Memory is `capacity` elements whatever the stream's length. A capacity of 1 keeps the
/// stream's order; a capacity at least the stream's length is a uniform shuffle. The draws come
/// from a generator seeded with `seed`, so the same seed gives the same order.
public struct ShuffleBuffer<Element> {
    /// The most elements held.
    public let capacity: Int
    private var items: [Element] = []
    private var rng: RandomGenerator

    /// An empty buffer of `capacity` ≥ 1 elements.
    public init(capacity: Int, seed: UInt64) {
        precondition(capacity >= 1, "ShuffleBuffer: capacity \(capacity)")
        self.capacity = capacity
        rng = RandomGenerator(seed: seed)
    }

    /// Takes `element`; once the buffer is full, returns the element it replaces (drawn uniformly).
    public mutating func push(_ element: Element) -> Element? {
        guard items.count == capacity else { items.append(element); return nil }
        let i = rng.int(below: capacity)
        let out = items[i]
        items[i] = element
        return out
    }

    /// Takes out one element drawn uniformly from those left, or nil when empty (after the stream ends).
    public mutating func drain() -> Element? {
        guard !items.isEmpty else { return nil }
        let i = rng.int(below: items.count)
        items.swapAt(i, items.count - 1)
        return items.removeLast()
    }
}
