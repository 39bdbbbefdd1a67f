import Synchronization

/// A request to stop training after the current batch (Ctrl-C).
///
/// Signals are process-wide, so the one flag the signal handler sets is the
/// process-wide `shared`; `Trainer` polls it after every batch and clears it
/// when it starts. Setting it is async-signal-safe (one atomic store).
public final class InterruptFlag: Sendable {
    private let requested = Atomic<Bool>(false)

    /// The flag the SIGINT handler sets.
    public static let shared = InterruptFlag()

    public init() {}

    /// Asks the running training loop to stop after its current batch.
    public func request() { requested.store(true, ordering: .relaxed) }

    /// Whether a stop was requested since the last `clear`.
    public var isRequested: Bool { requested.load(ordering: .relaxed) }

    /// Forgets any earlier request.
    public func clear() { requested.store(false, ordering: .relaxed) }
}
