import Foundation

/// The process's peak resident set size, as the kernel reports it (Linux).
public enum PeakMemory {
    /// `VmHWM` of `/proc/self/status` in MB (0 where unavailable).
    public static var megabytes: Double {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
        for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
            let kb = line.split(separator: " ").compactMap { Double($0) }.first ?? 0
            return kb / 1024
        }
        return 0
    }

    /// Restarts the peak from the current RSS (writes 5 to `/proc/self/clear_refs`),
    /// so the next reading covers only what ran since.
    public static func reset() {
        guard let file = fopen("/proc/self/clear_refs", "w") else { return }
        fputs("5", file)
        fclose(file)
    }
}
