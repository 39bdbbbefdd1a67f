import Foundation

/// The number and time formats Keras 2's `Progbar` prints, shared by progress lines and tables.
public enum KerasFormat {
    /// A metric value as Keras prints it: `%.4f`, or `%.4e` when |value| ≤ 1e-3 (`1.2345e-05`);
    /// NaN prints as `nan`.
    public static func metric(_ value: Float) -> String {
        let v = Double(value)
        return String(format: abs(v) > 1e-3 ? "%.4f" : "%.4e", v)
    }

    /// Whole elapsed seconds, as at the end of an epoch: `156s`.
    public static func seconds(_ seconds: Double) -> String {
        String(format: "%.0fs", seconds)
    }

    /// Time per step (sample or batch) by magnitude: `1s/step` at one second or more (or exactly 0),
    /// `12ms/step` from a millisecond, `668us/step` below.
    public static func perStep(_ seconds: Double) -> String {
        if seconds >= 1 || seconds == 0 { return String(format: "%.0fs/step", seconds) }
        if seconds >= 1e-3 { return String(format: "%.0fms/step", seconds * 1e3) }
        return String(format: "%.0fus/step", seconds * 1e6)
    }

    /// The estimated time left, truncated to whole seconds: `1:02:05` over an hour, `1:05` over a
    /// minute, `45s` otherwise.
    public static func eta(_ seconds: Double) -> String {
        let s = Int(max(seconds, 0))
        if seconds > 3600 { return String(format: "%d:%02d:%02d", s / 3600, (s % 3600) / 60, s % 60) }
        if seconds > 60 { return String(format: "%d:%02d", s / 60, s % 60) }
        return "\(s)s"
    }
}
