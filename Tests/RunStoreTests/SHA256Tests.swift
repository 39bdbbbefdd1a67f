@testable import RunStore
import XCTest

/// SHA-256 against FIPS 180-4's examples, and content hashes of files and folders.
final class SHA256Tests: XCTestCase {
    func testKnownDigests() {
        XCTAssertEqual(SHA256.hex([]), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        XCTAssertEqual(SHA256.hex(Array("abc".utf8)), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        XCTAssertEqual(SHA256.hex(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)),
                       "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        var h = SHA256()
        for _ in 0..<1000 { h.update([UInt8](repeating: 0x61, count: 1000)) }
        XCTAssertEqual(h.hexDigest(), "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    func testFileAndFolderHashes() throws {
        let folder = NSTemporaryDirectory() + "hash-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder + "/pos", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try "abc".write(toFile: folder + "/pos/a.txt", atomically: true, encoding: .utf8)
        let file = ContentHash.of(path: folder + "/pos/a.txt")
        XCTAssertEqual(file.sha256, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        XCTAssertEqual(file.bytes, 3)
        let before = ContentHash.of(path: folder)
        XCTAssertEqual(before.sha256, SHA256.hex(Array("pos/a.txt".utf8) + [0] + Array("abc".utf8)))
        try "abd".write(toFile: folder + "/pos/a.txt", atomically: true, encoding: .utf8)
        XCTAssertNotEqual(ContentHash.of(path: folder).sha256, before.sha256)
        XCTAssertEqual(ContentHash.of(path: folder + "/absent").sha256, "missing")
    }
}
