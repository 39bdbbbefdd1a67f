import TensorCore
import XCTest

/// Sizes from user input: overflow-checked arithmetic and the memory check before allocating.
final class MemoryBudgetTests: XCTestCase {
    func testCheckedSizesReportOverflow() {
        XCTAssertEqual(CheckedSize.product([3, 4, 5]), 60)
        XCTAssertNil(CheckedSize.product([Int.max, 2]))
        XCTAssertNil(CheckedSize.product([-1, 2]))
        XCTAssertEqual(CheckedSize.product([]), 1)
        XCTAssertEqual(CheckedSize.sum([1, 2]), 3)
        XCTAssertNil(CheckedSize.sum([Int.max, 1]))
    }

    func testParsesMeminfo() {
        let text = "MemTotal:       24683584 kB\nMemFree:        22691648 kB\nMemAvailable:   23667224 kB\n"
        XCTAssertEqual(MemoryBudget.parse(meminfo: text), MemoryBudget(totalBytes: 24_683_584 * 1024, availableBytes: 23_667_224 * 1024))
        XCTAssertNil(MemoryBudget.parse(meminfo: "nonsense"))
    }

    func testRefusesWhatDoesNotFitWithTheSizes() {
        let budget = MemoryBudget(totalBytes: 24 << 30, availableBytes: 20 << 30)
        XCTAssertNoThrow(try budget.require(1 << 30, for: "x"))
        XCTAssertThrowsError(try budget.require(48 << 30, for: "a batch of 1,000,000,000")) { error in
            XCTAssertEqual(String(describing: error),
                           "a batch of 1,000,000,000 needs 48.0 GiB, this machine has 20.0 GiB available (24.0 GiB total)")
        }
        XCTAssertThrowsError(try budget.require(nil, for: "m")) { error in
            XCTAssertEqual(String(describing: error), "m needs more than 8 EiB, this machine has 20.0 GiB available (24.0 GiB total)")
        }
    }

    func testTheMachineIsRead() throws {
        let budget = try XCTUnwrap(MemoryBudget.current(), "this suite runs on Linux")
        XCTAssertGreaterThan(budget.totalBytes, 0)
        XCTAssertLessThanOrEqual(budget.availableBytes, budget.totalBytes)
    }
}
