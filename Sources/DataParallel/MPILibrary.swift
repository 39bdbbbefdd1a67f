import Foundation

/// The few Open MPI entry points data-parallel training needs, loaded with `dlopen` at run time.
///
/// lab never links libmpi: a machine without Open MPI runs lab as before, and the library is
/// opened only when `mpirun` launched the process. Open MPI's handles (`MPI_COMM_WORLD`,
/// `MPI_FLOAT`, `MPI_SUM`, …) are the addresses of its global objects (`ompi_mpi_comm_world`,
/// `ompi_mpi_float`, `ompi_mpi_op_sum`), so `dlsym` gives them directly; `MPI_IN_PLACE` is `(void *) 1`.
/// The ABI is Open MPI's (soname `libmpi.so.40`, Open MPI 3 to 5), not MPICH's.
struct MPILibrary {
    typealias Handle = UnsafeMutableRawPointer
    typealias InitFunction = @convention(c) (UnsafeMutablePointer<Int32>?, UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>?) -> Int32
    typealias CommQuery = @convention(c) (Handle, UnsafeMutablePointer<Int32>) -> Int32
    typealias AllreduceFunction = @convention(c) (UnsafeRawPointer?, UnsafeMutableRawPointer, Int32, Handle, Handle, Handle) -> Int32
    typealias BcastFunction = @convention(c) (UnsafeMutableRawPointer, Int32, Handle, Int32, Handle) -> Int32
    typealias AllgatherFunction = @convention(c) (UnsafeRawPointer, Int32, Handle, UnsafeMutableRawPointer, Int32, Handle, Handle) -> Int32
    typealias AllgathervFunction = @convention(c) (UnsafeRawPointer, Int32, Handle, UnsafeMutableRawPointer,
                                                   UnsafePointer<Int32>, UnsafePointer<Int32>, Handle, Handle) -> Int32
    typealias AbortFunction = @convention(c) (Handle, Int32) -> Int32
    typealias FinalizeFunction = @convention(c) () -> Int32

    let initialize: InitFunction
    let commRank: CommQuery
    let commSize: CommQuery
    let allreduce: AllreduceFunction
    let bcast: BcastFunction
    let allgather: AllgatherFunction
    let allgatherv: AllgathervFunction
    let abort: AbortFunction
    let finalize: FinalizeFunction
    /// `MPI_COMM_WORLD`, `MPI_FLOAT`, `MPI_BYTE`, `MPI_SUM`.
    let commWorld: Handle, float: Handle, byte: Handle, sum: Handle
    /// `MPI_IN_PLACE` in Open MPI.
    static var inPlace: UnsafeRawPointer? { UnsafeRawPointer(bitPattern: 1) }

    /// Opens Open MPI's library and resolves every symbol.
    /// - Throws: `DataParallelError.mpiUnavailable` naming what is missing.
    static func load() throws(DataParallelError) -> MPILibrary {
        // RTLD_GLOBAL: Open MPI's own plugins (mca_*.so) resolve symbols of libmpi.
        var library: UnsafeMutableRawPointer?
        for name in ["libmpi.so.40", "libmpi.so"] where library == nil {
            library = dlopen(name, RTLD_NOW | RTLD_GLOBAL)
        }
        guard let library else {
            throw .mpiUnavailable("cannot open Open MPI's libmpi.so.40 (Debian: apt-get install openmpi-bin libopenmpi-dev): "
                                  + String(cString: dlerror()))
        }
        func symbol(_ name: String) throws(DataParallelError) -> Handle {
            guard let p = dlsym(library, name) else { throw .mpiUnavailable("libmpi has no symbol \(name)") }
            return p
        }
        func function<F>(_ name: String, as: F.Type) throws(DataParallelError) -> F {
            unsafeBitCast(try symbol(name), to: F.self)
        }
        return MPILibrary(initialize: try function("MPI_Init", as: InitFunction.self),
                          commRank: try function("MPI_Comm_rank", as: CommQuery.self),
                          commSize: try function("MPI_Comm_size", as: CommQuery.self),
                          allreduce: try function("MPI_Allreduce", as: AllreduceFunction.self),
                          bcast: try function("MPI_Bcast", as: BcastFunction.self),
                          allgather: try function("MPI_Allgather", as: AllgatherFunction.self),
                          allgatherv: try function("MPI_Allgatherv", as: AllgathervFunction.self),
                          abort: try function("MPI_Abort", as: AbortFunction.self),
                          finalize: try function("MPI_Finalize", as: FinalizeFunction.self),
                          commWorld: try symbol("ompi_mpi_comm_world"), float: try symbol("ompi_mpi_float"),
                          byte: try symbol("ompi_mpi_byte"), sum: try symbol("ompi_mpi_op_sum"))
    }
}
