import Prometheus
import Synchronization

/// The series of up to `capacity` virtual routers (or the sensor's own series), each family in a
/// swift-prometheus registry of its own whose text is kept and emitted again only after one of its
/// series changed. A change then costs one family of one block, not the whole exposition: formatting
/// every series' value again (13,000 of them for 1,000 virtual routers × 2 routers) took 10–14 ms.
final class SeriesBlock: Sendable {
    /// Virtual routers per block: small enough that re-emitting a family of one block is cheap, few
    /// enough blocks that joining them is.
    static let capacity = 32

    private let families: [Family]

    private final class Family: Sendable {
        let registry = PrometheusCollectorRegistry()
        /// Set after a series changed, or was added or removed: the kept text is stale (or not emitted yet).
        let changed = Atomic<Bool>(true)
        let text = Mutex(KeptText())
    }

    private struct KeptText: Sendable {
        var bytes: [UInt8] = []
        /// The `# HELP` and `# TYPE` lines at its start, which only the family's first block keeps.
        var header = 0
    }

    init() {
        families = Metric.allCases.map { _ in Family() }
    }

    private func family(_ metric: Metric) -> Family {
        // Every case is in `allCases`.
        families[Metric.allCases.firstIndex(of: metric)!]
    }

    /// Where the block's series of `metric` are made; whoever changes one calls `noteChanged` after.
    func registry(_ metric: Metric) -> PrometheusCollectorRegistry { family(metric).registry }

    func noteChanged(_ metric: Metric) {
        family(metric).changed.store(true, ordering: .releasing)
    }

    /// Hands `sink` the block's lines of `metric`, with its HELP and TYPE lines when `header` is true;
    /// returns whether there were any (the family exists in this block).
    func write(_ metric: Metric, header: Bool, to sink: (ArraySlice<UInt8>) -> Void) -> Bool {
        let family = family(metric)
        return family.text.withLock { text in
            if family.changed.exchange(false, ordering: .acquiring) {
                text.bytes.removeAll(keepingCapacity: true)
                family.registry.emit(into: &text.bytes)
                text.header = Self.headerLength(text.bytes)
            }
            guard !text.bytes.isEmpty else { return false }
            sink(text.bytes[(header ? 0 : text.header)...])
            return true
        }
    }

    /// The length of the comment lines (`# HELP`, `# TYPE`) that begin one family's text.
    private static func headerLength(_ bytes: [UInt8]) -> Int {
        var start = 0
        while start < bytes.count, bytes[start] == UInt8(ascii: "#"),
              let end = bytes[start...].firstIndex(of: UInt8(ascii: "\n")) {
            start = end + 1
        }
        return start
    }
}
