/// Why a model or safetensors file could not be read or written; every case names the file.
public enum ModelFileError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The file could not be opened, read or written.
    case io(path: String, reason: String)
    /// The file ends before the data its header promises.
    case truncated(path: String, detail: String)
    /// The JSON header is not a valid safetensors header.
    case malformedHeader(path: String, detail: String)
    /// A tensor has a dtype other than F32.
    case unsupportedDType(path: String, tensor: String, dtype: String)
    /// A tensor's byte range is out of the data region, the wrong size, or overlaps another.
    case badOffsets(path: String, tensor: String, detail: String)
    /// A tensor's shape differs from what the model definition implies.
    case shapeMismatch(path: String, tensor: String, expected: [Int], got: [Int])
    /// A tensor the model needs is absent.
    case missingTensor(path: String, tensor: String)
    /// The model definition in `__metadata__` is missing or invalid.
    case badDefinition(path: String, detail: String)

    /// The file the error is about.
    public var path: String {
        switch self {
        case let .io(path, _), let .truncated(path, _), let .malformedHeader(path, _), let .unsupportedDType(path, _, _),
             let .badOffsets(path, _, _), let .shapeMismatch(path, _, _, _), let .missingTensor(path, _), let .badDefinition(path, _):
            return path
        }
    }

    public var description: String {
        func dims(_ s: [Int]) -> String { "[" + s.map(String.init).joined(separator: ", ") + "]" }
        switch self {
        case let .io(path, reason): return "\(path): \(reason)"
        case let .truncated(path, detail): return "\(path): truncated file: \(detail)"
        case let .malformedHeader(path, detail): return "\(path): malformed safetensors header: \(detail)"
        case let .unsupportedDType(path, tensor, dtype): return "\(path): tensor '\(tensor)' has dtype \(dtype); only F32 is supported"
        case let .badOffsets(path, tensor, detail): return "\(path): tensor '\(tensor)': \(detail)"
        case let .shapeMismatch(path, tensor, expected, got):
            return "\(path): tensor '\(tensor)' has shape \(dims(got)) but the model needs \(dims(expected))"
        case let .missingTensor(path, tensor): return "\(path): tensor '\(tensor)' is missing"
        case let .badDefinition(path, detail): return "\(path): model definition: \(detail)"
        }
    }
}
