import ElectionModel

/// The analyser's trackers in identity order and the time each one's next timer is due, so that time
/// passing costs only the trackers with a timer due. Sorting every tracker and asking each for its next
/// deadline whenever any timer fired made a segment with many virtual routers (a flood: hundreds, each
/// with its own timer) cost the square of their number.
///
/// A tracker's noted deadline may be earlier than its real one, never later: adverts that only push
/// timers later need not be noted.
struct TrackerSchedule: Sendable {
    /// Tracker positions sorted by `VirtualRouterID`.
    private(set) var ordered: [Int] = []
    private var deadlines: [Int64] = []
    /// No noted deadline is earlier.
    private(set) var earliest: Int64?

    private static let none = Int64.max

    /// Files the tracker just appended at `position` with `id`, which sorts among `ids`.
    mutating func insert(_ position: Int, id: VirtualRouterID, ids: (Int) -> VirtualRouterID) {
        var low = 0
        var high = ordered.count
        while low < high {
            let middle = (low + high) / 2
            if ids(ordered[middle]) < id { low = middle + 1 } else { high = middle }
        }
        ordered.insert(position, at: low)
        if position >= deadlines.count {
            deadlines += repeatElement(Self.none, count: position - deadlines.count + 1)
        }
    }

    /// The tracker at `position` has a timer due at `deadline` (or none).
    mutating func note(_ position: Int, deadline: Int64?) {
        guard let deadline else { return }
        deadlines[position] = min(deadlines[position], deadline)
        earliest = min(earliest ?? deadline, deadline)
    }

    /// Whether some timer may be due at `now`.
    func anyDue(at now: Int64) -> Bool { earliest.map { $0 <= now } ?? false }

    /// The trackers with a timer due at `now`, in identity order.
    func due(at now: Int64) -> [Int] { ordered.filter { deadlines[$0] <= now } }

    /// After the due trackers ran: their next deadlines, exactly.
    mutating func reschedule(_ next: [(position: Int, deadline: Int64?)]) {
        for (position, deadline) in next { deadlines[position] = deadline ?? Self.none }
        let soonest = deadlines.min() ?? Self.none
        earliest = soonest == Self.none ? nil : soonest
    }
}
