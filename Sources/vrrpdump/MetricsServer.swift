import Dispatch
import FlyingFox
import FlyingSocks
import Foundation
import Synchronization

/// The HTTP side of `--metrics`: FlyingFox serving `GET /metrics` only (anything else is a 404) on
/// its own tasks, while the capture loop keeps its thread. `start` returns once the socket listens,
/// or throws, so that a port in use is one error line before any capture starts.
final class MetricsServer {
    struct Failure: Error, CustomStringConvertible {
        let endpoint: MetricsEndpoint
        let reason: String
        var description: String { "--metrics \(endpoint): cannot listen: \(reason)" }
    }

    static let contentType = "text/plain; version=0.0.4; charset=utf-8"
    /// How long a slow scraper may hold a connection.
    static let timeout: TimeInterval = 15

    private let server: HTTPServer
    private let task: Task<Void, Never>

    private init(server: HTTPServer, task: Task<Void, Never>) {
        self.server = server
        self.task = task
    }

    /// - Parameter scrape: builds the exposition text, on the server's threads.
    static func start(_ endpoint: MetricsEndpoint, scrape: @escaping @Sendable () -> [UInt8]) throws(Failure) -> MetricsServer {
        let server: HTTPServer
        do {
            server = endpoint.isIPv6
                ? HTTPServer(address: try .inet6(ip6: endpoint.host, port: endpoint.port), timeout: timeout, logger: .disabled)
                : HTTPServer(address: try .inet(ip4: endpoint.host, port: endpoint.port), timeout: timeout, logger: .disabled)
        } catch {
            throw Failure(endpoint: endpoint, reason: String(describing: error))
        }
        let failure = FirstFailure()
        let settled = DispatchSemaphore(value: 0)
        let task = Task { @Sendable in
            await server.appendRoute("GET /metrics") { _ in
                HTTPResponse(statusCode: .ok, headers: [.contentType: contentType], body: Data(scrape()))
            }
            do {
                try await server.run()
            } catch {
                failure.note(error)
                settled.signal()
            }
        }
        Task { @Sendable in
            do {
                try await server.waitUntilListening(timeout: 10)
            } catch {
                failure.note(error)
            }
            settled.signal()
        }
        settled.wait()
        if let reason = failure.reason {
            task.cancel()
            throw Failure(endpoint: endpoint, reason: reason)
        }
        return MetricsServer(server: server, task: task)
    }

    func stop() {
        task.cancel()
    }

    /// Why starting failed: the first of the server's and the wait's errors.
    private final class FirstFailure: Sendable {
        private let first = Mutex<String?>(nil)

        func note(_ error: any Error) {
            // The socket's own words ("Address already in use"), not the enum's spelling.
            let reason = if case SocketError.failed(_, _, let message) = error { message } else { String(describing: error) }
            first.withLock { $0 = $0 ?? reason }
        }

        var reason: String? { first.withLock { $0 } }
    }
}
