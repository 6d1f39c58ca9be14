import NIOCore
import NIOHTTP1

/// One connection of the metrics server: answers each request once it is complete (a scrape's body
/// is ignored), keeping the connection when the client asks to.
final class MetricsRequestHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    static let contentType = "text/plain; version=0.0.4; charset=utf-8"
    /// How long a slow scraper may hold an idle connection.
    static let timeout = TimeAmount.seconds(15)

    private let scrape: @Sendable (inout ByteBuffer) -> Void
    private var request: HTTPRequestHead?

    init(scrape: @escaping @Sendable (inout ByteBuffer) -> Void) {
        self.scrape = scrape
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            request = head
        case .body:
            break
        case .end:
            guard let head = request else { return }
            request = nil
            respond(to: head, context: context)
        }
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if event is IdleStateHandler.IdleStateEvent {
            context.close(promise: nil)
        } else {
            context.fireUserInboundEventTriggered(event)
        }
    }

    private func respond(to head: HTTPRequestHead, context: ChannelHandlerContext) {
        let path = head.uri.prefix { $0 != "?" }
        var headers = HTTPHeaders()
        let status: HTTPResponseStatus
        var body = context.channel.allocator.buffer(capacity: 0)
        if path != "/metrics" {
            status = .notFound
        } else if head.method != .GET {
            status = .methodNotAllowed
            headers.add(name: "Allow", value: "GET")
        } else {
            status = .ok
            headers.add(name: "Content-Type", value: Self.contentType)
            scrape(&body)
        }
        headers.add(name: "Content-Length", value: String(body.readableBytes))
        if !head.isKeepAlive { headers.add(name: "Connection", value: "close") }
        context.write(wrapOutboundOut(.head(HTTPResponseHead(version: head.version, status: status, headers: headers))), promise: nil)
        context.write(wrapOutboundOut(.body(.byteBuffer(body))), promise: nil)
        let written = context.eventLoop.makePromise(of: Void.self)
        context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: written)
        if !head.isKeepAlive {
            let channel = context.channel
            written.futureResult.whenComplete { _ in channel.close(promise: nil) }
        }
    }
}
