/// Hands out Keras 2 layer names, numbered per kind across a session.
///
/// Keras 2 keeps one counter per name prefix for the whole Python session:
/// the first model's embedding is `embedding_1`, the next model's is
/// `embedding_2`. The session owns one namer (a value) and passes it `inout`
/// to every model it creates; summaries and model files use these names.
public struct LayerNamer: Sendable, Equatable {
    private var counts: [String: Int] = [:]

    /// A namer whose every prefix starts at 1.
    public init() {}

    /// The next name for `prefix`: `lstm` → `lstm_1`, then `lstm_2`, …
    public mutating func nextName(for prefix: String) -> String {
        let n = (counts[prefix] ?? 0) + 1
        counts[prefix] = n
        return "\(prefix)_\(n)"
    }
}
