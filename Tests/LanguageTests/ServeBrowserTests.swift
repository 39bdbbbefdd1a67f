import Foundation
import RunStore
import XCTest

/// `lab serve` in a real browser: headless Chromium (Debian's `chromium`; `.ci/run` installs it)
/// loads the page from a server this test starts, runs its script, and the test reads the DOM.
final class ServeBrowserTests: XCTestCase {
    var folder = ""
    var store: String { folder + "/runs/lab.sqlite" }
    var processes: [Process] = []
    let chromium = "/usr/bin/chromium"

    override func setUpWithError() throws {
        guard FileManager.default.isExecutableFile(atPath: chromium) else {
            throw XCTSkip("no \(chromium); .ci/run installs Debian's chromium")
        }
        folder = NSTemporaryDirectory() + "serve-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        for p in processes where p.isRunning {
            kill(p.processIdentifier, SIGKILL)
            p.waitUntilExit()
        }
        try? FileManager.default.removeItem(atPath: folder)
    }

    private func launch(_ arguments: [String], output: FileHandle? = FileHandle.nullDevice) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: LabProcess.binary)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: folder)
        process.environment = ProcessInfo.processInfo.environment.merging(["LAB_STORE": store]) { $1 }
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        processes.append(process)
        return process
    }

    private func script(epochs: Int) throws -> String {
        let path = folder + "/s\(epochs).exp"
        try (SentenceScript.setup(root: RepositoryPaths.root) + """
            train m on s.train val=s.val epochs=\(epochs) batch=50
            evaluate m on s.val

            """).write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// `lab serve` on a free port; returns the page's address.
    private func serve() throws -> String {
        for _ in 0..<5 {
            let port = Int.random(in: 20_000...60_000)
            let out = Pipe()
            let process = try launch(["serve", "--port", String(port)], output: out.fileHandleForWriting)
            try out.fileHandleForWriting.close()
            let line = String(decoding: out.fileHandleForReading.availableData, as: UTF8.self)
            if line.hasPrefix("serving ") { return "http://127.0.0.1:\(port)/" }
            process.waitUntilExit()
        }
        throw XCTSkip("no free port for lab serve")
    }

    /// The page's DOM after its script ran for `budget` ms of (virtual) time.
    private func dom(_ url: String, budget: Int = 3000) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: chromium)
        process.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--virtual-time-budget=\(budget)", "--dump-dom", url]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return text
    }

    /// The number of points in the chart `id` of a DOM.
    private func points(in dom: String, chart id: String) -> Int? {
        guard let start = dom.range(of: "id=\"\(id)\""), let end = dom.range(of: "</div>", range: start.upperBound..<dom.endIndex) else { return nil }
        return dom[start.upperBound..<end.lowerBound].components(separatedBy: "<circle").count - 1
    }

    private func attribute(_ name: String, in dom: String) -> Int? {
        guard let r = dom.range(of: "\(name)=\"") else { return nil }
        return Int(dom[r.upperBound...].prefix { $0 != "\"" })
    }

    func testRunListChartPointsAndALiveRun() throws {
        let done = try launch(["run", try script(epochs: 3)])
        done.waitUntilExit()
        XCTAssertEqual(done.terminationStatus, 0)
        let page = try serve()

        let finished = try dom(page + "?run=1")
        XCTAssertEqual(finished.components(separatedBy: "class=\"run-row").count - 1, 2, "train and evaluate are listed")
        XCTAssertTrue(finished.contains("<td>val_accuracy "), finished)
        XCTAssertEqual(points(in: finished, chart: "chart-loss"), 2 * 3, "loss and val_loss: one point per epoch each")
        XCTAssertEqual(points(in: finished, chart: "chart-accuracy"), 2 * 3)

        // A run training now: the open page redraws as epochs end, each adding a point.
        _ = try launch(["run", try script(epochs: 100_000)])
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline, ((try? RunStore(path: store).run(3).epochs.count) ?? 0) < 2 { usleep(50_000) }
        let live = try dom(page + "?run=3", budget: 8_000)
        let first = try XCTUnwrap(attribute("data-first-points", in: live), live)
        let last = try XCTUnwrap(points(in: live, chart: "chart-loss"))
        XCTAssertGreaterThanOrEqual(attribute("data-redraws", in: live) ?? 0, 2, live)
        XCTAssertGreaterThan(last, first, "points were added while the page was open")
        XCTAssertEqual(last % 2, 0, "loss and val_loss have a point each per epoch")
    }
}
