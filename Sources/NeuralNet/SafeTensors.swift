import Foundation
import TensorCore

/// Named F32 tensors plus string metadata in the safetensors format.
///
/// Layout: 8-byte little-endian header length H, H bytes of JSON
/// (`{"__metadata__": {…}, "name": {"dtype": "F32", "shape": […], "data_offsets": [b, e]}, …}`,
/// padded with spaces to a multiple of 8), then the raw little-endian data.
/// Python's `safetensors` loads these files. Reading validates everything
/// (header length against file size, JSON shape, dtypes, offsets in range, sized
/// to their shapes, tiling the data region without overlap) and executes nothing.
public struct SafeTensors {
    /// The tensors in file order (writing keeps this order).
    public var tensors: [(name: String, tensor: Tensor)]
    /// The `__metadata__` string map.
    public var metadata: [String: String]

    /// Largest header accepted (as Python's safetensors: 100 MB).
    public static let maximumHeaderSize = 100_000_000

    /// A collection to write.
    public init(tensors: [(name: String, tensor: Tensor)], metadata: [String: String] = [:]) {
        self.tensors = tensors
        self.metadata = metadata
    }

    /// The tensor called `name`, if present.
    public subscript(name: String) -> Tensor? { tensors.first { $0.name == name }?.tensor }

    /// Writes atomically through `AtomicFile` (temporary file, fsync, rename).
    /// - Parameter beforeRename: a hook for crash tests; see `AtomicFile.write(to:beforeRename:_:)`.
    /// - Throws: `ModelFileError.io` naming the path.
    public func write(to path: String, beforeRename: () throws -> Void = {}) throws {
        var entries: [String] = []
        if !metadata.isEmpty {
            let pairs = metadata.keys.sorted().map { "\(SafeTensors.quote($0)):\(SafeTensors.quote(metadata[$0]!))" }
            entries.append("\"__metadata__\":{" + pairs.joined(separator: ",") + "}")
        }
        var offset = 0
        for (name, t) in tensors {
            let bytes = t.count * 4
            entries.append("\(SafeTensors.quote(name)):{\"dtype\":\"F32\",\"shape\":[\(t.shape.map(String.init).joined(separator: ","))],\"data_offsets\":[\(offset),\(offset + bytes)]}")
            offset += bytes
        }
        var header = Array(("{" + entries.joined(separator: ",") + "}").utf8)
        while header.count % 8 != 0 { header.append(0x20) }
        var length = UInt64(header.count).littleEndian
        do {
            try AtomicFile.write(to: path, beforeRename: beforeRename) { sink in
                try sink.write(&length, count: 8)
                try sink.write(header)
                for (_, t) in tensors where t.count > 0 { try sink.write(t.data, count: t.count * 4) }
            }
        } catch let error as FileWriteError {
            throw ModelFileError.io(path: path, reason: error.description)
        }
    }

    /// Reads and validates a file.
    /// - Throws: `ModelFileError` naming the path for every defect.
    public static func read(from path: String) throws -> SafeTensors {
        // Asked before `open`: opening a named pipe blocks until a writer appears.
        switch FileKind.of(path) {
        case .regular, .missing: break
        case .directory: throw ModelFileError.io(path: path, reason: "is a directory, not a model file")
        case .other(let kind): throw ModelFileError.io(path: path, reason: "is \(kind), not a regular file")
        }
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw ModelFileError.io(path: path, reason: String(cString: strerror(errno))) }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw ModelFileError.io(path: path, reason: String(cString: strerror(errno))) }
        let fileSize = Int(st.st_size)
        guard fileSize >= 8 else { throw ModelFileError.truncated(path: path, detail: "\(fileSize) bytes, shorter than the 8-byte header length") }
        var rawLength: UInt64 = 0
        guard readAll(fd, &rawLength, 8, at: 0) else { throw ModelFileError.io(path: path, reason: "cannot read header length") }
        let headerLength = UInt64(littleEndian: rawLength)
        guard headerLength <= UInt64(maximumHeaderSize) else {
            throw ModelFileError.malformedHeader(path: path, detail: "header length \(headerLength) exceeds \(maximumHeaderSize) bytes")
        }
        guard Int(headerLength) <= fileSize - 8 else {
            throw ModelFileError.truncated(path: path, detail: "header length \(headerLength) but only \(fileSize - 8) bytes follow")
        }
        var header = [UInt8](repeating: 0, count: Int(headerLength))
        guard readAll(fd, &header, header.count, at: 8) else { throw ModelFileError.io(path: path, reason: "cannot read header") }
        let dataStart = 8 + Int(headerLength), dataSize = fileSize - dataStart
        let entries = try parseHeader(header, path: path)
        var result = SafeTensors(tensors: [], metadata: entries.metadata)
        var claimed: [(begin: Int, end: Int, name: String)] = []
        for e in entries.tensors {
            guard e.dtype == "F32" else { throw ModelFileError.unsupportedDType(path: path, tensor: e.name, dtype: e.dtype) }
            let elements = e.shape.reduce(1) { $0.multipliedReportingOverflow(by: $1).overflow ? Int.max : $0 * $1 }
            guard e.begin <= e.end, e.end <= dataSize else {
                throw ModelFileError.badOffsets(path: path, tensor: e.name, detail: "data_offsets [\(e.begin), \(e.end)] outside the \(dataSize)-byte data region")
            }
            guard elements < Int.max / 4, e.end - e.begin == elements * 4 else {
                throw ModelFileError.badOffsets(path: path, tensor: e.name, detail: "\(e.end - e.begin) bytes for shape \(e.shape) (needs \(elements) × 4)")
            }
            claimed.append((e.begin, e.end, e.name))
        }
        claimed.sort { ($0.begin, $0.end) < ($1.begin, $1.end) }
        var covered = 0
        for c in claimed {
            guard c.begin >= covered else {
                throw ModelFileError.badOffsets(path: path, tensor: c.name, detail: "data_offsets overlap another tensor")
            }
            guard c.begin == covered else {
                throw ModelFileError.badOffsets(path: path, tensor: c.name, detail: "gap before data_offsets [\(c.begin), \(c.end)]")
            }
            covered = c.end
        }
        guard covered == dataSize else {
            throw ModelFileError.badOffsets(path: path, tensor: claimed.last?.name ?? "(none)", detail: "\(dataSize - covered) bytes after the last tensor")
        }
        for e in entries.tensors {
            let t = Tensor(shape: e.shape)
            guard t.count == 0 || readAll(fd, t.data, t.count * 4, at: dataStart + e.begin) else {
                throw ModelFileError.truncated(path: path, detail: "tensor '\(e.name)' could not be read")
            }
            result.tensors.append((e.name, t))
        }
        return result
    }

    private struct Entry { var name: String; var dtype: String; var shape: [Int]; var begin: Int; var end: Int }

    private static func parseHeader(_ header: [UInt8], path: String) throws -> (metadata: [String: String], tensors: [Entry]) {
        func bad(_ detail: String) -> ModelFileError { .malformedHeader(path: path, detail: detail) }
        guard let json = try? JSONSerialization.jsonObject(with: Data(header)), let top = json as? [String: Any] else {
            throw bad("not a JSON object")
        }
        var metadata: [String: String] = [:]
        var tensors: [Entry] = []
        for (key, value) in top {
            if key == "__metadata__" {
                guard let map = value as? [String: Any] else { throw bad("__metadata__ is not an object") }
                for (k, v) in map {
                    guard let s = v as? String else { throw bad("__metadata__ value for '\(k)' is not a string") }
                    metadata[k] = s
                }
                continue
            }
            guard let info = value as? [String: Any], let dtype = info["dtype"] as? String,
                  let shape = info["shape"] as? [Any], let offsets = info["data_offsets"] as? [Any], offsets.count == 2 else {
                throw bad("tensor '\(key)' needs dtype, shape and two data_offsets")
            }
            let dims = try shape.map { d -> Int in
                guard let n = d as? NSNumber, let i = Int(exactly: n.doubleValue), i >= 0 else { throw bad("tensor '\(key)' has an invalid dimension") }
                return i
            }
            let ends = try offsets.map { d -> Int in
                guard let n = d as? NSNumber, let i = Int(exactly: n.doubleValue), i >= 0 else { throw bad("tensor '\(key)' has an invalid offset") }
                return i
            }
            tensors.append(Entry(name: key, dtype: dtype, shape: dims, begin: ends[0], end: ends[1]))
        }
        tensors.sort { $0.begin < $1.begin || ($0.begin == $1.begin && $0.name < $1.name) }
        return (metadata, tensors)
    }

    /// A JSON string literal.
    static func quote(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if u.value < 0x20 { out += String(format: "\\u%04x", u.value) } else { out.unicodeScalars.append(u) }
            }
        }
        return out + "\""
    }

    private static func readAll(_ fd: Int32, _ p: UnsafeMutableRawPointer, _ n: Int, at offset: Int) -> Bool {
        var done = 0
        while done < n {
            let r = pread(fd, p + done, min(n - done, 1 << 30), off_t(offset + done))
            if r < 0 && errno == EINTR { continue }
            guard r > 0 else { return false }
            done += r
        }
        return true
    }
}
