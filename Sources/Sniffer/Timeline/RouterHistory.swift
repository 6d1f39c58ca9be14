import Codec
import ElectionModel

/// What one router did over time, for drawing (`vrrpdump --report`): the priorities it advertised, its
/// terms of advertising as master and its gratuitous ARP / unsolicited NA bursts. Only changes are
/// kept, never packets, and at most `limit` of each, so memory stays flat however long the capture;
/// `omitted` counts what did not fit.
public struct RouterHistory: Sendable, Hashable {
    /// From `time` on the router advertised `priority` (0: it resigned).
    public struct PriorityStep: Sendable, Hashable {
        public var time: Int64
        public var priority: UInt8
    }

    /// Advertising as master from `start` to `end` (its last advert or announcement; nil while it goes on).
    public struct Term: Sendable, Hashable {
        public var start: Int64
        public var end: Int64?
    }

    /// Announcements closer together than `TimelineRules.burstGap`; `size` counts per virtual address.
    public struct Burst: Sendable, Hashable {
        public var start: Int64
        public var end: Int64
        public var size: Int
    }

    public private(set) var priorities: [PriorityStep] = []
    public private(set) var terms: [Term] = []
    public private(set) var bursts: [Burst] = []
    public private(set) var omitted = 0
    private var burstCounts = AddressMap<Int>()

    public static let limit = 256

    init() {}

    mutating func notePriority(_ priority: UInt8, at time: Int64) {
        guard priorities.last?.priority != priority else { return }
        guard priorities.count < Self.limit else { return omitted += 1 }
        priorities.append(PriorityStep(time: time, priority: priority))
    }

    mutating func beginTerm(at time: Int64) {
        guard terms.count < Self.limit else { return omitted += 1 }
        terms.append(Term(start: time, end: nil))
    }

    mutating func endTerm(at time: Int64) {
        guard let last = terms.indices.last, terms[last].end == nil else { return }
        terms[last].end = max(terms[last].start, time)
    }

    mutating func noteAnnouncement(_ address: IPAddress, at time: Int64) {
        if let last = bursts.indices.last, time - bursts[last].end <= TimelineRules.burstGap, !burstCounts.isEmpty {
            // Counts only grow within a burst, so the largest is the old one or this address's.
            let announced = AnnouncementBursts.increment(&burstCounts[address, default: 0])
            bursts[last].end = max(bursts[last].end, time)
            bursts[last].size = max(bursts[last].size, announced)
            return
        }
        guard bursts.count < Self.limit else {
            burstCounts.removeAll()
            return omitted += 1
        }
        burstCounts.removeAll()
        burstCounts.append(address, 1)
        bursts.append(Burst(start: time, end: time, size: 1))
    }
}
