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
    /// A binary min-heap of the positions of trackers with a deadline, by deadline; each tracker is
    /// in it at most once, and a deadline noted earlier moves its tracker up in place. (A heap of
    /// (deadline, position) entries left the superseded ones behind: 64 groups holding announcements
    /// pushed two entries per timer, and rebuilt the heap every few hundred.)
    private var heap: [Int] = []
    /// Each tracker's index in `heap`, or -1.
    private var slots: [Int] = []
    /// What `due(at:)` returned last, reused: a new array for every timer due (every few frames with
    /// many groups holding announcements) cost more in malloc and free than running the timer.
    private var dueNow: [Int] = []

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
            slots += repeatElement(-1, count: position - slots.count + 1)
            rank += repeatElement(0, count: position - rank.count + 1)
        }
        for place in low..<ordered.count { rank[ordered[place]] = place }
    }

    /// The tracker at `position` has a timer due at `deadline` (or none).
    mutating func note(_ position: Int, deadline: Int64?) {
        guard let deadline, deadline < deadlines[position] else { return }
        deadlines[position] = deadline
        if slots[position] < 0 {
            slots[position] = heap.count
            heap.append(position)
        }
        siftUp(position)
    }

    /// Whether some timer may be due at `now`.
    func anyDue(at now: Int64) -> Bool { heap.first.map { deadlines[$0] <= now } ?? false }

    /// The trackers with a timer due at `now`, in identity order, each out of the heap with no deadline:
    /// each is to be run and its next deadline `note`d.
    mutating func due(at now: Int64) -> [Int] {
        // Unique again once the caller let go of the last one: emptied without freeing, element by
        // element (one or two), which `removeAll(keepingCapacity:)` did through a general replace.
        while !dueNow.isEmpty { dueNow.removeLast() }
        while let top = heap.first, deadlines[top] <= now {
            removeTop()
            deadlines[top] = Self.none
            dueNow.append(top)
        }
        if dueNow.count > 1 {
            let rank = self.rank
            dueNow.sort { rank[$0] < rank[$1] }
        }
        return dueNow
    }

    /// Moves `position` up to its place.
    private mutating func siftUp(_ position: Int) {
        let deadline = deadlines[position]
        var child = slots[position]
        // Through the buffers: each checked subscript also checked uniqueness.
        heap.withUnsafeMutableBufferPointer { heap in
            slots.withUnsafeMutableBufferPointer { slots in
                deadlines.withUnsafeBufferPointer { deadlines in
                    while child > 0 {
                        let parent = (child - 1) / 2
                        guard deadline < deadlines[heap[parent]] else { break }
                        heap[child] = heap[parent]
                        slots[heap[child]] = child
                        child = parent
                    }
                    heap[child] = position
                    slots[position] = child
                }
            }
        }
    }

    private mutating func removeTop() {
        let top = heap[0]
        slots[top] = -1
        let last = heap.removeLast()
        guard !heap.isEmpty else { return }
        let deadline = deadlines[last]
        heap.withUnsafeMutableBufferPointer { heap in
            slots.withUnsafeMutableBufferPointer { slots in
                deadlines.withUnsafeBufferPointer { deadlines in
                    var parent = 0
                    while true {
                        let left = 2 * parent + 1
                        guard left < heap.count else { break }
                        let right = left + 1
                        let child = right < heap.count && deadlines[heap[right]] < deadlines[heap[left]] ? right : left
                        guard deadlines[heap[child]] < deadline else { break }
                        heap[parent] = heap[child]
                        slots[heap[parent]] = parent
                        parent = child
                    }
                    heap[parent] = last
                    slots[last] = parent
                }
            }
        }
    }
}
