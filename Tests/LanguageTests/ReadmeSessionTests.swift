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

    func testTheReadmeSessionPrintsWhatTheReadmeShows() throws {
        let version = try LabProcess.pipe("", arguments: ["--version"]).output
        guard version.contains("threads: 2)"), version.contains("OpenBLAS Zen") || version.contains("OpenBLAS Haswell") else {
            throw XCTSkip("the README shows the numbers of OpenBLAS's Zen/Haswell kernels at 2 threads; this is \(version)")
        }
        let session = try readmeSession()
        XCTAssertTrue(session.input.hasPrefix("seed 7\n"), "the numbers depend on the seed, so the session shows it")
        let run = try LabProcess.pipe(session.input)
        XCTAssertEqual(run.errors, "")
        XCTAssertEqual(maskingTimings(run.output), maskingTimings(session.output))
    }
}
