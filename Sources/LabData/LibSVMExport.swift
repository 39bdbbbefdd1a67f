import Foundation
import TensorCore

/// `export NAME.split to "f.svm" [chunks=N]`: a dataset's features as libsvm rows, `label idx:value …`.
///
/// The label is the row's target (0/1, or the class index); `idx` is the column + 1
/// (scikit-learn's `dump_svmlight_file(zero_based=False)`), zeros left out, values in the
/// shortest text that reads back as the same Float. With `chunks` the rows are cut in
/// order into N near-equal parts, part k written to the path with `%02d` (or `%d`, `%03d`, …)
/// replaced by k (from 0). Every file is written atomically (temp file + rename).
public enum LibSVMExport {
    /// The most files one export writes.
    public static let maxChunks = 10_000

    /// Whether `path` names a libsvm file (`.svm`, `.libsvm`, `.svmlight`).
    public static func isLibSVMPath(_ path: String) -> Bool {
        let lower = path.lowercased()
        return [".svm", ".libsvm", ".svmlight"].contains { lower.hasSuffix($0) }
    }

    /// The paths `write` makes: `path` itself, or with `chunks` one path per part.
    /// - Throws: `DataError.invalidRequest` when `chunks` is given and the path has no single `%…d`, or is outside 1…`maxChunks`.
    public static func paths(_ path: String, chunks: Int?) throws -> [String] {
        guard let chunks else { return [path] }
        guard chunks >= 1 && chunks <= maxChunks else {
            throw DataError.invalidRequest(reason: "chunks= must lie in 1…\(NumberFormat.grouped(maxChunks)) (got \(chunks))")
        }
        let pattern = try NSRegularExpression(pattern: "%(0[1-9])?d")
        let matches = pattern.matches(in: path, range: NSRange(path.startIndex..., in: path))
        guard matches.count == 1, path.replacingOccurrences(of: "%%", with: "").filter({ $0 == "%" }).count == 1 else {
            throw DataError.invalidRequest(reason: "\(path): chunks=\(chunks) needs one %02d in the path for the chunk number")
        }
        let spec = String(path[Range(matches[0].range, in: path)!])
        return (0..<chunks).map { path.replacingOccurrences(of: spec, with: String(format: spec, $0)) }
    }

    /// Writes `dataset` (sparse rows, or dense array features) to `path`, or in `chunks` parts.
    /// - Returns: the paths written.
    /// - Throws: `DataError.invalidRequest` for text that is not vectorized or bad `chunks`,
    ///   `.writeFailed` when a file cannot be written.
    @discardableResult
    public static func write(dataset: Dataset, to path: String, chunks: Int? = nil) throws -> [String] {
        let rows: (Int) -> [(column: Int, value: Float)]
        if let x = dataset.sparseInputs {
            rows = x.row
        } else if dataset.texts == nil, let x = dataset.inputs, x.shape.count == 2 {
            let d = x.shape[1]
            rows = { r in (0..<d).compactMap { k in x.data[r * d + k] == 0 ? nil : (k, x.data[r * d + k]) } }
        } else {
            throw DataError.invalidRequest(reason: "\(dataset.source) has no features to write as libsvm: vectorize it first")
        }
        let targets = try paths(path, chunks: chunks)
        let n = dataset.count
        let tWidth = dataset.targets.count / Swift.max(n, 1)
        for (k, target) in targets.enumerated() {
            var bytes: [UInt8] = []
            for r in Parallel.piece(k, of: targets.count, count: n) {
                bytes.append(contentsOf: number(dataset.targets.data[r * tWidth]).utf8)
                for (c, v) in rows(r) {
                    bytes.append(32)
                    bytes.append(contentsOf: "\(c + 1):\(number(v))".utf8)
                }
                bytes.append(10)
            }
            do {
                try AtomicFile.write(bytes, to: target)
            } catch let error as FileWriteError {
                throw DataError.writeFailed(path: target, reason: error.description)
            }
        }
        return targets
    }

    /// `3` for whole numbers, else the shortest round-tripping text (`0.25`, `1e-05`).
    private static func number(_ v: Float) -> String {
        v == v.rounded() && abs(v) < 1e9 ? String(Int(v)) : String(v)
    }
}
