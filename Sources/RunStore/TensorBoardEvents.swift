import Foundation

/// TensorBoard event files, written by hand: TFRecord framing around `Event` protocol buffers
/// holding scalar summaries, so `tensorboard --logdir DIR` shows a run's curves without a
/// protobuf or TensorFlow dependency.
///
/// A record is `uint64 length | uint32 masked_crc32c(length) | data | uint32 masked_crc32c(data)`,
/// little-endian. `Event` fields used: `wall_time` (1, double), `step` (2, int64),
/// `file_version` (3, string, first record: `brain.Event:2`), `summary` (5): `Summary.value` (1)
/// repeated, each `tag` (1, string) and `simple_value` (2, float).
public enum TensorBoardEvents {
    /// One TFRecord around `data`.
    public static func record(_ data: [UInt8]) -> [UInt8] {
        let length = littleEndian(UInt64(data.count))
        return length + littleEndian(CRC32C.masked(length)) + data + littleEndian(CRC32C.masked(data))
    }

    /// The first event of a file: its version.
    public static func versionEvent(wallTime: Double) -> [UInt8] {
        ProtoWire.double(1, wallTime) + ProtoWire.bytes(3, Array("brain.Event:2".utf8))
    }

    /// An event with scalar summaries at `step`.
    public static func scalarEvent(wallTime: Double, step: Int64, scalars: [(tag: String, value: Float)]) -> [UInt8] {
        let summary = scalars.flatMap { s in
            ProtoWire.bytes(1, ProtoWire.bytes(1, Array(s.tag.utf8)) + ProtoWire.float(2, s.value))
        }
        return ProtoWire.double(1, wallTime) + ProtoWire.varintField(2, UInt64(bitPattern: step)) + ProtoWire.bytes(5, summary)
    }

    static func littleEndian<T: FixedWidthInteger>(_ value: T) -> [UInt8] {
        withUnsafeBytes(of: value.littleEndian) { Array($0) }
    }
}

/// The few protocol-buffer wire forms an event needs.
enum ProtoWire {
    static func varint(_ value: UInt64) -> [UInt8] {
        var v = value, out: [UInt8] = []
        repeat {
            let byte = UInt8(v & 0x7F)
            v >>= 7
            out.append(v == 0 ? byte : byte | 0x80)
        } while v != 0
        return out
    }

    static func key(_ field: Int, _ wireType: UInt64) -> [UInt8] { varint(UInt64(field) << 3 | wireType) }
    static func varintField(_ field: Int, _ value: UInt64) -> [UInt8] { key(field, 0) + varint(value) }
    static func double(_ field: Int, _ value: Double) -> [UInt8] { key(field, 1) + TensorBoardEvents.littleEndian(value.bitPattern) }
    static func float(_ field: Int, _ value: Float) -> [UInt8] { key(field, 5) + TensorBoardEvents.littleEndian(value.bitPattern) }
    static func bytes(_ field: Int, _ data: [UInt8]) -> [UInt8] { key(field, 2) + varint(UInt64(data.count)) + data }
}

/// Appends scalar events for one training run to `DIR/events.out.tfevents.SECONDS.HOST`.
///
/// Each `write` appends whole records and fsyncs, so a killed run leaves a file TensorBoard
/// reads up to the last finished epoch (an event file is a log that grows; it is never rewritten).
public final class TensorBoardWriter {
    /// The event file's path.
    public let path: String
    private let handle: FileHandle

    /// Creates the folder and a new event file with its version record.
    /// - Throws: the file system's error, with the path.
    public init(folder: String, wallTime: Double) throws {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let host = ProcessInfo.processInfo.hostName
        var name = "events.out.tfevents.\(Int(wallTime)).\(host)"
        var n = 1
        while FileManager.default.fileExists(atPath: folder + "/" + name) {
            n += 1
            name = "events.out.tfevents.\(Int(wallTime)).\(host).\(n)"
        }
        path = folder + "/" + name
        guard FileManager.default.createFile(atPath: path, contents: nil),
              let handle = FileHandle(forWritingAtPath: path) else {
            throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: path])
        }
        self.handle = handle
        try append(TensorBoardEvents.versionEvent(wallTime: wallTime))
    }

    deinit { try? handle.close() }

    /// Appends one step's scalars.
    public func write(step: Int, wallTime: Double, scalars: [(tag: String, value: Float)]) throws {
        try append(TensorBoardEvents.scalarEvent(wallTime: wallTime, step: Int64(step), scalars: scalars))
    }

    private func append(_ event: [UInt8]) throws {
        try handle.write(contentsOf: TensorBoardEvents.record(event))
        try handle.synchronize()
    }
}
