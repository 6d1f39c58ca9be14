import Codec
import ElectionModel

/// One router of a virtual router at the end of the input, from its own adverts.
public struct RouterSummary: Sendable, Hashable {
    public var address: IPAddress
    public var mac: MACAddress?
    /// As last advertised (0 after a resignation).
    public var priority: UInt8
    public var version: UInt8
    /// Advertised interval, nanoseconds.
    public var interval: Int64
    /// "none", "simple", "ah" or "type N" (never a password).
    public var authentication: String
    public var addresses: [IPAddress]
    public var adverts: Int
    public var firstAdvert: Int64
    public var lastAdvert: Int64
    public var isAdvertising: Bool
    /// Terms as master, and their total length (the current term counts up to its last advert).
    public var masterTerms: Int
    public var masterTime: Int64
    /// Spacing of its adverts while master: mean, standard deviation (jitter), maximum; nil without samples.
    public var meanSpacing: Int64?
    public var jitter: Int64?
    public var maxSpacing: Int64?
    public var lateAdverts: Int
    /// Announcements per address in each burst of its current or last term (first 16 bursts).
    public var announcementBursts: [Int]
    public var announcementBurstCount: Int
    /// How many of those bursts belong to the takeover (`TimelineRules.announcementRepeatWindow`): the
    /// first and its repeats, all of the first burst's size when the sender is regular.
    public var takeoverBursts: Int
    /// Announcements sent while advertising as master, over all its terms.
    public var announcements: Int
    /// The checksum form of its valid VRRPv3-over-IPv4 adverts; nil where there is only one form.
    public var checksumForm: ChecksumForm?
    /// Priorities, terms as master and announcement bursts over time (bounded), for drawing.
    public var history: RouterHistory
}
