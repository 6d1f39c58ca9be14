import ElectionModel

/// Puts timeline events in time order for a file replay. The analyser emits an event when it is decided,
/// which can be later than its `ts` (a master event waits for announcements, a split brain for its
/// threshold); events wait here until the analyser has nothing undecided that could come before them
/// (`ElectionAnalyzer.undecidedSince`). Only the events of that window are held, never the whole run.
public struct EventOrder: Sendable {
    /// Waiting events with their arrival number, which keeps equal times in the analyser's order.
    private var waiting: [(event: TimelineEvent, arrival: Int)] = []
    private var arrivals = 0
    /// Events came since the last sort: most calls add none and only look at the first.
    private var needsSort = false

    public init() {}

    public var isEmpty: Bool { waiting.isEmpty }

    public mutating func add(_ events: [TimelineEvent]) {
        for event in events {
            waiting.append((event, arrivals))
            arrivals += 1
        }
        needsSort = needsSort || !events.isEmpty
    }

    /// The waiting events earlier than `horizon` (all of them when nil), in time order; at equal times a
    /// master change first, as the analyser orders one call's events.
    public mutating func release(before horizon: Int64?) -> [TimelineEvent] {
        guard !waiting.isEmpty else { return [] }
        if needsSort {
            waiting.sort { Self.key($0) < Self.key($1) }
            needsSort = false
        }
        if let horizon, waiting[0].event.ts >= horizon { return [] }
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
