/// Builds a layer list from a block, one layer per line:
/// `Sequential { Embedding(5000, 32); LSTM(100); Dense(1, activation: .sigmoid) }`.
@resultBuilder
public enum LayerBuilder {
    public static func buildExpression(_ layer: any Layer) -> [any Layer] { [layer] }
    public static func buildBlock(_ parts: [any Layer]...) -> [any Layer] { parts.flatMap { $0 } }
    public static func buildOptional(_ part: [any Layer]?) -> [any Layer] { part ?? [] }
    public static func buildEither(first part: [any Layer]) -> [any Layer] { part }
    public static func buildEither(second part: [any Layer]) -> [any Layer] { part }
    public static func buildArray(_ parts: [[any Layer]]) -> [any Layer] { parts.flatMap { $0 } }
}
