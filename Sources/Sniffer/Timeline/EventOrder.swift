import ElectionModel

/// Puts timeline events in time order for a file replay. The analyser emits an event when it is decided,
/// which can be later than its `ts` (a master event waits for announcements, a split brain for its
/// threshold); events wait here until the analyser has nothing undecided that could come before them
/// (`ElectionAnalyzer.undecidedSince`). Only the events of that window are held, never the whole run.
public struct EventOrder: Sendable {
    /// Waiting events in order of their keys (the arrival number keeps equal times in the analyser's order).
    private var waiting: [(key: Key, event: TimelineEvent)] = []
    private var arrivals = 0
    /// The analyser time of the last look at the horizon (see `isDue`).
    private var lastLook: Int64?

    /// Time, then a master change first, then arrival.
    private struct Key: Comparable, Sendable {
        var ts: Int64
        var rank: Int
        var arrival: Int

        static func < (a: Key, b: Key) -> Bool { (a.ts, a.rank, a.arrival) < (b.ts, b.rank, b.arrival) }
    }

    public init() {}

    public var isEmpty: Bool { waiting.isEmpty }

    /// Files each event in its place: most arrive in time order, at the end; one decided late (a master
    /// event after its announcements) goes back. Sorting all waiting events then copied each of them
    /// many times over, a tenth of a run whose split brains hold events back for seconds; several
    /// decided late at once (the end of a flood: a thousand) are merged in one pass, where inserting
    /// each moved the waiting ones every time.
    public mutating func add(_ events: [TimelineEvent]) {
        var late: [(key: Key, event: TimelineEvent)] = []
        for event in events {
            let key = Key(ts: event.ts, rank: event.kind == .master ? 0 : 1, arrival: arrivals)
            arrivals += 1
            if late.isEmpty, waiting.last.map({ $0.key < key }) ?? true {
                waiting.append((key, event))
            } else {
                late.append((key, event))
            }
        }
        switch late.count {
        case 0: return
        case 1: insert(late[0])
        default: merge(late.sorted { $0.key < $1.key })
        }
    }

    private mutating func insert(_ item: (key: Key, event: TimelineEvent)) {
        var low = 0
        var high = waiting.count
        while low < high {
            let middle = (low + high) / 2
            if item.key < waiting[middle].key { high = middle } else { low = middle + 1 }
        }
        waiting.insert(item, at: low)
    }

    /// `sorted` and `waiting` into one sequence in key order.
    private mutating func merge(_ sorted: [(key: Key, event: TimelineEvent)]) {
        var merged: [(key: Key, event: TimelineEvent)] = []
        merged.reserveCapacity(waiting.count + sorted.count)
        var next = 0
        for item in waiting {
            while next < sorted.count, sorted[next].key < item.key {
                merged.append(sorted[next])
                next += 1
            }
            merged.append(item)
        }
        merged.append(contentsOf: sorted[next...])
        waiting = merged
    }

    /// How much analyser time may pass between looks at the horizon while nothing new arrives. Finding
    /// the horizon asks every virtual router, so looking at every packet would make a flood of routers
    /// cost the square of the packets; held a little longer, events come out in the same order.
    public static let lookInterval: Int64 = 100_000_000

    /// Whether the horizon is worth computing at analyser time `now`: new events arrived, or
    /// `lookInterval` passed since the last look.
    public mutating func isDue(at now: Int64?, newEvents: Bool) -> Bool {
        guard !waiting.isEmpty else { return false }
        guard let now else { return true }
        if !newEvents, let lastLook, now - lastLook < Self.lookInterval { return false }
        lastLook = now
        return true
    }

    /// The waiting events earlier than `horizon` (all of them when nil), in time order; at equal times a
    /// master change first, as the analyser orders one call's events.
    public mutating func release(before horizon: Int64?) -> [TimelineEvent] {
        guard !waiting.isEmpty else { return [] }
        if let horizon, let first = waiting.first, first.key.ts >= horizon { return [] }
        let count = horizon.map { horizon in waiting.firstIndex { $0.key.ts >= horizon } ?? waiting.count }
            ?? waiting.count
        let released = waiting.prefix(count).map(\.event)
        waiting.removeFirst(count)
        return released
    }
}
