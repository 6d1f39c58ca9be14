import Codec
import ElectionModel
import Prometheus
import Sniffer
import Synchronization

/// The sensor's Prometheus metrics: the analyser's events (as they are decided) and its summaries
/// (at each scrape) mapped onto bounded series of one registry.
///
/// Events count what happened (master changes by cause, failover gaps, anomalies); summaries give the
/// state now (who is master, each router's priority, interval, adverts). Thread-safe: events arrive
/// under the analyser's lock, scrapes on the HTTP server's threads.
public final class SensorMetrics: Sendable {
    /// Failover gap buckets, seconds: sub-second preemption up to far beyond keepalived's default
    /// master-down interval (3 × 1 s + skew).
    public static let gapBuckets: [Double] = [0.05, 0.1, 0.25, 0.5, 1, 2, 3, 3.5, 4, 5, 10, 30, 60]

    public let registry = PrometheusCollectorRegistry()
    private let state: Mutex<State>
    private let captureLabels: [(String, String)]

    private struct RouterKey: Hashable, Sendable {
        let vr: VirtualRouterLabels
        let router: IPAddress
    }

    /// A virtual router's state series, looked up in the registry once: a scrape then only sets
    /// values (the registry's lookups and its copy-on-add families would dominate a large scrape).
    private struct VirtualRouterSeries: Sendable {
        let advertising: Gauge
        let splitBrain: Gauge
        let announcements: Counter
        /// What the counter already holds of the summary's total.
        var announced = 0
        /// The info series now exported, so that a change removes the old one.
        var master: (router: String, series: Gauge)?
    }

    private struct RouterSeries: Sendable {
        let labels: [(String, String)]
        let adverts: Counter
        let priority: Gauge
        let interval: Gauge
        var counted = 0
        var checksumForm: (form: String, series: Gauge)?
    }

    private struct State: Sendable {
        var admission: Admission
        var virtualRouters: [VirtualRouterLabels: VirtualRouterSeries] = [:]
        var routers: [RouterKey: RouterSeries] = [:]
        var statistics: CaptureStatistics?
    }

    /// - Parameter interface: the capture interface, labelling the capture counters and the virtual
    ///   routers seen on it.
    public init(interface: String, limits: LabelLimits = LabelLimits(), version: String) {
        state = Mutex(State(admission: Admission(limits: limits, captureInterface: interface)))
        captureLabels = [("interface", interface)]
        gauge(.buildInfo, [("version", version)]).set(to: 1)
        gauge(.captureRunning, captureLabels).set(to: 1)
        // Present from the start, so that rates and alerts see zeros rather than nothing.
        for metric in [Metric.capturePacketsReceived, .captureKernelDrops, .captureInterfaceDrops, .captureGaps] {
            _ = counter(metric, captureLabels)
        }
        for limit in ["virtual_routers_per_interface", "routers_per_virtual_router"] {
            _ = counter(.labelOverflow, [("limit", limit)])
        }
    }

    private func counter(_ metric: Metric, _ labels: [(String, String)]) -> Counter {
        registry.makeCounter(descriptor: metric.descriptor, labels: labels)
    }

    private func gauge(_ metric: Metric, _ labels: [(String, String)]) -> Gauge {
        registry.makeGauge(descriptor: metric.descriptor, labels: labels)
    }

    /// The capture ended: `vrrpdump_capture_running` reads 0 for a last scrape.
    public func captureStopped() {
        gauge(.captureRunning, captureLabels).set(to: 0)
    }

    // MARK: Events

    /// Counts what the analyser decided.
    public func record(_ events: [TimelineEvent]) {
        guard !events.isEmpty else { return }
        state.withLock { state in
            for event in events { record(event, in: &state) }
        }
    }

    private func record(_ event: TimelineEvent, in state: inout State) {
        guard let vr = event.vr else {
            if case .captureGap = event.detail {
                counter(.captureGaps, captureLabels).increment()
            }
            return
        }
        guard let labels = admit(vr, in: &state) else { return }
        switch event.detail {
        case .master(let change):
            counter(.masterChanges, labels.with(("cause", change.cause.rawValue))).increment()
            if let gap = change.gap {
                registry.makeValueHistogram(descriptor: Metric.failoverGap.descriptor, labels: labels.pairs, buckets: Self.gapBuckets)
                    .record(Double(gap) / 1e9)
            }
            gauge(.lastMasterChange, labels.pairs).set(to: Double(event.ts) / 1e9)
        case .resign, .priority, .splitBrainEnd:
            break
        default:
            counter(.anomalies, labels.with(("kind", event.kind.rawValue))).increment()
        }
    }

    private func admit(_ vr: VirtualRouterID, in state: inout State) -> VirtualRouterLabels? {
        let before = state.admission.refusedVirtualRouters.count
        let labels = state.admission.admit(vr)
        let refused = state.admission.refusedVirtualRouters.count - before
        if refused > 0 { overflow("virtual_routers_per_interface", by: refused) }
        return labels
    }

    private func overflow(_ limit: String, by count: Int) {
        counter(.labelOverflow, [("limit", limit)]).increment(by: Int64(count))
    }

    // MARK: State at scrape time

    /// Brings the state series up to date with the analyser's summaries; call before each scrape.
    public func update(_ summaries: [VirtualRouterSummary]) {
        state.withLock { state in
            for summary in summaries {
                guard let labels = admit(summary.vr, in: &state) else { continue }
                update(summary, labels: labels, in: &state)
            }
        }
    }

    private func update(_ summary: VirtualRouterSummary, labels: VirtualRouterLabels, in state: inout State) {
        var series = state.virtualRouters[labels] ?? VirtualRouterSeries(
            advertising: gauge(.advertisingRouters, labels.pairs), splitBrain: gauge(.splitBrain, labels.pairs),
            announcements: counter(.announcements, labels.pairs))
        series.advertising.set(to: Double(summary.advertising.count))
        series.splitBrain.set(to: summary.splitBrainOngoing ? 1 : 0)
        setMaster(summary.master, labels: labels, in: &series)
        let announcements = summary.routers.reduce(0) { $0 + $1.announcements }
        if announcements > series.announced {
            series.announcements.increment(by: Int64(announcements - series.announced))
            series.announced = announcements
        }
        state.virtualRouters[labels] = series
        let refusedBefore = state.admission.refusedRouters
        for router in summary.routers where state.admission.admit(router.address, of: labels) {
            update(router, labels: labels, in: &state)
        }
        let refused = state.admission.refusedRouters - refusedBefore
        if refused > 0 { overflow("routers_per_virtual_router", by: refused) }
    }

    /// One info series per virtual router, for its master now: the old one goes when the master changes
    /// (or none reigns), so two routers never both read 1.
    private func setMaster(_ master: IPAddress?, labels: VirtualRouterLabels, in series: inout VirtualRouterSeries) {
        let router = master.map { String(describing: $0) }
        if let current = series.master {
            if current.router == router { return }
            registry.unregisterGauge(current.series)
            series.master = nil
        }
        guard let router else { return }
        let info = gauge(.masterInfo, labels.with(("router", router)))
        info.set(to: 1)
        series.master = (router, info)
    }

    private func update(_ router: RouterSummary, labels: VirtualRouterLabels, in state: inout State) {
        let key = RouterKey(vr: labels, router: router.address)
        var series = state.routers[key] ?? {
            let pairs = labels.with(("router", String(describing: router.address)))
            return RouterSeries(labels: pairs, adverts: counter(.routerAdverts, pairs), priority: gauge(.routerPriority, pairs),
                                interval: gauge(.routerInterval, pairs))
        }()
        if router.adverts > series.counted {
            series.adverts.increment(by: Int64(router.adverts - series.counted))
            series.counted = router.adverts
        }
        series.priority.set(to: Double(router.priority))
        series.interval.set(to: Double(router.interval) / 1e9)
        let form = router.checksumForm?.rawValue ?? "n/a"
        if series.checksumForm?.form != form {
            if let current = series.checksumForm { registry.unregisterGauge(current.series) }
            let info = gauge(.routerChecksumForm, series.labels + [("form", form)])
            info.set(to: 1)
            series.checksumForm = (form, info)
        }
        state.routers[key] = series
    }

    /// libpcap's counters (32 bits, which wrap): their growth is added to the capture counters.
    public func update(_ statistics: CaptureStatistics) {
        state.withLock { state in
            let previous = state.statistics ?? CaptureStatistics(received: 0, droppedByKernel: 0, droppedByInterface: 0)
            state.statistics = statistics
            for (metric, now, before) in [(Metric.capturePacketsReceived, statistics.received, previous.received),
                                          (.captureKernelDrops, statistics.droppedByKernel, previous.droppedByKernel),
                                          (.captureInterfaceDrops, statistics.droppedByInterface, previous.droppedByInterface)]
            where now != before {
                counter(metric, captureLabels).increment(by: Int64(now &- before))
            }
        }
    }

    /// The exposition text (Prometheus text format 0.0.4).
    public func exposition() -> [UInt8] {
        registry.emitToBuffer()
    }
}
