/// What a Keras summary shows of one layer: name, type, output shape, count.
public struct SummaryRow: Equatable, Sendable {
    /// The Keras name, e.g. `lstm_1`.
    public var name: String
    /// The Keras class name, e.g. `LSTM`.
    public var typeName: String
    /// The per-sample output shape (nil = unknown length, printed `None`).
    public var outputShape: [Int?]
    /// The layer's parameter count.
    public var parameterCount: Int
    /// Whether the optimizer updates them (Keras counts the others as `Non-trainable params`).
    public var isTrainable = true

    /// A row with the given fields.
    public init(name: String, typeName: String, outputShape: [Int?], parameterCount: Int) {
        self.name = name
        self.typeName = typeName
        self.outputShape = outputShape
        self.parameterCount = parameterCount
    }
}

extension Sequential {
    /// The summary rows for sequence length `inputLength` (default: the model's), from specs only.
    /// - Throws: `ModelError` for an impossible stack.
    public func summaryRows(inputLength length: Int? = nil) throws -> [SummaryRow] {
        let shapes = try definition.inferShapes(inputLength: length ?? inputLength)
        let counts = try parameterCounts(inputLength: length)
        return layers.indices.map {
            var row = SummaryRow(name: layers[$0].name, typeName: layers[$0].typeName, outputShape: shapes[$0], parameterCount: counts[$0])
            row.isTrainable = Self.isTrainable(layers[$0])
            return row
        }
    }
}
