/// Keras optimizer gradient clipping, applied to each gradient before the update.
///
/// `norm` rescales a tensor whose L2 norm exceeds it to that norm (`clipnorm`, per tensor, as
/// `tf.clip_by_norm`); `value` then clamps every element to [−value, value] (`clipvalue`).
/// An embedding's sparse gradient is clipped over its touched rows, which hold all its non-zeros.
public struct GradientClipping: Codable, Equatable, Sendable {
    /// `clipnorm`, or nil.
    public var norm: Float?
    /// `clipvalue`, or nil.
    public var value: Float?

    /// Clipping with the given bounds (nil: none).
    public init(norm: Float? = nil, value: Float? = nil) {
        self.norm = norm
        self.value = value
    }

    /// Whether either bound is set.
    public var isActive: Bool { norm != nil || value != nil }

    /// Clips `count` gradient values in place.
    public func apply(_ g: UnsafeMutablePointer<Float>, count: Int) {
        if let norm {
            var squares = 0.0
            for i in 0..<count { squares += Double(g[i]) * Double(g[i]) }
            let l2 = squares.squareRoot()
            if l2 > Double(norm) {
                let scale = Float(Double(norm) / l2)
                for i in 0..<count { g[i] *= scale }
            }
        }
        if let value {
            for i in 0..<count { g[i] = min(max(g[i], -value), value) }
        }
    }
}
