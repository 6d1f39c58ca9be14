import Codec
import ElectionModel
import Prometheus
import Sniffer
import Synchronization

/// The sensor's Prometheus metrics: the analyser's events (as they are decided) and its virtual
/// routers' statuses (at each scrape) mapped onto bounded series.
///
/// Events count what happened (master changes by cause, failover gaps, anomalies); statuses give the
/// state now (who is master, each router's priority, interval, adverts). Thread-safe, and the
/// analyser never waits for a scrape: events and libpcap's counters take only the admission's lock
/// (one lookup) and the registries' own, while a scrape holds the state series' lock for its update.
///
/// The series are kept in blocks of virtual routers, each family of a block in a swift-prometheus
/// registry of its own (`SeriesBlock`): a scrape emits again only the families of the blocks in which
/// something changed since the last one, and joins the kept text of the others.
public final class SensorMetrics: Sendable {
    /// Failover gap buckets, seconds, around keepalived's timing with 1 s adverts: a preemption or a
    /// high-priority backup's resignation (skew time ≤ 0.25 s), any resignation (< 1 s), a master-down
    /// failover (3 × 1 s + skew: 3.2–3.6 s for priorities 200–100, 3.6–4 s below), and slower.
    /// Seven buckets, because every virtual router with a failover carries them in every scrape.
    public static let gapBuckets: [Double] = [0.25, 1, 3, 3.5, 4, 5, 10]

    /// The sensor's own series (build, capture, label overflow), before the virtual routers' blocks.
    private let sensor = SeriesBlock()
    private let admission: Mutex<Admission>
    private let routerLimit: Int
    private let state = Mutex(ScrapeState())
    private let statistics = Mutex<CaptureStatistics?>(nil)
    private let captureLabels: [(String, String)]

    /// The state series of every virtual router seen, kept from scrape to scrape.
    private struct ScrapeState: Sendable {
        /// Exported virtual routers, in order of admission.
        var series: [VirtualRouterSeries] = []
        /// Each identity's place in `series`, nil when it is not exported.
        var slots: [VirtualRouterID: Int?] = [:]
        /// The identities of the last statuses, in their order, and their slots: the analyser's order
        /// only grows, so a scrape finds nearly every virtual router here without hashing its identity.
        var lastOrder: [(vr: VirtualRouterID, slot: Int?)] = []
    }

    /// A virtual router's state series, looked up in the registry once: a scrape then only compares and
    /// sets values (the registry's lookups and its copy-on-add families would dominate a large scrape).
    private struct VirtualRouterSeries: Sendable {
        let labels: VirtualRouterLabels
        let block: SeriesBlock
        var advertising: KeptGauge
        var splitBrain: KeptGauge
        let announcements: Counter
        /// What the counter already holds of the routers' total.
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

    /// - Parameter interface: the capture interface, labelling the capture counters and the virtual
    ///   routers seen on it.
    public init(interface: String, limits: LabelLimits = LabelLimits(), version: String) {
        admission = Mutex(Admission(limits: limits, captureInterface: interface))
        routerLimit = limits.routersPerVirtualRouter
        captureLabels = [("interface", interface)]
        gauge(.buildInfo, [("version", version)], in: sensor).set(to: 1)
        gauge(.captureRunning, captureLabels, in: sensor).set(to: 1)
        // Present from the start, so that rates and alerts see zeros rather than nothing.
        for metric in [Metric.capturePacketsReceived, .captureKernelDrops, .captureInterfaceDrops, .captureGaps] {
            _ = counter(metric, captureLabels, in: sensor)
        }
        for limit in ["virtual_routers_per_interface", "routers_per_virtual_router"] {
            _ = counter(.labelOverflow, [("limit", limit)], in: sensor)
        }
    }

    /// Makes (or finds) a series. Whoever adds or changes one calls the block's `noteChanged` after it
    /// (a scrape on another thread may emit in between: the note must come last).
    private func counter(_ metric: Metric, _ labels: [(String, String)], in block: SeriesBlock) -> Counter {
        block.registry(metric).makeCounter(descriptor: metric.descriptor, labels: labels)
    }

    private func gauge(_ metric: Metric, _ labels: [(String, String)], in block: SeriesBlock) -> Gauge {
        block.registry(metric).makeGauge(descriptor: metric.descriptor, labels: labels)
    }

    /// The capture ended: `vrrpdump_capture_running` reads 0 for a last scrape.
    public func captureStopped() {
        gauge(.captureRunning, captureLabels, in: sensor).set(to: 0)
        sensor.noteChanged(.captureRunning)
    }

    // MARK: Events

    /// Counts what the analyser decided.
    public func record(_ events: [TimelineEvent]) {
        for event in events { record(event) }
    }

    private func record(_ event: TimelineEvent) {
        guard let vr = event.vr else {
            if case .captureGap = event.detail {
                counter(.captureGaps, captureLabels, in: sensor).increment()
                sensor.noteChanged(.captureGaps)
            }
            return
        }
        guard let admitted = admit(vr) else { return }
        let labels = admitted.labels
        let block = admitted.block
        switch event.detail {
        case .master(let change):
            counter(.masterChanges, labels.with(("cause", change.cause.rawValue)), in: block).increment()
            block.noteChanged(.masterChanges)
            if let gap = change.gap {
                block.registry(.failoverGap)
                    .makeValueHistogram(descriptor: Metric.failoverGap.descriptor, labels: labels.pairs, buckets: Self.gapBuckets)
                    .record(Double(gap) / 1e9)
                block.noteChanged(.failoverGap)
            }
            gauge(.lastMasterChange, labels.pairs, in: block).set(to: Double(event.ts) / 1e9)
            block.noteChanged(.lastMasterChange)
        case .resign, .priority, .splitBrainEnd:
            break
        default:
            counter(.anomalies, labels.with(("kind", event.kind.rawValue)), in: block).increment()
            block.noteChanged(.anomalies)
        }
    }

    private func admit(_ vr: VirtualRouterID) -> Admission.Admitted? {
        let (admitted, newlyRefused) = admission.withLock { $0.admit(vr) }
        if newlyRefused { overflow("virtual_routers_per_interface", by: 1) }
        return admitted
    }

    private func overflow(_ limit: String, by count: Int) {
        counter(.labelOverflow, [("limit", limit)], in: sensor).increment(by: Int64(count))
        sensor.noteChanged(.labelOverflow)
    }

    // MARK: State at scrape time

    /// Brings the state series up to date with the analyser's summaries.
    public func update(_ summaries: [VirtualRouterSummary]) {
        update(VirtualRouterStatuses(summaries))
    }

    /// Brings the state series up to date with the analyser's statuses; call before each scrape.
    public func update(_ statuses: VirtualRouterStatuses) {
        state.withLock { state in
            for (index, status) in statuses.virtualRouters.enumerated() {
                guard let slot = slot(of: status.vr, at: index, in: &state) else { continue }
                update(&state.series[slot], with: status, routers: statuses.routers[status.routers])
            }
        }
    }

    /// Where the series of the virtual router at `index` of the statuses are (made on its first scrape);
    /// nil when it has none.
    private func slot(of vr: VirtualRouterID, at index: Int, in state: inout ScrapeState) -> Int? {
        if index < state.lastOrder.count, state.lastOrder[index].vr == vr { return state.lastOrder[index].slot }
        let slot: Int?
        if let known = state.slots[vr] {
            slot = known
        } else if let admitted = admit(vr) {
            let labels = admitted.labels
            let block = admitted.block
            state.series.append(VirtualRouterSeries(
                labels: labels, block: block, advertising: KeptGauge(gauge(.advertisingRouters, labels.pairs, in: block)),
                splitBrain: KeptGauge(gauge(.splitBrain, labels.pairs, in: block)),
                announcements: counter(.announcements, labels.pairs, in: block)))
            for metric in [Metric.advertisingRouters, .splitBrain, .announcements] { block.noteChanged(metric) }
            slot = state.series.count - 1
            state.slots[vr] = slot
        } else {
            slot = nil
            state.slots[vr] = .some(nil)
        }
        if index < state.lastOrder.count {
            state.lastOrder[index] = (vr, slot)
        } else {
            state.lastOrder.append((vr, slot))
        }
        return slot
    }

    private func update(_ series: inout VirtualRouterSeries, with status: VirtualRouterStatus,
                        routers: ArraySlice<RouterStatus>) {
        let block = series.block
        if series.advertising.set(to: Double(status.advertising)) { block.noteChanged(.advertisingRouters) }
        if series.splitBrain.set(to: status.splitBrainOngoing ? 1 : 0) { block.noteChanged(.splitBrain) }
        setMaster(status.master, in: &series)
        let announcements = routers.reduce(0) { $0 + $1.announcements }
        if announcements > series.announced {
            series.announcements.increment(by: Int64(announcements - series.announced))
            series.announced = announcements
            block.noteChanged(.announcements)
        }
        var refused = 0
        for router in routers {
            if let index = series.routers.firstIndex(where: { $0.address == router.address }) {
                update(&series.routers[index], with: router, in: block)
            } else if series.routers.count < routerLimit {
                let pairs = series.labels.with(("router", String(describing: router.address)))
                var added = RouterSeries(address: router.address, labels: pairs, adverts: counter(.routerAdverts, pairs, in: block),
                                         priority: KeptGauge(gauge(.routerPriority, pairs, in: block)),
                                         interval: KeptGauge(gauge(.routerInterval, pairs, in: block)))
                update(&added, with: router, in: block)
                for metric in [Metric.routerAdverts, .routerPriority, .routerInterval] { block.noteChanged(metric) }
                series.routers.append(added)
            } else if series.refused.insert(router.address).inserted {
                refused += 1
            }
        }
        if refused > 0 { overflow("routers_per_virtual_router", by: refused) }
    }

    /// One info series per virtual router, for its master now: the old one goes when the master changes
    /// (or none reigns), so two routers never both read 1.
    private func setMaster(_ master: IPAddress?, in series: inout VirtualRouterSeries) {
        if let current = series.master {
            if current.router == master { return }
            series.block.registry(.masterInfo).unregisterGauge(current.series)
            series.block.noteChanged(.masterInfo)
            series.master = nil
        }
        if let master {
            let info = gauge(.masterInfo, series.labels.with(("router", String(describing: master))), in: series.block)
            info.set(to: 1)
            series.block.noteChanged(.masterInfo)
            series.master = (master, info)
        }
    }

    private func update(_ series: inout RouterSeries, with router: RouterStatus, in block: SeriesBlock) {
        if router.adverts > series.counted {
            series.adverts.increment(by: Int64(router.adverts - series.counted))
            series.counted = router.adverts
            block.noteChanged(.routerAdverts)
        }
        if series.priority.set(to: Double(router.priority)) { block.noteChanged(.routerPriority) }
        if series.interval.set(to: Double(router.interval) / 1e9) { block.noteChanged(.routerInterval) }
        if let current = series.checksumForm, current.form == router.checksumForm { return }
        if let current = series.checksumForm { block.registry(.routerChecksumForm).unregisterGauge(current.series) }
        let info = gauge(.routerChecksumForm, series.labels + [("form", router.checksumForm?.rawValue ?? "n/a")], in: block)
        info.set(to: 1)
        block.noteChanged(.routerChecksumForm)
        series.checksumForm = (router.checksumForm, info)
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
            counter(metric, captureLabels, in: sensor).increment(by: Int64(now &- before))
            sensor.noteChanged(metric)
        }
    }

    // MARK: Exposition

    /// Hands `sink` the exposition text (Prometheus text format 0.0.4) piece by piece, in family order:
    /// each family's HELP and TYPE lines once, then its lines from every block, emitted again only
    /// where they changed (a megabyte or two for a thousand virtual routers, mostly kept text).
    public func writeExposition(to sink: (ArraySlice<UInt8>) -> Void) {
        // Each family of a block is emitted under its own lock: two scrapes at once each get whole lines.
        let blocks = [sensor] + admission.withLock { $0.blocks }
        for metric in Metric.allCases {
            var header = true
            for block in blocks where block.write(metric, header: header, to: sink) { header = false }
        }
    }

    /// Gives `body` the whole exposition text, joined.
    public func withExposition<Result: Sendable>(_ body: ([UInt8]) -> Result) -> Result {
        var text: [UInt8] = []
        writeExposition { text.append(contentsOf: $0) }
        return body(text)
    }
}
