import Foundation
import LabData
import XCTest

/// Word-vector files: the three formats, inference, and every bad input as an error with its place.
final class WordVectorFileTests: XCTestCase {
    private let vectors = try! WordVectors(words: ["good", "bad", "é"], dimension: 3,
                                           values: [0.5, -1, 2.25, 1e-3, 0, -0.125, 3, 4, 5], source: "test")

    private func binary(_ header: String, _ entries: [(String, [Float])], newline: Bool = true) -> [UInt8] {
        var bytes = Array(header.utf8)
        for (word, values) in entries {
            bytes += Array(word.utf8) + [32]
            for v in values { withUnsafeBytes(of: v.bitPattern.littleEndian) { bytes += $0 } }
            if newline { bytes.append(10) }
        }
        return bytes
    }

    private func message(_ path: String) -> String {
        do {
            _ = try WordVectorFile.read(path: path)
            return "no error"
        } catch {
            return String(describing: error).replacingOccurrences(of: path, with: "F")
        }
    }

    func testTextRoundTripKeepsEveryBit() throws {
        let path = TestFiles.scratch().appendingPathComponent("v.vec").path
        try WordVectorFile.writeText(vectors, to: path)
        XCTAssertTrue(try String(contentsOfFile: path, encoding: .utf8).hasPrefix("3 3\ngood 0.5 -1.0 2.25\n"))
        let (back, format) = try WordVectorFile.read(path: path)
        XCTAssertEqual(format, .word2vecText)
        XCTAssertEqual(back.words, vectors.words)
        XCTAssertEqual(back.values, vectors.values)
    }

    func testBinaryWithAndWithoutNewlines() throws {
        for newline in [true, false] {
            let path = TestFiles.write(binary("2 2\n", [("ab", [1, 2]), ("c", [-0.5, 3])], newline: newline), name: "v.bin")
            let (v, format) = try WordVectorFile.read(path: path)
            XCTAssertEqual(format, .word2vecBinary)
            XCTAssertEqual(v.words, ["ab", "c"])
            XCTAssertEqual(v.values, [1, 2, -0.5, 3])
        }
    }

    func testGloVeHasNoHeader() throws {
        let path = TestFiles.write("the 0.1 0.2\nof -1 2e-3\n", name: "glove.txt")
        XCTAssertTrue(WordVectorFile.looksLikeVectors(path: path))
        let (v, format) = try WordVectorFile.read(path: path)
        XCTAssertEqual(format, .glove)
        XCTAssertEqual(v.words, ["the", "of"])
        XCTAssertEqual(v.dimension, 2)
        XCTAssertFalse(WordVectorFile.looksLikeVectors(path: TestFiles.data("sentences/imdb_labelled.txt")))
    }

    func testBadInputIsAnErrorWithItsPlace() {
        let cases: [(String, [UInt8], String)] = [
            ("short.vec", Array("2 3\na 1 2 3\nb 1 2\n".utf8), "F:3: 'b' has 2 numbers; the header says 3"),
            ("glove.txt", Array("a 1 2 3\nb 1 2 3 4\n".utf8), "F:2: 'b' has 4 numbers; as many as the first line (3)"),
            ("few.vec", Array("3 2\na 1 2\nb 3 4\n".utf8), "F:3: the header says 3 words but the file holds 2"),
            ("many.vec", Array("1 2\na 1 2\nb 3 4\n".utf8), "F:3: the header says 1 words but more lines follow"),
            ("nan.vec", Array("1 2\na 1 x\n".utf8), "F:2: 'x' in the vector of 'a' is not a finite number"),
            ("twice.vec", Array("2 1\na 1\na 2\n".utf8), "F:3: 'a' already has a vector (line 2)"),
            ("latin1.vec", Array("1 1\n".utf8) + [0x63, 0x61, 0x66, 0xE9, 32, 0x31, 10], "F:2: the word is not valid UTF-8"),
            ("cut.bin", Array(binary("2 2\n", [("a", [1, 2]), ("b", [3, 4])]).dropLast(6)),
             "F: entry 2 'b' (byte 17): the file ends after 3 of its vector's 8 bytes"),
            ("lies.bin", binary("3 2\n", [("a", [1, 2]), ("b", [3, 4])]), "F: the header says 3 words but the file ends after 2 (byte 26)"),
            ("more.bin", binary("1 2\n", [("a", [1, 2]), ("b", [3, 4])]), "F: the header says 1 words but more data follows (byte 15)"),
            ("empty.vec", [], "F: the file is empty"),
        ]
        for (name, bytes, expected) in cases {
            XCTAssertEqual(message(TestFiles.write(bytes, name: name)), expected, name)
        }
        var bad = Array("1 1\n".utf8) + [0x63, 0x61, 0x66, 0xE9, 32]
        withUnsafeBytes(of: Float(1).bitPattern.littleEndian) { bad += $0 }
        XCTAssertEqual(message(TestFiles.write(bad, name: "latin1.bin")), "F: entry 1 (byte 4): the word is not valid UTF-8")
    }

    func testWordsWithWhitespaceCannotBeWritten() throws {
        let v = try WordVectors(words: ["a b"], dimension: 1, values: [1], source: "t")
        let path = TestFiles.scratch().appendingPathComponent("v.vec").path
        XCTAssertThrowsError(try WordVectorFile.writeText(v, to: path))
        XCTAssertFalse(FileManager.default.fileExists(atPath: path))
    }
}
