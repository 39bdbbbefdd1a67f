import Foundation
import TensorCore

/// A numpy `.npy` array read into Float32: its shape, values and whether it held integers.
///
/// The format (numpy's `format.py`): the magic `\x93NUMPY`, a version byte pair,
/// a little-endian header length (2 bytes in version 1, 4 in 2 and 3), then a
/// Python dict literal such as `{'descr': '<i8', 'fortran_order': False, 'shape': (25000, 500), }`
/// and the raw data. Supported dtypes: bool, signed and unsigned integers of
/// 1–8 bytes, float32 and float64, either byte order, C or Fortran order.
/// Object arrays (pickles) are refused: loading never executes anything.
/// Integers beyond ±2²⁴ are refused because Float32 cannot hold them exactly.
public struct NpyArray: Sendable {
    /// The array's dimensions, outermost first.
    public var shape: [Int]
    /// The elements in C (row-major) order.
    public var values: Tensor
    /// Whether the dtype was bool or integer.
    public var isInteger: Bool

    /// Parses the bytes of one `.npy` file or `.npz` member.
    /// - Parameters:
    ///   - path: the file, for error messages.
    ///   - member: the `.npz` member name, for error messages.
    /// - Throws: `DataError.npy` naming the file (and member) for any malformed header or size mismatch.
    public static func parse(_ data: Data, path: String, member: String? = nil) throws -> NpyArray {
        func fail(_ reason: String) -> DataError { .npy(path: path, member: member, reason: reason) }
        let bytes = [UInt8](data)
        let magic: [UInt8] = [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59]
        guard bytes.count >= 10, Array(bytes[0..<6]) == magic else { throw fail("not a .npy array (no \\x93NUMPY magic)") }
        let major = bytes[6]
        let headerStart: Int, headerLength: Int
        switch major {
        case 1: headerStart = 10; headerLength = Int(bytes[8]) | Int(bytes[9]) << 8
        case 2, 3:
            guard bytes.count >= 12 else { throw fail("truncated header") }
            headerStart = 12
            headerLength = (0..<4).reduce(0) { $0 | Int(bytes[8 + $1]) << (8 * $1) }
        default: throw fail("unsupported .npy version \(major)")
        }
        guard headerStart + headerLength <= bytes.count else { throw fail("truncated header (\(headerLength) bytes declared)") }
        guard let header = String(bytes: bytes[headerStart..<(headerStart + headerLength)], encoding: .utf8) else {
            throw fail("header is not text")
        }
        let dict = try HeaderDict(header, fail: fail)
        let dtype = try DType(dict.descr, fail: fail)
        let count = dict.shape.reduce(1) { a, b in a.multipliedReportingOverflow(by: b).overflow ? Int.max : a * b }
        let dataStart = headerStart + headerLength
        let available = bytes.count - dataStart
        guard count != Int.max, count.multipliedReportingOverflow(by: dtype.size).overflow == false,
              count * dtype.size == available else {
            throw fail("header says shape \(dict.shape) of \(dict.descr) (\(count == Int.max ? "too many" : "\(count)") elements) but \(available) data bytes follow")
        }
        let tensor = Tensor(shape: [count])
        var tooLarge = false
        bytes.withUnsafeBufferPointer { all in
            for i in 0..<count {
                let v = dtype.value(all, at: dataStart + i * dtype.size)
                if dtype.isInteger && abs(v) > 16_777_216 { tooLarge = true }
                tensor.data[i] = Float(v)
            }
        }
        if tooLarge { throw fail("integer values beyond ±2^24 cannot be held exactly as Float32") }
        let values = dict.fortranOrder && dict.shape.count > 1 ? cOrder(tensor, shape: dict.shape) : tensor
        return NpyArray(shape: dict.shape, values: values, isInteger: dtype.isInteger)
    }

    /// The elements of a Fortran-ordered (column-major) array rearranged into C order.
    private static func cOrder(_ t: Tensor, shape: [Int]) -> Tensor {
        let out = Tensor(shape: [t.count])
        var fStrides = [Int](repeating: 1, count: shape.count)
        for d in 1..<shape.count { fStrides[d] = fStrides[d - 1] * shape[d - 1] }
        var index = [Int](repeating: 0, count: shape.count)
        for c in 0..<t.count {
            var f = 0
            for d in 0..<shape.count { f += index[d] * fStrides[d] }
            out.data[c] = t.data[f]
            var d = shape.count - 1
            while d >= 0 { index[d] += 1; if index[d] < shape[d] { break }; index[d] = 0; d -= 1 }
        }
        return out
    }

    /// The three keys of a `.npy` header dict.
    private struct HeaderDict {
        var descr: String
        var fortranOrder: Bool
        var shape: [Int]

        init(_ text: String, fail: (String) -> DataError) throws {
            func value(after key: String) throws -> Substring {
                guard let k = text.range(of: "'\(key)'") ?? text.range(of: "\"\(key)\""),
                      let colon = text[k.upperBound...].firstIndex(of: ":") else { throw fail("header has no '\(key)'") }
                return text[text.index(after: colon)...].drop(while: { $0 == " " })
            }
            let d = try value(after: "descr")
            guard let q = d.first, q == "'" || q == "\"", let end = d.dropFirst().firstIndex(of: q) else {
                throw fail("header 'descr' is not a string (structured dtypes are not supported)")
            }
            descr = String(d[d.index(after: d.startIndex)..<end])
            let f = try value(after: "fortran_order")
            if f.hasPrefix("True") { fortranOrder = true } else if f.hasPrefix("False") { fortranOrder = false } else {
                throw fail("header 'fortran_order' is neither True nor False")
            }
            let s = try value(after: "shape")
            guard s.first == "(", let close = s.firstIndex(of: ")") else { throw fail("header 'shape' is not a tuple") }
            let parts = s[s.index(after: s.startIndex)..<close].split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
                .filter { !$0.isEmpty }
            var dims: [Int] = []
            for p in parts {
                guard let n = Int(p.hasSuffix("L") ? String(p.dropLast()) : p), n >= 0 else { throw fail("header 'shape' has '\(p)'") }
                dims.append(n)
            }
            shape = dims
        }
    }

    /// A numeric dtype: kind (b, i, u, f), size in bytes, byte order.
    private struct DType {
        var kind: Character
        var size: Int
        var bigEndian: Bool
        var isInteger: Bool { kind != "f" }

        init(_ descr: String, fail: (String) -> DataError) throws {
            guard descr.count >= 3, let order = descr.first, "<>|=".contains(order),
                  let size = Int(descr.dropFirst(2)) else { throw fail("unsupported dtype '\(descr)'") }
            kind = descr[descr.index(after: descr.startIndex)]
            self.size = size
            bigEndian = order == ">"
            let ok: Bool
            switch kind {
            case "b": ok = size == 1
            case "i", "u": ok = [1, 2, 4, 8].contains(size)
            case "f": ok = size == 4 || size == 8
            case "O": throw fail("object arrays (pickled Python objects) are not supported; save integer or float arrays")
            default: ok = false
            }
            if !ok { throw fail("unsupported dtype '\(descr)'") }
        }

        func value(_ b: UnsafeBufferPointer<UInt8>, at offset: Int) -> Double {
            var bits: UInt64 = 0
            for k in 0..<size {
                let byte = UInt64(b[offset + (bigEndian ? size - 1 - k : k)])
                bits |= byte << (8 * UInt64(k))
            }
            switch kind {
            case "f": return size == 4 ? Double(Float(bitPattern: UInt32(bits))) : Double(bitPattern: bits)
            case "i":
                let shift = UInt64(64 - 8 * size)
                return Double(Int64(bitPattern: bits << shift) >> Int64(shift))
            default: return Double(bits)
            }
        }
    }
}
