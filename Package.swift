// swift-tools-version:6.0
// lab: an interactive Swift shell for deep learning on text.
//
// Modules, top to bottom (each imports only modules below it; see DESIGN.md):
//   lab (executable) → Language → RunStore → Rendering → Training → NeuralNet → LabData → TensorCore
// with DataParallel (MPI, loaded at run time) under Training, LabBench (the `lab bench`
// measurements) and RunServer (`lab serve`, over RunStore) beside the executable, and the
// system libraries OpenBLAS and GNU readline as bare module-map targets (SQLite comes with
// GRDB's own module map: Debian's libsqlite3-dev).
import PackageDescription

/// Numeric modules are optimised even in debug (test) builds, so gradient
/// checks and end-to-end experiments in `swift test` run at useful speed, and
/// vectorized for AVX2 + FMA (`haswell`, i.e. x86-64-v3): without a target CPU
/// Swift vectorizes for baseline x86-64 (SSE, 4 lanes), LSTM inference 1445 →
/// 2125 samples/s with 8 lanes. Not `native`: a `.build` made on an AVX-512
/// machine and reused on an AVX2-only one would die of SIGILL. Every machine
/// lab targets (AMD Zen 3 and Zen 5) has AVX2 and FMA, and `lab.sh` refuses a
/// CPU without them; AVX-512 speed comes from OpenBLAS's kernels, chosen at run time.
let fast: [SwiftSetting] = [.unsafeFlags(["-O"], .when(configuration: .debug)),
                            .unsafeFlags(["-target-cpu", "haswell"])]

let package = Package(
    name: "lab",
    products: [
        .executable(name: "lab", targets: ["lab"]),
        .library(name: "TensorCore", targets: ["TensorCore"]),
        .library(name: "LabData", targets: ["LabData"]),
        .library(name: "NeuralNet", targets: ["NeuralNet"]),
        .library(name: "DataParallel", targets: ["DataParallel"]),
        .library(name: "Training", targets: ["Training"]),
        .library(name: "Rendering", targets: ["Rendering"]),
        .library(name: "RunStore", targets: ["RunStore"]),
        .library(name: "Language", targets: ["Language"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/swhitty/FlyingFox", from: "0.27.1"),
    ],
    targets: [
        // System libraries (Debian: libopenblas-dev, libreadline-dev).
        .systemLibrary(name: "COpenBLAS", pkgConfig: "openblas",
                       providers: [.apt(["libopenblas-dev"])]),
        .systemLibrary(name: "CReadline", providers: [.apt(["libreadline-dev"])]),
        // A header-only software prefetch (word2vec's random rows), nothing to link.
        .systemLibrary(name: "CPrefetch"),

        // 7. Tensor core: storage, GEMM, kernels, RNG, parallel-for.
        .target(name: "TensorCore", dependencies: ["COpenBLAS"], swiftSettings: fast),
        // 6. Data: readers, tokenizer, padding, splits, batching.
        //    Built file by file even in release: whole-module optimization made the
        //    tokenizer copy its word tables per text (a retain/release per field, the
        //    two threads contending on the counts), 0.31 s → 0.79 s on `lab bench
        //    --configs tokenize` (SST-2 ×500k, 2 threads), slower on 2 threads than on 1.
        .target(name: "LabData", dependencies: ["TensorCore", "ZIPFoundation", "CPrefetch"],
                swiftSettings: fast + [.unsafeFlags(["-no-whole-module-optimization"], .when(configuration: .release))]),
        // 5. Neural network: layers, losses, optimizers, Sequential, safetensors.
        .target(name: "NeuralNet", dependencies: ["TensorCore"], swiftSettings: fast),
        // Data-parallel runs: Open MPI's collectives through dlopen (no link-time MPI), so a
        // plain `lab` never needs MPI; used only when `mpirun` launched the process.
        .target(name: "DataParallel"),
        // 4. Training: fit / evaluate / predict, metrics, history, checkpoints.
        .target(name: "Training", dependencies: ["NeuralNet", "LabData", "TensorCore", "DataParallel"], swiftSettings: fast),
        // 3. Rendering: pure functions from values to text (tables, progress, charts, SVG).
        .target(name: "Rendering", dependencies: ["Training", "NeuralNet", "LabData", "TensorCore"]),
        // 2½. The run store: every train / evaluate / report in SQLite (GRDB, system libsqlite3),
        //     and TensorBoard event files.
        .target(name: "RunStore", dependencies: ["Rendering", "Training", "NeuralNet", "TensorCore",
                                               .product(name: "GRDB", package: "GRDB.swift")]),
        // `lab serve`: the runs page over HTTP (FlyingFox: no SwiftNIO, so a short build; see README).
        .target(name: "RunServer", dependencies: ["RunStore", "Rendering", "Training",
                                                .product(name: "FlyingFox", package: "FlyingFox"),
                                                .product(name: "FlyingSocks", package: "FlyingFox")]),
        // 2. The command language: lexer, parser, checker, interpreter over a Session.
        .target(name: "Language", dependencies: ["RunStore", "Rendering", "Training", "NeuralNet", "LabData", "TensorCore", "DataParallel"]),
        // Benchmarks behind `lab bench`, kept out of the library products.
        .target(name: "LabBench", dependencies: ["RunStore", "Training", "DataParallel", "NeuralNet", "LabData", "TensorCore"],
                swiftSettings: fast),
        // 1. The executable: command line, REPL, Ctrl-C.
        .executableTarget(name: "lab", dependencies: [
            "Language", "RunServer", "RunStore", "Rendering", "Training", "LabBench", "LabData", "TensorCore", "DataParallel", "CReadline",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),

        // Shared test helpers (never shipped).
        .target(name: "TestSupport", dependencies: ["TensorCore"], path: "Tests/TestSupport"),
        .testTarget(name: "TensorCoreTests", dependencies: ["TensorCore", "TestSupport"]),
        .testTarget(name: "TrainingTests", dependencies: ["Training", "NeuralNet", "LabData", "TensorCore", "TestSupport"]),
        .testTarget(name: "RenderingTests", dependencies: ["Rendering", "Training", "NeuralNet", "LabData", "TensorCore", "TestSupport"], exclude: ["Golden"]),
        .testTarget(name: "LanguageTests", dependencies: ["Language", "RunStore", "TestSupport",
                                                          .product(name: "GRDB", package: "GRDB.swift")], exclude: ["Golden"]),
        .testTarget(name: "NeuralNetTests", dependencies: ["NeuralNet", "TestSupport"]),
        .testTarget(name: "LabDataTests", dependencies: ["LabData", "TestSupport"], resources: [.copy("Fixtures")]),
        .testTarget(name: "RunStoreTests", dependencies: ["RunStore", "RunServer", "Training", "Rendering"], exclude: ["Golden"]),
        .testTarget(name: "LabBenchTests", dependencies: ["LabBench", "NeuralNet", "TensorCore"]),
    ]
)
