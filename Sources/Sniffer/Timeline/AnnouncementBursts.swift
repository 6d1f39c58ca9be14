import Codec

/// The gratuitous ARPs / unsolicited NAs a master sent for its virtual addresses during one term, in
/// bursts separated by more than `TimelineRules.burstGap`. A burst's size counts announcements per
/// address (keepalived's `garp_master_repeat` 5 with two virtual addresses is 10 frames, size 5).
struct AnnouncementBursts: Sendable, Hashable {
    /// Sizes of the first bursts; later ones are only counted, so a long term stays small.
    private(set) var sizes: [Int] = []
    private(set) var count = 0
    private(set) var first: Int64?
    private(set) var last: Int64?
    private var current: [IPAddress: Int] = [:]
    static let keptSizes = 16

    mutating func record(_ address: IPAddress, at time: Int64) {
        if let last, time - last > TimelineRules.burstGap { current = [:] }
        if current.isEmpty {
            count += 1
            if sizes.count < Self.keptSizes { sizes.append(0) }
        }
        current[address, default: 0] += 1
        if count <= Self.keptSizes, let size = current.values.max() { sizes[count - 1] = size }
        first = first ?? time
        last = time
    }
}
