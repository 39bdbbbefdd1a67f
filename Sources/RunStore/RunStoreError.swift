/// What can go wrong with a run store, with the store's path.
public enum RunStoreError: Error, CustomStringConvertible, Equatable {
    /// The file could not be opened or migrated as a run store.
    case cannotOpen(path: String, reason: String)
    /// A read or write failed.
    case failed(path: String, reason: String)
    /// No run has this id.
    case noSuchRun(id: Int64, path: String)

    public var description: String {
        switch self {
        case let .cannotOpen(path, reason): "cannot open the run store \(path): \(reason)"
        case let .failed(path, reason): "run store \(path): \(reason)"
        case let .noSuchRun(id, path): "no run \(id) in \(path)"
        }
    }
}
