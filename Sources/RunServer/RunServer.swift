import FlyingFox
import FlyingSocks
import Foundation
import RunStore

/// `lab serve`: a local HTTP server over a run store (FlyingFox), on 127.0.0.1 unless told
/// otherwise. Every request reads the store afresh, so runs another lab process is training
/// appear epoch by epoch.
///
/// Routes: `/` the page, `/api/runs` the list as JSON, `/run/ID` one run's fragment,
/// `/compare?ids=1,2` a comparison fragment.
public final class RunServer: @unchecked Sendable {
    private let server: HTTPServer
    /// The address served, `127.0.0.1:8080`.
    public let address: String

    /// Starts serving `store` on `host`:`port` in the background and waits until it listens.
    /// - Throws: when the address cannot be bound (a port in use), with the reason.
    public init(store: RunStore, host: String = "127.0.0.1", port: UInt16) throws {
        let handler = RunRequests(store: store)
        server = HTTPServer(address: try .inet(ip4: host, port: port), logger: .disabled, handler: handler)
        address = "\(host):\(port)"
        let server = self.server
        let started = DispatchSemaphore(value: 0)
        let failure = FailureBox()
        Task.detached {
            do {
                try await server.run()
            } catch {
                failure.set(error)
                started.signal()
            }
        }
        Task.detached {
            try? await server.waitUntilListening(timeout: 10)
            started.signal()
        }
        started.wait()
        if let error = failure.error { throw error }
    }

    /// Stops serving.
    public func stop() {
        let server = self.server
        let done = DispatchSemaphore(value: 0)
        Task.detached {
            await server.stop()
            done.signal()
        }
        done.wait()
    }
}

/// An error from the serving task.
private final class FailureBox: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Error?
    func set(_ e: Error) { lock.withLock { stored = e } }
    var error: Error? { lock.withLock { stored } }
}

/// Answers the page's requests from the store.
struct RunRequests: HTTPHandler {
    let store: RunStore

    func handleRequest(_ request: HTTPRequest) async throws -> HTTPResponse {
        do {
            switch request.path {
            case "/":
                return ok(RunPages.page, type: "text/html; charset=utf-8")
            case "/api/runs":
                return ok(RunPages.runsJSON(try store.recent(limit: 200)), type: "application/json")
            case "/compare":
                let ids = (request.query["ids"] ?? "").split(separator: ",").compactMap { Int64($0) }
                let runs = try ids.map { try store.run($0) }.filter { $0.kind == .train }
                return ok(RunPages.compareFragment(runs), type: "text/html; charset=utf-8")
            case let path where path.hasPrefix("/run/"):
                guard let id = Int64(path.dropFirst("/run/".count)) else { return notFound() }
                return ok(RunPages.runFragment(try store.run(id)), type: "text/html; charset=utf-8")
            default:
                return notFound()
            }
        } catch let error as RunStoreError {
            if case .noSuchRun = error { return notFound() }
            return HTTPResponse(statusCode: .internalServerError, body: Data("\(error)\n".utf8))
        }
    }

    private func ok(_ text: String, type: String) -> HTTPResponse {
        HTTPResponse(statusCode: .ok, headers: [.contentType: type, HTTPHeader("Cache-Control"): "no-store"], body: Data(text.utf8))
    }

    private func notFound() -> HTTPResponse { HTTPResponse(statusCode: .notFound, body: Data("not found\n".utf8)) }
}
