import Codec
import ElectionModel

/// The gratuitous ARPs / unsolicited NAs a master sent for its virtual addresses during one term, in
/// bursts separated by more than `TimelineRules.burstGap`. A burst's size counts announcements per
/// address (keepalived's `garp_master_repeat` 5 with two virtual addresses is 10 frames, size 5).
struct AnnouncementBursts: Sendable, Hashable {
    /// Sizes of the first bursts; later ones are only counted, so a long term stays small.
    private(set) var sizes: [Int] = []
    private(set) var count = 0
    /// Bursts that began within `TimelineRules.announcementRepeatWindow` of the first: the takeover's.
    private(set) var takeoverCount = 0
    private(set) var first: Int64?
    private(set) var last: Int64?
    /// Announcements per address in the current burst, and the largest of those counts (kept as they
    /// grow rather than searched for at every announcement).
    private var current = AddressMap<Int>()
    private var currentSize = 0
    static let keptSizes = 16

    mutating func record(_ address: IPAddress, at time: Int64) {
        if let last, time - last > TimelineRules.burstGap {
            current.removeAll()
            currentSize = 0
        }
        if current.isEmpty {
            count += 1
            if time - (first ?? time) <= TimelineRules.announcementRepeatWindow { takeoverCount += 1 }
            if sizes.count < Self.keptSizes { sizes.append(0) }
        }
        currentSize = max(currentSize, Self.increment(&current[address, default: 0]))
        if count <= Self.keptSizes { sizes[count - 1] = currentSize }
        first = first ?? time
        last = time
    }

    /// Adds one to `count` and returns the new value: one dictionary access where `+= 1` and a read
    /// would be two.
    static func increment(_ count: inout Int) -> Int {
        count += 1
        return count
    }
}
