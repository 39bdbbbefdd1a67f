/// Why data-parallel training cannot start or go on.
public enum DataParallelError: Error, Equatable, CustomStringConvertible {
    /// `mpirun` launched lab, but Open MPI's library cannot be used.
    case mpiUnavailable(String)
    /// An MPI call returned an error code.
    case callFailed(call: String, code: Int32)
    /// The processes do not agree on `what` (script, data, weights): each rank's fingerprint, by rank.
    case ranksDisagree(what: String, fingerprints: [UInt64])

    /// Fewer `rows` (of the data, or of a batch) than processes: some process would get none.
    case tooFewRows(what: String, rows: Int, processes: Int)
    /// Fewer chunk files than processes, each of which reads whole files of its own.
    case tooFewChunks(files: Int, processes: Int)

    public var description: String {
        switch self {
        case .mpiUnavailable(let reason): return "data-parallel run: \(reason)"
        case let .callFailed(call, code): return "data-parallel run: \(call) failed with MPI error \(code)"
        case let .tooFewRows(what, rows, processes):
            return "data-parallel run: \(what) has \(rows) row\(rows == 1 ? "" : "s") for \(processes) processes; each process needs at least one "
                + "(run fewer processes with mpirun -np, or a larger batch)"
        case let .tooFewChunks(files, processes):
            return "data-parallel run: \(files) chunk file\(files == 1 ? "" : "s") for \(processes) processes; each process reads whole files "
                + "of its own (run fewer processes with mpirun -np, or export more chunks)"
        case let .ranksDisagree(what, fingerprints):
            let differing = fingerprints.indices.filter { fingerprints[$0] != fingerprints[0] }
            return "data-parallel run: the processes see different \(what) (process\(differing.count == 1 ? "" : "es") "
                + differing.map(String.init).joined(separator: ", ") + " differ\(differing.count == 1 ? "s" : "") from process 0); "
                + "every machine needs the same script, data files and arguments"
        }
    }
}
