import COpenBLAS
#if canImport(Glibc)
import Glibc
#endif

/// What OpenBLAS is doing in this process: which CPU kernels it chose, how many
/// threads it runs, and which kernels it should have chosen.
public enum BLASRuntime {
    /// The name of the kernel set OpenBLAS loaded, e.g. `SkylakeX` or `Haswell`.
    public static var coreName: String {
        guard let name = openblas_get_corename() else { return "unknown" }
        return String(cString: name)
    }

    /// The number of threads OpenBLAS uses for one GEMM.
    public static var threads: Int { Int(openblas_get_num_threads()) }

    /// The environment variable OpenBLAS reads once, when the library loads.
    public static let coreTypeVariable = "OPENBLAS_CORETYPE"

    /// lab's own override: when set, lab passes it to OpenBLAS unchanged.
    public static let labCoreTypeVariable = "LAB_BLAS_CORETYPE"

    /// OpenBLAS kernel sets that use AVX-512.
    public static let avx512Cores: Set<String> = ["skylakex", "cooperlake", "sapphirerapids"]

    /// The `OPENBLAS_CORETYPE` this process should load OpenBLAS with, or `nil`
    /// when the current environment is already right.
    ///
    /// Debian's OpenBLAS 0.3.21 predates Zen 4/5 and falls back to its AVX2
    /// (Haswell) kernels on them, about 220 GFLOP/s on 2 cores here; its
    /// SkylakeX kernels run on any CPU with AVX-512F and reach about 380.
    /// The rules, in order:
    /// 1. `LAB_BLAS_CORETYPE`, when set, is the user's choice for lab and wins.
    /// 2. Without AVX-512F, OpenBLAS's own choice (or `OPENBLAS_CORETYPE`) stands.
    /// 3. With AVX-512F, an unset `OPENBLAS_CORETYPE`, or one naming a kernel set
    ///    without AVX-512 (machine images here preset `Haswell` for every
    ///    process), is raised to `SkylakeX`; an AVX-512 value is kept.
    /// - Parameters:
    ///   - current: the value of `OPENBLAS_CORETYPE` (`nil` when unset).
    ///   - labOverride: the value of `LAB_BLAS_CORETYPE` (`nil` when unset).
    ///   - hasAVX512F: whether the CPU has AVX-512 Foundation instructions.
    public static func preferredCoreType(current: String?, labOverride: String?,
                                         hasAVX512F: Bool = CPUFeatures.hasAVX512F) -> String? {
        if let chosen = labOverride, !chosen.isEmpty {
            return chosen == current ? nil : chosen
        }
        guard hasAVX512F else { return nil }
        if let current, avx512Cores.contains(current.lowercased()) { return nil }
        return "SkylakeX"
    }
}
