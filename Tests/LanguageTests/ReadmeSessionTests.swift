import Foundation
import XCTest

/// The README's "A session", typed as shown, prints what the README shows.
final class ReadmeSessionTests: XCTestCase {
    /// The session block of README.md: the lines after a prompt are typed, the others are the output.
    func readmeSession() throws -> (input: String, output: String) {
        let readme = try String(contentsOfFile: RepositoryPaths.root + "/README.md", encoding: .utf8)
        let section = try XCTUnwrap(readme.components(separatedBy: "## A session\n").dropFirst().first)
        let block = try XCTUnwrap(section.components(separatedBy: "```").dropFirst().first)
        var input = "", output = ""
        for line in block.split(separator: "\n", omittingEmptySubsequences: false).dropFirst().dropLast() {
            if line.hasPrefix("lab> ") || line.hasPrefix("...> ") { input += line.dropFirst(5) + "\n" } else { output += line + "\n" }
        }
        return (input, output)
    }

    /// Progress timings vary from run to run; everything else must match.
    func maskingTimings(_ text: String) -> String {
        text.replacingOccurrences(of: #"- \d+s \d+(us|ms|s)/step"#, with: "- Ts T/step", options: .regularExpression)
    }

    /// The text with each number replaced by `#`, and the numbers in order.
    func skeleton(_ line: Substring) -> (text: String, numbers: [Double]) {
        let pattern = #/-?\d[\d,]*(\.\d+)?(e[-+]?\d+)?/#
        let numbers = line.matches(of: pattern).compactMap { Double(String(line[$0.range]).replacingOccurrences(of: ",", with: "")) }
        return (String(line.replacing(pattern, with: "#")), numbers)
    }

    /// The README shows the bits of OpenBLAS's Zen/Haswell kernels (any thread count: see the determinism
    /// contract); there the output must match exactly. Other kernel families (SkylakeX on AVX-512) round
    /// the last bits differently, which four epochs can grow to a few 1e-3 in a metric and move a braille
    /// dot: there every line but the chart's plotted rows must match with numbers within 0.02.
    func testTheReadmeSessionPrintsWhatTheReadmeShows() throws {
        let version = try LabProcess.pipe("", arguments: ["--version"]).output
        let recordedFamily = version.contains("OpenBLAS Zen") || version.contains("OpenBLAS Haswell")
        let session = try readmeSession()
        XCTAssertTrue(session.input.hasPrefix("seed 7\n"), "the numbers depend on the seed, so the session shows it")
        let run = try LabProcess.pipe(session.input)
        XCTAssertEqual(run.errors, "")
        let got = maskingTimings(run.output), shown = maskingTimings(session.output)
        if recordedFamily { XCTAssertEqual(got, shown); return }
        let gotLines = got.split(separator: "\n", omittingEmptySubsequences: false)
        let shownLines = shown.split(separator: "\n", omittingEmptySubsequences: false)
        XCTAssertEqual(gotLines.count, shownLines.count, got)
        let isBraille = { (line: Substring) in line.unicodeScalars.contains { (0x2801...0x28FF).contains($0.value) } }
        for (a, b) in zip(gotLines, shownLines) where !isBraille(a) && !isBraille(b) {
            let (x, y) = (skeleton(a), skeleton(b))
            XCTAssertEqual(x.text, y.text)
            XCTAssertEqual(x.numbers.count, y.numbers.count, "\(a)")
            for (u, v) in zip(x.numbers, y.numbers) { XCTAssertEqual(u, v, accuracy: 0.02, "\(a) vs \(b)") }
        }
    }
}
