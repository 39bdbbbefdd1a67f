/// Number formats shared by every printed text (in the core so that dataset reports and
/// NeuralNet's memory messages use them too).
public enum NumberFormat {
    /// An integer with comma thousands separators, as Keras prints totals: `693,301`.
    public static func grouped(_ n: Int) -> String {
        let digits = String(n.magnitude)
        var out = ""
        for (i, ch) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(ch)
        }
        return n < 0 ? "-" + out : out
    }
}
