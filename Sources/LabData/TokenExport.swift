import Foundation
import TensorCore

/// `export NAME.split to "f.csv"`: padded token ids as CSV, header `label,t1..tT`, one row per sample.
public enum TokenExport {
    /// Writes `dataset`'s targets and padded inputs to `path` atomically (a temp file renamed into place).
    ///
    /// The label column holds the target (0/1 or the class index); `t1…tT` the
    /// ids of `inputs` [N, T] as integers.
    /// - Throws: `DataError.invalidRequest` before tokenizing, `.writeFailed` when the file cannot be written.
    public static func write(dataset: Dataset, to path: String) throws {
        guard let x = dataset.inputs, x.shape.count == 2 else {
            throw DataError.invalidRequest(reason: dataset.sparseInputs != nil
                ? "\(dataset.source) holds sparse features, not token ids: export them to a .svm file (libsvm)"
                : "\(dataset.source) has no token ids yet: tokenize it first")
        }
        let n = dataset.count, t = x.shape[1]
        let tWidth = dataset.targets.count / Swift.max(n, 1)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(n * (t * 4 + 4) + t * 6)
        bytes.append(contentsOf: Array("label".utf8))
        for k in stride(from: 1, through: t, by: 1) { bytes.append(contentsOf: Array(",t\(k)".utf8)) }
        bytes.append(10)
        func appendNumber(_ v: Float) {
            if v == v.rounded() && abs(v) < 1e15 { bytes.append(contentsOf: Array(String(Int(v)).utf8)) }
            else { bytes.append(contentsOf: Array(String(v).utf8)) }
        }
        for i in 0..<n {
            appendNumber(dataset.targets.data[i * tWidth])
            for k in 0..<t { bytes.append(44); appendNumber(x.data[i * t + k]) }
            bytes.append(10)
        }
        do {
            try AtomicFile.write(bytes, to: path)
        } catch let error as FileWriteError {
            throw DataError.writeFailed(path: path, reason: error.description)
        }
    }
}
