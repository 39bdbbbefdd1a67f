/// Which end of a sequence `pad_sequences` pads or truncates (Keras's `'pre'`/`'post'`).
public enum SequenceEnd: String, CaseIterable, Sendable {
    case pre, post
}
