/// Sizes built from user input (units, vocabulary, sequence length, batch):
/// products and sums that report overflow instead of trapping, so a typo such as
/// `lstm 3e9` becomes an error and never a crash.
public enum CheckedSize {
    /// The product of `factors`, nil when it overflows `Int` or a factor is negative.
    public static func product(_ factors: [Int]) -> Int? {
        var result = 1
        for f in factors {
            guard f >= 0 else { return nil }
            let (next, overflow) = result.multipliedReportingOverflow(by: f)
            if overflow { return nil }
            result = next
        }
        return result
    }

    /// The sum of `terms`, nil when it overflows `Int` or a term is negative.
    public static func sum(_ terms: [Int]) -> Int? {
        var result = 0
        for t in terms {
            guard t >= 0 else { return nil }
            let (next, overflow) = result.addingReportingOverflow(t)
            if overflow { return nil }
            result = next
        }
        return result
    }
}
