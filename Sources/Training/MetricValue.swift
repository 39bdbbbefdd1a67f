/// One named metric value, as a history key and its number: `loss` 0.3348, `val_accuracy` 0.9130.
///
/// Values are Float, as Keras's metric tensors are. In JSON a finite value is a number and a
/// non-finite one the string `"NaN"`, `"Infinity"` or `"-Infinity"`, so a diverged run still saves.
public struct MetricValue: Codable, Equatable, Sendable {
    /// The Keras history key: `loss`, `accuracy`, …, `val_loss`, `val_accuracy`, ….
    public var name: String
    /// The value.
    public var value: Float

    /// A value named by its history key.
    public init(_ name: String, _ value: Float) {
        self.name = name
        self.value = value
    }

    /// The same value under the validation key `val_<name>`.
    public var validation: MetricValue { MetricValue("val_" + name, value) }

    /// Whether the key names a validation value (`val_` prefix).
    public var isValidation: Bool { name.hasPrefix("val_") }

    private enum CodingKeys: String, CodingKey { case name, value }

    /// Decodes `{"name": …, "value": number | "NaN" | "Infinity" | "-Infinity"}`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decode(String.self, forKey: .name)
        if let number = try? container.decode(Float.self, forKey: .value) {
            value = number
            return
        }
        let text = try container.decode(String.self, forKey: .value)
        switch text {
        case "NaN": value = .nan
        case "Infinity": value = .infinity
        case "-Infinity": value = -.infinity
        default:
            throw DecodingError.dataCorruptedError(forKey: .value, in: container,
                                                   debugDescription: "metric value '\(text)' is neither a number nor NaN/Infinity/-Infinity")
        }
    }

    /// Encodes finite values as numbers and non-finite ones as strings.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        if value.isFinite {
            try container.encode(value, forKey: .value)
        } else {
            try container.encode(value.isNaN ? "NaN" : (value > 0 ? "Infinity" : "-Infinity"), forKey: .value)
        }
    }
}

extension Array where Element == MetricValue {
    /// The value under `name`, or nil when absent.
    public func value(of name: String) -> Float? { first { $0.name == name }?.value }
}
