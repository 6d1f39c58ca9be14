import Codec

/// A gratuitous ARP from the shared virtual MAC, waiting up to `TimelineRules.announcementLead` to learn
/// whether it was the announcement of a master whose first advert follows.
struct HeldAnnouncement: Sendable {
    var address: IPAddress
    var time: Int64
    /// Within one lead (50 ms) a master announces each virtual address a few times; more is a flood,
    /// whose extra announcements credit nobody.
    static let limit = 256
}
