/// How raw label values (strings in the file) became training targets.
///
/// - `binary`: two values mapped to 0 and 1; targets are [N, 1].
/// - `classes`: K > 2 values mapped to class indices 0..<K for softmax models; targets are [N].
/// - `numeric`: real-valued targets kept as they are, [N, 1] (regression).
/// - `unlabeled`: no labels (plain lines); targets are zeros, [N, 1].
///
/// Rules (without `positive=`/`negative=`): numeric 0/1 stay as they are; two
/// other values map in ascending order (fastText `1`/`2` → 0/1, libsvm `-1`/`+1`
/// → 0/1, `negative`/`positive` → 0/1); more values become classes in ascending
/// (numeric, else string) order. With `positive=`, listed values → 1 and, when
/// `negative=` is given too, listed values → 0 and any other value drops the row;
/// with `positive=` alone every other value → 0.
public struct LabelMapping: Codable, Equatable, Sendable {
    /// What the targets mean.
    public enum Kind: String, Codable, Sendable { case binary, classes, numeric, unlabeled }

    /// What the targets mean.
    public var kind: Kind
    /// For `binary` and `classes`: the name of each target value, index = value.
    /// For `binary` from `positive=`/`negative=`, the names are the value lists joined by `|`.
    public var classNames: [String]
    /// Raw value → target value, for `binary` and `classes`.
    public var table: [String: Int]
    /// Whether raw values outside `table` map to 0 (`positive=` without `negative=`).
    public var othersAreNegative: Bool

    /// A mapping of the given kind.
    public init(kind: Kind, classNames: [String] = [], table: [String: Int] = [:], othersAreNegative: Bool = false) {
        self.kind = kind
        self.classNames = classNames
        self.table = table
        self.othersAreNegative = othersAreNegative
    }

    /// The number of model outputs the targets call for: 1 for binary/numeric, K for classes.
    public var outputs: Int { kind == .classes ? classNames.count : 1 }

    /// The target for one raw value, or nil when the value has no mapping.
    public func target(for raw: String) -> Float? {
        switch kind {
        case .binary, .classes:
            if let v = table[raw] { return Float(v) }
            return othersAreNegative ? 0 : nil
        case .numeric:
            return Float(raw)
        case .unlabeled:
            return 0
        }
    }

    /// A one-line report, e.g. `binary: negative → 0, positive → 1`.
    public var text: String {
        switch kind {
        case .binary, .classes:
            let pairs = classNames.enumerated().map { "\($0.element) → \($0.offset)" }.joined(separator: ", ")
            return "\(kind.rawValue): \(pairs)\(othersAreNegative ? " (any other value → 0)" : "")"
        case .numeric: return "numeric targets as given"
        case .unlabeled: return "no labels"
        }
    }

    /// The mapping for a set of raw values under `positive=`/`negative=`.
    /// - Parameters:
    ///   - values: the distinct raw labels, in any order.
    ///   - positive: values meaning 1 (`positive=`), or nil.
    ///   - negative: values meaning 0 (`negative=`), or nil.
    public static func infer(values: Set<String>, positive: [String]?, negative: [String]?) -> LabelMapping {
        if positive != nil || negative != nil {
            var table: [String: Int] = [:]
            for v in negative ?? [] { table[v] = 0 }
            for v in positive ?? [] { table[v] = 1 }
            let negName = negative?.joined(separator: "|") ?? "other"
            return LabelMapping(kind: .binary, classNames: [negName, positive?.joined(separator: "|") ?? "other"],
                                table: table, othersAreNegative: negative == nil)
        }
        let numbers = values.compactMap { v in Double(v).map { (v, $0) } }
        if numbers.count == values.count {
            if numbers.allSatisfy({ $0.1 == 0 || $0.1 == 1 }) {
                var table: [String: Int] = [:]
                for (v, x) in numbers { table[v] = Int(x) }
                return LabelMapping(kind: .binary, classNames: ["0", "1"], table: table)
            }
            if numbers.contains(where: { $0.1 != $0.1.rounded() }) && values.count > 2 {
                return LabelMapping(kind: .numeric)
            }
            let sorted = numbers.sorted { $0.1 != $1.1 ? $0.1 < $1.1 : $0.0 < $1.0 }.map(\.0)
            return ordered(sorted)
        }
        return ordered(values.sorted())
    }

    /// `infer`, after refusing `positive=`/`negative=` lists that would mislabel without a word:
    /// a list none of whose values any row holds, while some row holds a value neither list names
    /// (so `positive=posative` does not turn every row into 0, nor `positive=yes` on 0/1 labels).
    /// A list partly absent is fine (`negative=1,2` on a file without 2-star rows), and so is a
    /// file holding only listed values (a test file of one class).
    /// - Throws: `DataError.listedLabelAbsent` naming the file, the option and the labels found.
    public static func checked(values: Set<String>, positive: [String]?, negative: [String]?,
                               path: String) throws(DataError) -> LabelMapping {
        let listed = Set((positive ?? []) + (negative ?? []))
        if !listed.isEmpty, !values.isSubset(of: listed) {
            for (option, list) in [("positive", positive ?? []), ("negative", negative ?? [])] {
                if let first = list.first, !list.contains(where: values.contains) {
                    throw .listedLabelAbsent(path: path, option: option, value: first, labels: values.sorted())
                }
            }
        }
        return infer(values: values, positive: positive, negative: negative)
    }

    private static func ordered(_ names: [String]) -> LabelMapping {
        var table: [String: Int] = [:]
        for (i, n) in names.enumerated() { table[n] = i }
        return LabelMapping(kind: names.count <= 2 ? .binary : .classes, classNames: names, table: table)
    }
}
