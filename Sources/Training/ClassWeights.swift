import TensorCore

/// Keras `class_weight`: a weight per class index that scales each sample's loss.
///
/// A sample's class is its label: the 0/1 target of a single sigmoid output, the index of sparse
/// targets, or the largest entry of a one-hot row. Every class the data holds needs a weight, as
/// Keras requires ("`class_weight` must contain all classes in the data").
public struct ClassWeights: Equatable, Sendable {
    /// Weight by class index.
    public var weights: [Int: Float]

    /// Weights as given (`class_weight=0:1,1:3`).
    public init(_ weights: [Int: Float]) {
        self.weights = weights
    }

    /// scikit-learn's `compute_class_weight('balanced')`: n_samples / (n_classes · count_c) for
    /// every class c present in `labels` (class indices).
    public static func balanced(labels: [Int]) -> ClassWeights {
        var counts: [Int: Int] = [:]
        for label in labels { counts[label, default: 0] += 1 }
        let n = Double(labels.count), classes = Double(counts.count)
        return ClassWeights(counts.mapValues { Float(n / (classes * Double($0))) })
    }

    /// The class index of every sample of a target batch: [N] or [N, 1] labels, or [N, C] one-hot rows.
    public static func labels(of y: Tensor) -> [Int] {
        let n = y.shape.first ?? 0, c = y.count / max(n, 1)
        return (0..<n).map { s in
            let row = y.data + s * c
            if c == 1 { return Int(row[0].rounded()) }
            var best = 0
            for j in 1..<c where row[j] > row[best] { best = j }
            return best
        }
    }

    /// Checks that every class among `labels` has a weight.
    /// - Throws: `TrainingError.invalidOption` naming the first class without one.
    public func check(labels: [Int]) throws {
        if let missing = labels.first(where: { weights[$0] == nil }) {
            let given = weights.keys.sorted().map(String.init).joined(separator: ", ")
            throw TrainingError.invalidOption("class_weight= gives no weight for class \(missing), which the training data holds "
                                              + "(weights are given for \(given)); give every class a weight, as Keras requires")
        }
    }

    /// One weight per sample of the target batch `y`.
    /// - Throws: `TrainingError.invalidOption` when a sample's class has no weight.
    public func sampleWeights(for y: Tensor) throws -> [Float] {
        let labels = Self.labels(of: y)
        try check(labels: labels)
        return labels.map { weights[$0]! }
    }
}
