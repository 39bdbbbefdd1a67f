import Foundation
import LabData
import TensorCore

extension NumberFormat {
    /// A duration for tables: `8.4s` under a minute, `2m 36s` under an hour, `1h 02m 05s` beyond.
    public static func duration(_ seconds: Double) -> String {
        guard seconds.isFinite else { return "-" }
        if seconds < 59.95 { return String(format: "%.1fs", max(seconds, 0)) }
        let s = Int(seconds.rounded())
        if s < 3600 { return "\(s / 60)m \(twoDigits(s % 60))s" }
        return "\(s / 3600)h \(twoDigits((s % 3600) / 60))m \(twoDigits(s % 60))s"
    }

    private static func twoDigits(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
}
