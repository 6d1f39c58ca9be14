import ElectionModel

/// Puts timeline events in time order for a file replay. The analyser emits an event when it is decided,
/// which can be later than its `ts` (a master event waits for announcements, a split brain for its
/// threshold); events wait here until the analyser has nothing undecided that could come before them
/// (`ElectionAnalyzer.undecidedSince`). Only the events of that window are held, never the whole run.
public struct EventOrder: Sendable {
    /// Waiting events with their arrival number, which keeps equal times in the analyser's order.
    private var waiting: [(event: TimelineEvent, arrival: Int)] = []
    private var arrivals = 0
    /// Events mostly arrive in time order: sort only when one did not.
    private var inOrder = true
    /// The analyser time of the last look at the horizon (see `isDue`).
    private var lastLook: Int64?

    public init() {}

    public var isEmpty: Bool { waiting.isEmpty }

    public mutating func add(_ events: [TimelineEvent]) {
        for event in events {
            if let last = waiting.last, Self.key((event, arrivals)) < Self.key(last) { inOrder = false }
            waiting.append((event, arrivals))
            arrivals += 1
        }
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
        if !inOrder {
            waiting.sort { Self.key($0) < Self.key($1) }
            inOrder = true
        }
        if let horizon, let first = waiting.first, first.event.ts >= horizon { return [] }
        let count = horizon.map { horizon in waiting.firstIndex { $0.event.ts >= horizon } ?? waiting.count }
            ?? waiting.count
        let released = waiting.prefix(count).map(\.event)
        waiting.removeFirst(count)
        return released
    }

    private static func key(_ item: (event: TimelineEvent, arrival: Int)) -> (Int64, Int, Int) {
        (item.event.ts, item.event.kind == .master ? 0 : 1, item.arrival)
    }
}
