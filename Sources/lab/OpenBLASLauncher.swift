import Foundation
import TensorCore

/// Makes OpenBLAS run its AVX-512 kernels on CPUs its build does not recognise.
///
/// OpenBLAS reads `OPENBLAS_CORETYPE` in its library constructor, before `main`
/// runs, so setting the variable inside the process is too late. When
/// `BLASRuntime.preferredCoreType` asks for another kernel set, lab sets the
/// variable and replaces itself with a fresh copy of the same program (`execv`
/// of `/proc/self/exe`, same arguments). The second start finds the variable
/// right and goes on; `LAB_REEXECUTED` guards against any loop, and a failed
/// `execv` just continues with the kernels already loaded.
enum OpenBLASLauncher {
    static let guardVariable = "LAB_REEXECUTED"

    static func reexecWithBestKernelsIfNeeded() {
        let env = ProcessInfo.processInfo.environment
        guard env[guardVariable] == nil,
              let core = BLASRuntime.preferredCoreType(current: env[BLASRuntime.coreTypeVariable],
                                                       labOverride: env[BLASRuntime.labCoreTypeVariable])
        else { return }
        setenv(BLASRuntime.coreTypeVariable, core, 1)
        setenv(guardVariable, "1", 1)
        let args = CommandLine.arguments.map { strdup($0) } + [nil]
        execv("/proc/self/exe", args)
    }
}
