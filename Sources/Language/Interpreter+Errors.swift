import LabData
import NeuralNet

/// Library errors as diagnostics: the one place that decides their message
/// and the word of the statement their caret points at.
extension Interpreter {
    /// A diagnostic for an error a library threw while running `located`: a data or
    /// model-file error points at the path or the column it names, with the closest
    /// column as a hint.
    static func diagnostic(for error: Error, at located: LocatedCommand) -> Diagnostic {
        if let file = error as? ModelFileError {
            return Diagnostic(.runtime(file.description), at: located.location(ofWord: file.path))
        }
        guard let data = error as? DataError else { return Diagnostic(.runtime(describe(error)), at: located.location) }
        switch data {
        case let .missingColumn(path, column, available):
            return Diagnostic(.interpreter(.missingEntry(path: path, entry: "column", name: column, available: available)),
                              at: located.location(ofWord: column))
        case let .missingMember(path, member, available):
            return Diagnostic(.interpreter(.missingEntry(path: path, entry: "member", name: member, available: available)),
                              at: located.location(ofWord: member))
        case .fileNotFound(let path), .unreadable(let path, _), .emptyFile(let path), .headerOnly(let path),
             .binaryFile(let path), .malformed(let path, _, _), .noRows(let path, _), .npy(let path, _, _),
             .notZip(let path, _), .lengthMismatch(let path, _, _), .writeFailed(let path, _), .fileChanged(let path):
            return Diagnostic(.runtime(data.description), at: located.location(ofWord: path))
        case let .listedLabelAbsent(_, _, value, labels):
            let hint = Suggest.closest(to: value, in: labels).map { " — did you mean '\($0)'?" } ?? ""
            return Diagnostic(.runtime(data.description + hint), at: located.location(ofWord: value))
        case .invalidRequest, .streamNotSplittable, .streamNotVectorizable, .splitLoadedFromFile:
            return Diagnostic(.runtime(data.description), at: located.location)
        }
    }
}
