import Foundation

/// The processes of one data-parallel run (MPI's `MPI_COMM_WORLD`), and the collectives training uses.
///
/// Every collective must be called by every process in the same order; all of them block
/// until each process has called. Process (rank) 0 is the one that prints and writes files.
public final class Communicator: @unchecked Sendable {
    /// This process's index, 0 ..< size.
    public let rank: Int
    /// The number of processes.
    public let size: Int
    private let mpi: MPILibrary
    /// Bytes passed to `allreduceSum` so far (per process), for the scaling figures.
    public private(set) var bytesAllreduced = 0
    /// Bytes received by the gather of `allgather(_:counts:into:)` so far (per process).
    public private(set) var bytesGathered = 0
    /// Wall seconds spent in `allreduceSum` and the float `allgather` so far (waiting for slower processes included).
    public private(set) var allreduceSeconds = 0.0

    /// Whether `mpirun` (Open MPI's launcher, or any PMIx launcher) started this process.
    public static var isLaunchedByMPI: Bool {
        let env = ProcessInfo.processInfo.environment
        return env["OMPI_COMM_WORLD_SIZE"] != nil || env["PMIX_RANK"] != nil
    }

    /// Joins the run when `mpirun` launched this process: loads Open MPI and calls `MPI_Init`.
    /// - Returns: nil for a process not launched by `mpirun` (MPI is then never loaded).
    /// - Throws: `DataParallelError` when the library cannot be loaded or initialised.
    public static func joinIfLaunched() throws(DataParallelError) -> Communicator? {
        guard isLaunchedByMPI else { return nil }
        let mpi = try MPILibrary.load()
        try check(mpi.initialize(nil, nil), "MPI_Init")
        var rank: Int32 = 0, size: Int32 = 0
        try check(mpi.commRank(mpi.commWorld, &rank), "MPI_Comm_rank")
        try check(mpi.commSize(mpi.commWorld, &size), "MPI_Comm_size")
        return Communicator(mpi: mpi, rank: Int(rank), size: Int(size))
    }

    private init(mpi: MPILibrary, rank: Int, size: Int) {
        self.mpi = mpi
        self.rank = rank
        self.size = size
    }

    /// Whether this process is the one that prints and writes (rank 0).
    public var isLeader: Bool { rank == 0 }

    /// Replaces `count` floats at `buffer` by their sum over all processes (`MPI_Allreduce`, in place).
    public func allreduceSum(_ buffer: UnsafeMutablePointer<Float>, count: Int) throws(DataParallelError) {
        bytesAllreduced += count * MemoryLayout<Float>.size
        let start = DispatchTime.now().uptimeNanoseconds
        defer { allreduceSeconds += Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 }
        var done = 0
        while done < count {
            let piece = min(count - done, Int(Int32.max))
            try Self.check(mpi.allreduce(MPILibrary.inPlace, buffer + done, Int32(piece), mpi.float, mpi.sum, mpi.commWorld),
                           "MPI_Allreduce")
            done += piece
        }
    }

    /// Concatenates every process's floats, in rank order (`MPI_Allgatherv`): process r sends
    /// `counts[r]` floats from `send`; `receive` gets all of them, process 0's first.
    /// - Precondition: every process passes the same `counts`, each below 2³¹, and `receive`
    ///   holds their sum.
    public func allgather(_ send: UnsafePointer<Float>, counts: [Int], into receive: UnsafeMutablePointer<Float>) throws(DataParallelError) {
        precondition(counts.count == size && counts.allSatisfy { $0 < Int(Int32.max) })
        let total = counts.reduce(0, +)
        precondition(total < Int(Int32.max), "gather of \(total) floats")
        bytesGathered += total * MemoryLayout<Float>.size
        let start = DispatchTime.now().uptimeNanoseconds
        defer { allreduceSeconds += Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 }
        let sizes = counts.map { Int32($0) }
        var offsets = [Int32](repeating: 0, count: size)
        for r in 1..<max(size, 1) { offsets[r] = offsets[r - 1] + sizes[r - 1] }
        try Self.check(mpi.allgatherv(send, sizes[rank], mpi.float, receive, sizes, offsets, mpi.float, mpi.commWorld),
                       "MPI_Allgatherv")
    }

    /// Overwrites `count` floats at `buffer` on every process with process `root`'s (`MPI_Bcast`).
    public func broadcast(_ buffer: UnsafeMutablePointer<Float>, count: Int, root: Int = 0) throws(DataParallelError) {
        var done = 0
        while done < count {
            let piece = min(count - done, Int(Int32.max))
            try Self.check(mpi.bcast(buffer + done, Int32(piece), mpi.float, Int32(root), mpi.commWorld), "MPI_Bcast")
            done += piece
        }
    }

    /// Every process's `value`, by rank (`MPI_Allgather`).
    public func allgather(_ value: UInt64) throws(DataParallelError) -> [UInt64] {
        var mine = value
        var all = [UInt64](repeating: 0, count: size)
        let code = all.withUnsafeMutableBytes { out in
            mpi.allgather(&mine, 8, mpi.byte, out.baseAddress!, 8, mpi.byte, mpi.commWorld)
        }
        try Self.check(code, "MPI_Allgather")
        return all
    }

    /// Refuses to go on unless every process computed the same `fingerprint` of `what`.
    /// - Throws: `DataParallelError.ranksDisagree` on every process when any differs.
    public func requireAgreement(on what: String, fingerprint: UInt64) throws(DataParallelError) {
        let all = try allgather(fingerprint)
        if all.contains(where: { $0 != all[0] }) { throw .ranksDisagree(what: what, fingerprints: all) }
    }

    /// Ends every process of the run with `code` (`MPI_Abort`); does not return.
    public func abort(code: Int32) -> Never {
        _ = mpi.abort(mpi.commWorld, code)
        exit(code)
    }

    /// Leaves the run normally (`MPI_Finalize`); call once, after the last collective.
    public func finalize() { _ = mpi.finalize() }

    private static func check(_ code: Int32, _ call: String) throws(DataParallelError) {
        if code != 0 { throw .callFailed(call: call, code: code) }
    }
}
