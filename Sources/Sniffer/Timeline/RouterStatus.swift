import Codec

/// One router of a virtual router now: the values of its `RouterSummary` a live view polls.
public struct RouterStatus: Sendable, Equatable {
    public var address: IPAddress
    public var adverts: Int
    /// As last advertised (0 after a resignation).
    public var priority: UInt8
    /// Advertised interval, nanoseconds.
    public var interval: Int64
    /// Announcements sent while advertising as master, over all its terms.
    public var announcements: Int
    /// The checksum form of its valid VRRPv3-over-IPv4 adverts; nil where there is only one form.
    public var checksumForm: ChecksumForm?
}

extension RouterStatus {
    init(_ summary: RouterSummary) {
        self.init(address: summary.address, adverts: summary.adverts, priority: summary.priority, interval: summary.interval,
                  announcements: summary.announcements, checksumForm: summary.checksumForm)
    }
}
