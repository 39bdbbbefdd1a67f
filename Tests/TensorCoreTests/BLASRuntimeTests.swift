import TensorCore
import XCTest

final class BLASRuntimeTests: XCTestCase {
    func testCoreTypeRules() {
        XCTAssertEqual(BLASRuntime.preferredCoreType(current: nil, labOverride: nil, hasAVX512F: true), "SkylakeX")
        XCTAssertEqual(BLASRuntime.preferredCoreType(current: "Haswell", labOverride: nil, hasAVX512F: true), "SkylakeX")
        XCTAssertNil(BLASRuntime.preferredCoreType(current: "Cooperlake", labOverride: nil, hasAVX512F: true))
        XCTAssertNil(BLASRuntime.preferredCoreType(current: nil, labOverride: nil, hasAVX512F: false))
        XCTAssertNil(BLASRuntime.preferredCoreType(current: "Haswell", labOverride: nil, hasAVX512F: false))
        XCTAssertEqual(BLASRuntime.preferredCoreType(current: "SkylakeX", labOverride: "Haswell", hasAVX512F: true), "Haswell")
        XCTAssertNil(BLASRuntime.preferredCoreType(current: "Haswell", labOverride: "Haswell", hasAVX512F: true))
    }

    func testCoreNameIsReported() {
        XCTAssertFalse(BLASRuntime.coreName.isEmpty)
        XCTAssertGreaterThanOrEqual(BLASRuntime.threads, 1)
    }
}
