import TensorCore
import XCTest

/// Asserts two float sequences agree element-wise: |a − b| ≤ atol + rtol·|b|.
/// Shapes (counts) are compared first, then the worst element is reported.
public func assertClose(_ a: [Float], _ b: [Float], rtol: Float = 1e-5, atol: Float = 1e-6,
                        _ message: String = "", file: StaticString = #filePath, line: UInt = #line) {
    guard a.count == b.count else {
        XCTFail("count \(a.count) ≠ \(b.count) \(message)", file: file, line: line)
        return
    }
    var worst = -1, worstExcess: Float = 0
    for i in 0..<a.count {
        let excess = abs(a[i] - b[i]) - (atol + rtol * abs(b[i]))
        if !(excess <= 0) && (worst < 0 || excess > worstExcess || excess.isNaN) { worst = i; worstExcess = excess }
    }
    if worst >= 0 {
        XCTFail("element \(worst): \(a[worst]) vs \(b[worst]) (rtol \(rtol), atol \(atol)) \(message)", file: file, line: line)
    }
}

/// Asserts two tensors have the same shape and close elements (see `assertClose`).
public func assertClose(_ a: Tensor, _ b: Tensor, rtol: Float = 1e-5, atol: Float = 1e-6,
                        _ message: String = "", file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertEqual(a.shape, b.shape, "shape \(message)", file: file, line: line)
    if a.shape == b.shape { assertClose(a.values, b.values, rtol: rtol, atol: atol, message, file: file, line: line) }
}
