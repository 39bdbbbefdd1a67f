import Foundation
import LabBench
import TensorCore
import XCTest

/// The machine fields of `lab bench --json` and the per-CPU-kind results file.
final class BenchRecordTests: XCTestCase {
    private let machine = BenchMachine(cpu: "AMD EPYC", isa: "avx2", blas: "Zen", kind: "zen3-avx2", threads: 2)

    func testCPUKindsFromVendorFamilyAndISA() {
        XCTAssertEqual(CPUFeatures.kind(vendor: "AuthenticAMD", family: 25, isa: "avx2"), "zen3-avx2")
        XCTAssertEqual(CPUFeatures.kind(vendor: "AuthenticAMD", family: 25, isa: "avx512f"), "zen4-avx512f")
        XCTAssertEqual(CPUFeatures.kind(vendor: "AuthenticAMD", family: 26, isa: "avx512f"), "zen5-avx512f")
        XCTAssertEqual(CPUFeatures.kind(vendor: "GenuineIntel", family: 6, isa: "avx512f"), "intel-avx512f")
        XCTAssertEqual(CPUFeatures.kind(vendor: nil, family: nil, isa: "avx2"), "cpu-avx2")
        XCTAssertTrue(["avx512f", "avx2", "sse"].contains(CPUFeatures.isa))
    }

    func testJSONCarriesTheMachine() throws {
        let results = [BenchResult(config: "load", detail: "d", seconds: 0.5, gflops: 0, extra: ["rows_per_second": 1000])]
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(BenchResult.json(results, machine: machine).utf8))
                                 as? [[String: Any]])
        XCTAssertEqual(json[0]["cpu"] as? String, "AMD EPYC")
        XCTAssertEqual(json[0]["isa"] as? String, "avx2")
        XCTAssertEqual(json[0]["blas"] as? String, "Zen")
        XCTAssertEqual(json[0]["cpu_kind"] as? String, "zen3-avx2")
        XCTAssertEqual(json[0]["rows_per_second"] as? Double, 1000)
    }

    /// Recording twice: the second run is compared with the first, a drop below 0.8× marked slower.
    func testRecordWritesTheKindsFileAndComparesWithThePreviousOne() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("bench-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let first = [BenchResult(model: "lstm", batch: 64, trainSPS: 400, inferSPS: 1300, trainGFLOPs: 10, pctPeak: nil,
                                 msPerTrainBatch: 160, finalLoss: 0.69, peakRSSMB: 100)]
        let lines1 = try BenchRecord.write(first, machine: machine, version: "0.1.0", directory: dir)
        XCTAssertEqual(lines1, ["recorded \(dir)/results-zen3-avx2.json (new)"])
        let second = [BenchResult(model: "lstm", batch: 64, trainSPS: 440, inferSPS: 650, trainGFLOPs: 11, pctPeak: nil,
                                  msPerTrainBatch: 145, finalLoss: 0.69, peakRSSMB: 100)]
        let lines2 = try BenchRecord.write(second, machine: machine, version: "0.1.0", directory: dir)
        XCTAssertEqual(lines2, ["recorded \(dir)/results-zen3-avx2.json",
                                "lstm train_sps 400.0 → 440.0 (1.10×)",
                                "lstm infer_sps 1300.0 → 650.0 (0.50×)  slower",
                                "lstm gflops 10.0 → 11.0 (1.10×)"])
        let file = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: "\(dir)/results-zen3-avx2.json")))
                                 as? [String: Any])
        XCTAssertEqual(file["isa"] as? String, "avx2")
        XCTAssertEqual((file["results"] as? [[String: Any]])?.first?["infer_sps"] as? Double, 650)
    }
}
