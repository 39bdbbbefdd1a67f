import Foundation

/// The memory this machine has (from `/proc/meminfo`), and the check that every
/// allocation sized by user input passes first: a model, a batch or a padded
/// dataset that cannot fit is refused with the size it would need, before any
/// allocation, instead of aborting the process.
public struct MemoryBudget: Equatable, Sendable {
    /// `MemTotal`, in bytes.
    public var totalBytes: Int
    /// `MemAvailable`, in bytes: what can be allocated without swapping or the OOM killer.
    public var availableBytes: Int

    public init(totalBytes: Int, availableBytes: Int) {
        self.totalBytes = totalBytes
        self.availableBytes = availableBytes
    }

    /// The machine's memory now; nil where `/proc/meminfo` cannot be read (then nothing is refused).
    public static func current() -> MemoryBudget? {
        guard let text = try? String(contentsOfFile: "/proc/meminfo", encoding: .utf8) else { return nil }
        return parse(meminfo: text)
    }

    /// Reads `MemTotal` and `MemAvailable` (in kB) from the text of `/proc/meminfo`.
    public static func parse(meminfo text: String) -> MemoryBudget? {
        var values: [String: Int] = [:]
        for line in text.split(separator: "\n") {
            let fields = line.split(whereSeparator: { $0 == ":" || $0 == " " })
            guard fields.count >= 2, let kB = Int(fields[1]), let bytes = CheckedSize.product([kB, 1024]) else { continue }
            values[String(fields[0])] = bytes
        }
        guard let total = values["MemTotal"] else { return nil }
        return MemoryBudget(totalBytes: total, availableBytes: values["MemAvailable"] ?? total)
    }

    /// Refuses `bytes` (nil: too many to count) when they exceed the available memory.
    /// - Parameter what: the thing to allocate, as the message names it (`"training m with batch=64"`).
    /// - Throws: `MemoryError` with the size needed and the memory there is.
    public func require(_ bytes: Int?, for what: String) throws(MemoryError) {
        if let bytes, bytes <= availableBytes { return }
        throw MemoryError(what: what, neededBytes: bytes, availableBytes: availableBytes, totalBytes: totalBytes)
    }

    /// `require` against the machine's current memory (nothing is refused where it is unknown).
    public static func require(_ bytes: Int?, for what: String) throws(MemoryError) {
        try current()?.require(bytes, for: what)
    }

    /// The bytes of `elements` 32-bit floats, nil when that overflows.
    public static func floatBytes(_ elements: Int?) -> Int? {
        elements.flatMap { CheckedSize.product([$0, MemoryLayout<Float>.stride]) }
    }
}

/// Something sized by user input would not fit in memory.
public struct MemoryError: Error, Equatable, Sendable, CustomStringConvertible {
    /// What was to be allocated, e.g. `m's weights`.
    public var what: String
    /// The bytes it needs; nil when the count itself overflows.
    public var neededBytes: Int?
    /// `MemAvailable` when it was refused.
    public var availableBytes: Int
    /// `MemTotal`.
    public var totalBytes: Int

    public var description: String {
        let needed = neededBytes.map(MemoryError.gibibytes) ?? "more than 8 EiB"
        return "\(what) needs \(needed), this machine has \(MemoryError.gibibytes(availableBytes)) available "
            + "(\(MemoryError.gibibytes(totalBytes)) total)"
    }

    /// Bytes as GiB with one decimal (`48.0 GiB`), or two significant decimals below 0.1 GiB.
    static func gibibytes(_ bytes: Int) -> String {
        let gib = Double(bytes) / 1_073_741_824
        return String(format: gib < 0.1 ? "%.2g GiB" : "%.1f GiB", gib)
    }
}
