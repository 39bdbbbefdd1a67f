import Foundation
import TensorCore
import ZIPFoundation

/// Reads numpy `.npz` archives (zip files of `.npy` members) and single `.npy` arrays.
///
/// `x=` names the inputs member and `y=` the labels member (without `.npy`).
/// Defaults: `x`, `x_train` or `X` if present, else the first member; `y`,
/// `y_train` or `Y` if present, else the second member (so seed 001's `a,b,c,d`
/// gives x=a, y=b). Inputs become [N, D] (1-D arrays [N, 1]; higher ranks are
/// flattened per row). Labels [N] or [N, 1] are mapped like text labels
/// (0/1 as is, integer classes as indices); one-hot [N, K] labels become class
/// indices. A lone `.npy` has no labels.
enum NumpyReader {
    /// Reads an `.npz` archive.
    /// - Throws: `DataError.notZip` for a truncated or non-zip file, `.missingMember`, `.npy`, `.lengthMismatch`.
    static func readNpz(path: String, options: LoadOptions) throws -> Dataset {
        _ = try FileBytes.read(path)
        let archive: Archive
        do { archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .read) } catch {
            throw DataError.notZip(path: path, reason: "no zip directory found (truncated, or not a zip file)")
        }
        let entries = Array(archive).filter { $0.type == .file }
        let members = entries.map { $0.path.hasSuffix(".npy") ? String($0.path.dropLast(4)) : $0.path }
        guard !members.isEmpty else { throw DataError.notZip(path: path, reason: "the archive holds no arrays") }
        func pick(_ given: String?, _ defaults: [String], fallback: Int) throws -> String? {
            if let given {
                guard members.contains(given) else { throw DataError.missingMember(path: path, member: given, available: members) }
                return given
            }
            return defaults.first(where: members.contains) ?? (fallback < members.count ? members[fallback] : nil)
        }
        guard let xName = try pick(options.xMember, ["x", "x_train", "X", "X_train"], fallback: 0) else {
            throw DataError.notZip(path: path, reason: "the archive holds no arrays")
        }
        var yName = try pick(options.yMember, ["y", "y_train", "Y", "Y_train"], fallback: 1)
        if yName == xName && options.yMember == nil { yName = members.first { $0 != xName } }
        func load(_ name: String) throws -> NpyArray {
            let entry = entries[members.firstIndex(of: name)!]
            var data = Data()
            let crc: CRC32
            do { crc = try archive.extract(entry, skipCRC32: false) { data.append($0) } } catch {
                throw DataError.npy(path: path, member: name, reason: "cannot extract the member (truncated or corrupt archive)")
            }
            // This form of `extract` computes the CRC but leaves the comparison to the caller.
            guard crc == entry.checksum else {
                throw DataError.npy(path: path, member: name, reason: "CRC mismatch: the member is corrupt")
            }
            return try NpyArray.parse(data, path: path, member: name)
        }
        let x = try load(xName)
        let y = try yName.map(load)
        if let y, let yName { try checkLabels(y, path: path, member: yName) }
        return try make(path: path, x: x, y: y, options: options)
    }

    /// Reads a lone `.npy` array as unlabeled inputs.
    /// - Throws: `DataError.npy` for a malformed array.
    static func readNpy(path: String, options: LoadOptions) throws -> Dataset {
        let x = try NpyArray.parse(try FileBytes.read(path), path: path)
        return try make(path: path, x: x, y: nil, options: options)
    }

    private static func make(path: String, x: NpyArray, y: NpyArray?, options: LoadOptions) throws -> Dataset {
        guard let n = x.shape.first, n > 0 else { throw DataError.npy(path: path, member: nil, reason: "the inputs array is empty") }
        let rows = min(n, options.limit ?? n)
        let width = x.values.count / n
        // Shape (N, 0) holds no data bytes whatever N is, so N can claim billions of rows.
        guard width > 0 else {
            throw DataError.npy(path: path, member: nil, reason: "the inputs array has shape (\(x.shape.map(String.init).joined(separator: ", "))): "
                                + "no features in a row")
        }
        let inputs = Tensor(shape: [rows, width])
        inputs.data.update(from: x.values.data, count: rows * width)
        var labels: [String]
        var mapping: LabelMapping
        if let y {
            guard y.shape.first == n else { throw DataError.lengthMismatch(path: path, inputs: n, labels: y.shape.first ?? 0) }
            labels = labelStrings(y).prefix(rows).map { $0 }
            mapping = try LabelMapping.checked(values: Set(labels), positive: options.positive, negative: options.negative, path: path)
        } else {
            labels = Array(repeating: "", count: rows)
            mapping = LabelMapping(kind: .unlabeled)
        }
        return try ArrayDataset.make(source: path, inputs: inputs, labels: labels, lines: Array(repeating: 0, count: rows),
                                     mapping: mapping, report: DropReport())
    }

    /// Labels are [N], [N, 1] or one-hot [N, K ≥ 2], every value finite: anything else would
    /// become made-up classes ("nan", or class 0 for every row).
    /// - Throws: `DataError.npy` naming the labels member.
    private static func checkLabels(_ y: NpyArray, path: String, member: String) throws {
        guard y.shape.count <= 2, y.shape.count < 2 || y.shape[1] >= 1 else {
            throw DataError.npy(path: path, member: member, reason: "labels have shape (\(y.shape.map(String.init).joined(separator: ", "))); "
                                + "expected (N,), (N, 1) or one-hot (N, K)")
        }
        for i in 0..<y.values.count where !y.values.data[i].isFinite {
            let k = max(y.values.count / max(y.shape.first ?? 1, 1), 1)
            throw DataError.npy(path: path, member: member, reason: "label of row \(i / k) is \(y.values.data[i]), not a finite number")
        }
    }

    /// Each row's label as text: integers without a fraction, one-hot rows as their class index.
    private static func labelStrings(_ y: NpyArray) -> [String] {
        let n = y.shape.first ?? 0
        let k = n == 0 ? 0 : y.values.count / n
        return (0..<n).map { r in
            if k == 1 {
                let v = y.values.data[r]
                return v == v.rounded() && abs(v) < 1e9 ? String(Int(v)) : String(v)
            }
            var best = 0
            for j in 1..<max(k, 1) where y.values.data[r * k + j] > y.values.data[r * k + best] { best = j }
            return String(best)
        }
    }
}
