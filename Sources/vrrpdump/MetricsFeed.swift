import NIOCore
import SensorMetrics
import Sniffer
import Synchronization

/// `--metrics` during one live capture: the analyser's events reach `SensorMetrics` through the
/// `TimelineOutput`; this serves them and adds libpcap's counters, read on the capture's own thread
/// (libpcap handles are not shared) at most once per tick of packet time.
final class MetricsFeed {
    let metrics: SensorMetrics
    private var server: MetricsServer?
    private var lastStatistics: Int64?

    init(interface: String) {
        metrics = SensorMetrics(interface: interface, version: Version.current)
    }

    /// Starts serving; each scrape first brings the state series up to date with the analyser (whose
    /// lock is held only while its statuses are copied), then writes the text into the response once,
    /// sized by the previous scrape's.
    func serve(_ endpoint: MetricsEndpoint, output: TimelineOutput) throws(MetricsServer.Failure) {
        let metrics = self.metrics
        let scrape = ScrapeBuffers()
        server = try MetricsServer.start(endpoint) { body in
            scrape.kept.withLock { kept in
                output.statuses(into: &kept.statuses)
                metrics.update(kept.statuses)
                body.reserveCapacity(minimumWritableBytes: kept.size)
                metrics.writeExposition { body.writeBytes($0) }
                kept.size = body.readableBytes
            }
        }
    }

    /// What one scrape leaves the next: the statuses' arrays, and the exposition's size.
    private final class ScrapeBuffers: Sendable {
        struct Kept {
            var statuses = VirtualRouterStatuses()
            var size = 0
        }

        let kept = Mutex(Kept())
    }

    /// After a packet: libpcap's counters, once per tick.
    func note(_ capture: any PacketSource, at timestamp: Int64) {
        if let lastStatistics, timestamp &- lastStatistics < TimelineSession.tick { return }
        lastStatistics = timestamp
        if let statistics = capture.statistics { metrics.update(statistics) }
    }

    /// The capture ended: final counters; `vrrpdump_capture_running` reads 0.
    func finish(_ capture: any PacketSource) {
        if let statistics = capture.statistics { metrics.update(statistics) }
        metrics.captureStopped()
        server?.stop()
    }
}
