import Foundation

/// Instruction-set and model facts about this CPU, read from `/proc/cpuinfo`.
public enum CPUFeatures {
    /// Whether the CPU has the AVX-512 Foundation instructions.
    public static let hasAVX512F: Bool = flags.contains("avx512f")

    /// The `flags` line of the first processor in `/proc/cpuinfo` (empty elsewhere).
    public static let flags: Set<Substring> = Set((cpuinfo["flags"] ?? "").split(whereSeparator: { $0 == " " || $0 == "\t" }))

    /// The CPU's model name (`AMD EPYC 9R45`), or `unknown CPU`.
    public static var modelName: String { cpuinfo["model name"] ?? "unknown CPU" }

    /// The widest vector instruction set here, as lab's results name it: `avx512f`, `avx2` or `sse`.
    public static var isa: String { hasAVX512F ? "avx512f" : flags.contains("avx2") ? "avx2" : "sse" }

    /// A short name for this kind of CPU running code of `isa`, naming per-kind benchmark
    /// results: `zen3-avx2`, `zen5-avx512f`.
    public static func kind(isa: String = CPUFeatures.isa) -> String {
        kind(vendor: cpuinfo["vendor_id"], family: cpuinfo["cpu family"].flatMap { Int($0) }, isa: isa)
    }

    /// The kind name for a vendor, CPU family and ISA. AMD families: 0x17 Zen 1–2, 0x19 Zen 3
    /// (no AVX-512) or Zen 4 (AVX-512), 0x1A Zen 5 (cloud CPUs often report only `AMD EPYC`
    /// as their model name, so the family is what tells them apart).
    public static func kind(vendor: String?, family: Int?, isa: String) -> String {
        switch (vendor, family) {
        case ("AuthenticAMD", 23?): return "zen1-2-\(isa)"
        case ("AuthenticAMD", 25?): return "\(isa == "avx512f" ? "zen4" : "zen3")-\(isa)"
        case ("AuthenticAMD", 26?): return "zen5-\(isa)"
        case ("AuthenticAMD", let f?): return "amd-family\(f)-\(isa)"
        case ("GenuineIntel", _): return "intel-\(isa)"
        default: return "cpu-\(isa)"
        }
    }

    /// The `key: value` lines of the first processor in `/proc/cpuinfo` (empty elsewhere).
    private static let cpuinfo: [String: String] = {
        guard let file = fopen("/proc/cpuinfo", "r") else { return [:] }
        defer { fclose(file) }
        var line: UnsafeMutablePointer<CChar>? = nil
        var size = 0
        defer { free(line) }
        var fields: [String: String] = [:]
        while getline(&line, &size, file) > 0, let text = line {
            let s = String(cString: text)
            guard let colon = s.firstIndex(of: ":") else {
                if !fields.isEmpty { break }  // the blank line after the first processor
                continue
            }
            let key = s[..<colon].trimmingCharacters(in: .whitespaces)
            let value = s[s.index(after: colon)...].trimmingCharacters(in: .whitespacesAndNewlines)
            if fields[key] == nil { fields[key] = value }
        }
        return fields
    }()
}
