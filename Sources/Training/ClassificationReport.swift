/// The confusion matrix and per-class scores of a classifier over one split, as scikit-learn's
/// `confusion_matrix` and `classification_report` compute them.
///
/// Precision, recall and F1 whose denominator is 0 are 0 (scikit-learn's `zero_division` default,
/// without its warning). Every class of the label mapping gets a row, present or not.
public struct ClassificationReport: Equatable, Sendable {
    /// The scores of one class, or of an average row.
    public struct Scores: Equatable, Sendable {
        /// TP / (TP + FP).
        public var precision: Double
        /// TP / (TP + FN).
        public var recall: Double
        /// 2·P·R / (P + R).
        public var f1: Double
        /// Rows whose true class this is (the row count for the averages).
        public var support: Int
    }

    /// `confusion[t][p]`: rows of true class t predicted as class p.
    public let confusion: [[Int]]
    /// One entry per class, in class index order.
    public let classes: [Scores]

    /// Counts predictions against true classes.
    /// - Parameters:
    ///   - trueClasses: N class indices in 0..<classCount.
    ///   - predictedClasses: N class indices in 0..<classCount.
    ///   - classCount: the number of classes (2 for a binary model).
    public init(trueClasses: [Int], predictedClasses: [Int], classCount: Int) {
        precondition(trueClasses.count == predictedClasses.count, "ClassificationReport: counts differ")
        var confusion = Array(repeating: Array(repeating: 0, count: classCount), count: classCount)
        for (t, p) in zip(trueClasses, predictedClasses) { confusion[t][p] += 1 }
        self.confusion = confusion
        classes = (0..<classCount).map { c in
            let truePositives = confusion[c][c]
            let predicted = confusion.reduce(0) { $0 + $1[c] }
            let support = confusion[c].reduce(0, +)
            let precision = Self.ratio(truePositives, predicted), recall = Self.ratio(truePositives, support)
            let f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall)
            return Scores(precision: precision, recall: recall, f1: f1, support: support)
        }
    }

    /// All rows counted.
    public var total: Int { classes.reduce(0) { $0 + $1.support } }

    /// The share of rows predicted as their true class.
    public var accuracy: Double { Self.ratio(confusion.indices.reduce(0) { $0 + confusion[$1][$1] }, total) }

    /// The unweighted mean of each score over the classes.
    public var macroAverage: Scores { average { _ in 1 } }

    /// The mean of each score over the classes weighted by their support.
    public var weightedAverage: Scores { average { Double($0.support) } }

    private func average(_ weight: (Scores) -> Double) -> Scores {
        let weights = classes.map(weight)
        let sum = weights.reduce(0, +)
        func mean(_ value: (Scores) -> Double) -> Double {
            sum == 0 ? 0 : zip(classes, weights).reduce(0) { $0 + value($1.0) * $1.1 } / sum
        }
        return Scores(precision: mean(\.precision), recall: mean(\.recall), f1: mean(\.f1), support: total)
    }

    private static func ratio(_ numerator: Int, _ denominator: Int) -> Double {
        denominator == 0 ? 0 : Double(numerator) / Double(denominator)
    }
}
