import ElectionModel

/// The analyser's trackers in identity order and the time each one's next timer is due, so that time
/// passing costs only the trackers with a timer due. Sorting every tracker and asking each for its next
/// deadline whenever any timer fired made a segment with many virtual routers (a flood: hundreds, each
/// with its own timer) cost the square of their number; scanning them all whenever one was due made
/// 64 groups whose masters overlap (a timer due every few packets) spend a fifth of the analysis here.
///
/// A tracker's noted deadline may be earlier than its real one, never later: adverts that only push
/// timers later need not be noted.
struct TrackerSchedule: Sendable {
    /// Tracker positions sorted by `VirtualRouterID`.
    private(set) var ordered: [Int] = []
    /// Each tracker's place in `ordered`.
    private var rank: [Int] = []
    private var deadlines: [Int64] = []
    /// A binary min-heap of noted deadlines. An entry whose deadline is no longer its tracker's
    /// (noted earlier since, or run) is stale and dropped when it comes to the top.
    private var heap: [Entry] = []
    /// What `due(at:)` returned last, reused: a new array for every timer due (every few frames with
    /// many groups holding announcements) cost more in malloc and free than running the timer.
    private var dueNow: [Int] = []

    private struct Entry: Sendable {
        var deadline: Int64
        var position: Int
    }

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
            rank += repeatElement(0, count: position - rank.count + 1)
        }
        for place in low..<ordered.count { rank[ordered[place]] = place }
    }

    /// The tracker at `position` has a timer due at `deadline` (or none).
    mutating func note(_ position: Int, deadline: Int64?) {
        guard let deadline, deadline < deadlines[position] else { return }
        deadlines[position] = deadline
        push(Entry(deadline: deadline, position: position))
    }

    /// Whether some timer may be due at `now`.
    func anyDue(at now: Int64) -> Bool { heap.first.map { $0.deadline <= now } ?? false }

    /// The trackers with a timer due at `now`, in identity order; each is to be run and `reschedule`d.
    mutating func due(at now: Int64) -> [Int] {
        // Unique again once the caller let go of the last one: emptied without freeing, element by
        // element (one or two), which `removeAll(keepingCapacity:)` did through a general replace.
        while !dueNow.isEmpty { dueNow.removeLast() }
        while let top = heap.first, top.deadline <= now {
            popTop()
            guard deadlines[top.position] == top.deadline else { continue }  // stale
            deadlines[top.position] = Self.none
            dueNow.append(top.position)
        }
        if dueNow.count > 1 {
            let rank = self.rank
            dueNow.sort { rank[$0] < rank[$1] }
        }
        return dueNow
    }

    /// After a due tracker ran: its next deadline, exactly.
    mutating func reschedule(_ position: Int, deadline: Int64?) {
        deadlines[position] = Self.none
        note(position, deadline: deadline)
    }

    private mutating func push(_ entry: Entry) {
        // Stale entries pile up when deadlines are noted earlier and earlier: rebuild from the live ones.
        if heap.count >= 64 && heap.count >= 4 * deadlines.count { rebuild() }
        heap.append(entry)
        // Sifted through the buffer: each checked subscript and `swapAt` also checked uniqueness.
        heap.withUnsafeMutableBufferPointer { heap in
            var child = heap.count - 1
            while child > 0 {
                let parent = (child - 1) / 2
                guard entry.deadline < heap[parent].deadline else { break }
                heap[child] = heap[parent]
                child = parent
            }
            heap[child] = entry
        }
    }

    private mutating func popTop() {
        let last = heap.removeLast()
        guard !heap.isEmpty else { return }
        heap.withUnsafeMutableBufferPointer { heap in
            var parent = 0
            while true {
                let left = 2 * parent + 1
                guard left < heap.count else { break }
                let right = left + 1
                let child = right < heap.count && heap[right].deadline < heap[left].deadline ? right : left
                guard heap[child].deadline < last.deadline else { break }
                heap[parent] = heap[child]
                parent = child
            }
            heap[parent] = last
        }
    }

    private mutating func rebuild() {
        let live = deadlines.indices.filter { deadlines[$0] != Self.none }
        heap.removeAll(keepingCapacity: true)
        for position in live { push(Entry(deadline: deadlines[position], position: position)) }
    }
}
