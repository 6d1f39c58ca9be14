#if canImport(Glibc)
import Glibc
#endif
import NIOCore
import NIOHTTP1
import NIOPosix

/// The HTTP side of `--metrics`: swift-nio's HTTP/1 server on one event-loop thread of its own,
/// serving `GET /metrics` only (another path is a 404, another method a 405), while the capture loop
/// keeps its thread. `start` returns once the socket listens, or throws, so that a port in use is one
/// error line before any capture starts.
final class MetricsServer {
    struct Failure: Error, CustomStringConvertible {
        let endpoint: MetricsEndpoint
        let reason: String
        var description: String { "--metrics \(endpoint): cannot listen: \(reason)" }
    }

    private let group: MultiThreadedEventLoopGroup
    private let channel: any Channel

    private init(group: MultiThreadedEventLoopGroup, channel: any Channel) {
        self.group = group
        self.channel = channel
    }

    /// - Parameter scrape: writes the exposition text into a response body, on the server's thread.
    static func start(_ endpoint: MetricsEndpoint, scrape: @escaping @Sendable (inout ByteBuffer) -> Void) throws(Failure) -> MetricsServer {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let bootstrap = ServerBootstrap(group: group)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    let pipeline = channel.pipeline.syncOperations
                    try pipeline.configureHTTPServerPipeline()
                    try pipeline.addHandler(IdleStateHandler(readTimeout: MetricsRequestHandler.timeout))
                    try pipeline.addHandler(MetricsRequestHandler(scrape: scrape))
                }
            }
        do {
            let channel = try bootstrap.bind(host: endpoint.host, port: Int(endpoint.port)).wait()
            return MetricsServer(group: group, channel: channel)
        } catch {
            try? group.syncShutdownGracefully()
            // The socket's own words ("Address already in use"), not NIO's spelling of the call.
            let reason = if let error = error as? IOError { String(cString: strerror(error.errnoCode)) } else { String(describing: error) }
            throw Failure(endpoint: endpoint, reason: reason)
        }
    }

    func stop() {
        try? channel.close().wait()
        try? group.syncShutdownGracefully()
    }
}
