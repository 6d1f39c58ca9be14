import Codec
import ElectionModel
import Prometheus
import Sniffer
import Synchronization

/// The sensor's Prometheus metrics: the analyser's events (as they are decided) and its summaries
/// (at each scrape) mapped onto bounded series.
///
/// Events count what happened (master changes by cause, failover gaps, anomalies); summaries give the
/// state now (who is master, each router's priority, interval, adverts). Thread-safe, and the
/// analyser never waits for a scrape: events and libpcap's counters take only the admission's lock
/// (one lookup) and the registries' own, while a scrape holds the state series' lock for its update.
///
/// Two swift-prometheus registries share the families between them: the steady ones change with
/// events, seldom from one scrape to the next, so their text is kept and emitted again only after a
/// change; the busy ones (adverts and capture counters) grow with every packet and are emitted at
/// every scrape. Formatting a thousand virtual routers' steady series was most of a scrape's work.
public final class SensorMetrics: Sendable {
    /// Failover gap buckets, seconds, around keepalived's timing with 1 s adverts: a preemption or a
    /// high-priority backup's resignation (skew time ≤ 0.25 s), any resignation (< 1 s), a master-down
    /// failover (3 × 1 s + skew: 3.2–3.6 s for priorities 200–100, 3.6–4 s below), and slower.
    /// Seven buckets, because every virtual router with a failover carries them in every scrape.
    public static let gapBuckets: [Double] = [0.25, 1, 3, 3.5, 4, 5, 10]

    private let steady = PrometheusCollectorRegistry()
    private let busy = PrometheusCollectorRegistry()
    /// The families in `busy`.
    private static let busyFamilies: Set<Metric> = [
        .routerAdverts, .capturePacketsReceived, .captureKernelDrops, .captureInterfaceDrops, .captureGaps,
    ]
    /// Set after a steady series changes or one is added or removed: the kept text is stale.
    private let steadyChanged = Atomic<Bool>(true)
    private let admission: Mutex<Admission>
    private let routerLimit: Int
    /// By the analyser's identity, so that a scrape neither formats nor hashes labels.
    private let state = Mutex<[VirtualRouterID: VirtualRouterSeries]>([:])
    private let statistics = Mutex<CaptureStatistics?>(nil)
    private let text = Mutex(Exposition())
    private let captureLabels: [(String, String)]

    /// A virtual router's state series, looked up in the registry once: a scrape then only sets
    /// values (the registry's lookups and its copy-on-add families would dominate a large scrape).
    private struct VirtualRouterSeries: Sendable {
        let labels: VirtualRouterLabels
        var advertising: KeptGauge
        var splitBrain: KeptGauge
        let announcements: Counter
        /// What the counter already holds of the summary's total.
        var announced = 0
        /// The info series now exported, so that a change removes the old one.
        var master: (router: IPAddress, series: Gauge)?
        /// Routers with series, at most `LabelLimits.routersPerVirtualRouter` (searched in order: a
        /// handful, cheaper than hashing), first come first served.
        var routers: [RouterSeries] = []
        /// Routers refused by the limit, each counted once.
        var refused: Set<IPAddress> = []
    }

    private struct RouterSeries: Sendable {
        let address: IPAddress
        let labels: [(String, String)]
        let adverts: Counter
        var priority: KeptGauge
        var interval: KeptGauge
        var counted = 0
        var checksumForm: (form: ChecksumForm?, series: Gauge)?
    }

    /// A gauge set at every scrape, and its value: setting the same value again changes nothing.
    private struct KeptGauge: Sendable {
        let series: Gauge
        private var value: Double?

        init(_ series: Gauge) {
            self.series = series
        }

        /// True when the value changed.
        mutating func set(to new: Double) -> Bool {
            guard value != new else { return false }
            value = new
            series.set(to: new)
            return true
        }
    }

    /// The text of the last scrape, and of the steady series as they were last emitted.
    private struct Exposition: Sendable {
        var steady: [UInt8] = []
        var all: [UInt8] = []
    }

    /// - Parameter interface: the capture interface, labelling the capture counters and the virtual
    ///   routers seen on it.
    public init(interface: String, limits: LabelLimits = LabelLimits(), version: String) {
        admission = Mutex(Admission(limits: limits, captureInterface: interface))
        routerLimit = limits.routersPerVirtualRouter
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

    /// Whoever changes a steady series (or adds or removes one) calls `noteSteadyChanged` after it.
    private func counter(_ metric: Metric, _ labels: [(String, String)]) -> Counter {
        (Self.busyFamilies.contains(metric) ? busy : steady).makeCounter(descriptor: metric.descriptor, labels: labels)
    }

    private func gauge(_ metric: Metric, _ labels: [(String, String)]) -> Gauge {
        steady.makeGauge(descriptor: metric.descriptor, labels: labels)
    }

    private func noteSteadyChanged() {
        steadyChanged.store(true, ordering: .releasing)
    }

    /// The capture ended: `vrrpdump_capture_running` reads 0 for a last scrape.
    public func captureStopped() {
        gauge(.captureRunning, captureLabels).set(to: 0)
        noteSteadyChanged()
    }

    // MARK: Events

    /// Counts what the analyser decided.
    public func record(_ events: [TimelineEvent]) {
        for event in events { record(event) }
    }

    private func record(_ event: TimelineEvent) {
        guard let vr = event.vr else {
            if case .captureGap = event.detail {
                counter(.captureGaps, captureLabels).increment()
            }
            return
        }
        guard let labels = admit(vr) else { return }
        switch event.detail {
        case .master(let change):
            counter(.masterChanges, labels.with(("cause", change.cause.rawValue))).increment()
            if let gap = change.gap {
                steady.makeValueHistogram(descriptor: Metric.failoverGap.descriptor, labels: labels.pairs, buckets: Self.gapBuckets)
                    .record(Double(gap) / 1e9)
            }
            gauge(.lastMasterChange, labels.pairs).set(to: Double(event.ts) / 1e9)
            noteSteadyChanged()
        case .resign, .priority, .splitBrainEnd:
            break
        default:
            counter(.anomalies, labels.with(("kind", event.kind.rawValue))).increment()
            noteSteadyChanged()
        }
    }

    private func admit(_ vr: VirtualRouterID) -> VirtualRouterLabels? {
        let (labels, newlyRefused) = admission.withLock { $0.admit(vr) }
        if newlyRefused { overflow("virtual_routers_per_interface", by: 1) }
        return labels
    }

    private func overflow(_ limit: String, by count: Int) {
        counter(.labelOverflow, [("limit", limit)]).increment(by: Int64(count))
        noteSteadyChanged()
    }

    // MARK: State at scrape time

    /// Brings the state series up to date with the analyser's summaries; call before each scrape.
    public func update(_ summaries: [VirtualRouterSummary]) {
        let changed = state.withLock { state in
            var changed = false
            for summary in summaries {
                if let index = state.index(forKey: summary.vr) {
                    changed = update(&state.values[index], with: summary) || changed
                } else if let labels = admit(summary.vr) {
                    var series = VirtualRouterSeries(
                        labels: labels, advertising: KeptGauge(gauge(.advertisingRouters, labels.pairs)),
                        splitBrain: KeptGauge(gauge(.splitBrain, labels.pairs)), announcements: counter(.announcements, labels.pairs))
                    _ = update(&series, with: summary)
                    state[summary.vr] = series
                    changed = true
                }
            }
            return changed
        }
        if changed { noteSteadyChanged() }
    }

    /// True when a gauge changed.
    private func update(_ series: inout VirtualRouterSeries, with summary: VirtualRouterSummary) -> Bool {
        var changed = series.advertising.set(to: Double(summary.advertising.count))
        changed = series.splitBrain.set(to: summary.splitBrainOngoing ? 1 : 0) || changed
        changed = setMaster(summary.master, in: &series) || changed
        let announcements = summary.routers.reduce(0) { $0 + $1.announcements }
        if announcements > series.announced {
            series.announcements.increment(by: Int64(announcements - series.announced))
            series.announced = announcements
            changed = true
        }
        var refused = 0
        for router in summary.routers {
            if let index = series.routers.firstIndex(where: { $0.address == router.address }) {
                changed = update(&series.routers[index], with: router) || changed
            } else if series.routers.count < routerLimit {
                let pairs = series.labels.with(("router", String(describing: router.address)))
                var added = RouterSeries(address: router.address, labels: pairs, adverts: counter(.routerAdverts, pairs),
                                         priority: KeptGauge(gauge(.routerPriority, pairs)),
                                         interval: KeptGauge(gauge(.routerInterval, pairs)))
                _ = update(&added, with: router)
                series.routers.append(added)
                changed = true
            } else if series.refused.insert(router.address).inserted {
                refused += 1
            }
        }
        if refused > 0 { overflow("routers_per_virtual_router", by: refused) }
        return changed
    }

    /// One info series per virtual router, for its master now: the old one goes when the master changes
    /// (or none reigns), so two routers never both read 1.
    /// True when it changed.
    private func setMaster(_ master: IPAddress?, in series: inout VirtualRouterSeries) -> Bool {
        if let current = series.master {
            if current.router == master { return false }
            steady.unregisterGauge(current.series)
            series.master = nil
        }
        if let master {
            let info = gauge(.masterInfo, series.labels.with(("router", String(describing: master))))
            info.set(to: 1)
            series.master = (master, info)
        }
        return true
    }

    /// True when a gauge changed.
    private func update(_ series: inout RouterSeries, with router: RouterSummary) -> Bool {
        if router.adverts > series.counted {
            series.adverts.increment(by: Int64(router.adverts - series.counted))
            series.counted = router.adverts
        }
        var changed = series.priority.set(to: Double(router.priority))
        changed = series.interval.set(to: Double(router.interval) / 1e9) || changed
        if let current = series.checksumForm, current.form == router.checksumForm { return changed }
        if let current = series.checksumForm { steady.unregisterGauge(current.series) }
        let info = gauge(.routerChecksumForm, series.labels + [("form", router.checksumForm?.rawValue ?? "n/a")])
        info.set(to: 1)
        series.checksumForm = (router.checksumForm, info)
        return true
    }

    /// libpcap's counters (32 bits, which wrap): their growth is added to the capture counters.
    public func update(_ statistics: CaptureStatistics) {
        let previous = self.statistics.withLock { last in
            defer { last = statistics }
            return last ?? CaptureStatistics(received: 0, droppedByKernel: 0, droppedByInterface: 0)
        }
        for (metric, now, before) in [(Metric.capturePacketsReceived, statistics.received, previous.received),
                                      (.captureKernelDrops, statistics.droppedByKernel, previous.droppedByKernel),
                                      (.captureInterfaceDrops, statistics.droppedByInterface, previous.droppedByInterface)]
        where now != before {
            counter(metric, captureLabels).increment(by: Int64(now &- before))
        }
    }

    /// Gives `body` the exposition text (Prometheus text format 0.0.4), emitted into buffers kept
    /// from scrape to scrape (a megabyte or two for a thousand virtual routers): the steady series'
    /// text only after a change, the busy ones' every time.
    public func withExposition<Result: Sendable>(_ body: ([UInt8]) -> Result) -> Result {
        text.withLock { text in
            if steadyChanged.exchange(false, ordering: .acquiring) {
                text.steady.removeAll(keepingCapacity: true)
                steady.emit(into: &text.steady)
            }
            text.all.removeAll(keepingCapacity: true)
            text.all.append(contentsOf: text.steady)
            busy.emit(into: &text.all)
            return body(text.all)
        }
    }
}
