import Codec

/// Why a router became master, judged from the wire (RFC 3768/5798 §6.4).
public enum MasterCause: String, Sendable, Hashable {
    /// The first master seen in the capture.
    case initial
    /// The previous master sent priority 0.
    case resigned
    /// The previous master went silent (or, for a router that started advertising although the master
    /// outranks it, it stopped hearing the master) and a backup took over after its master-down interval.
    case masterDown = "master-down"
    /// A router with higher priority than the live master's took over.
    case preempted
    /// A router with the live master's priority and a higher primary address took over; or several
    /// routers of equal priority started advertising together and the highest address stayed
    /// (`MasterChange.contenders` names them all).
    case tieBreak = "tie-break"
    /// The group had no master (a `silence` was reported) and this router started advertising: the end
    /// of an outage (`MasterChange.outage`), not a failover.
    case recovered
    /// A router that cannot hear the live master (which outranks it) took over while that master kept
    /// advertising: the onset of a split brain, not a failover.
    case splitBrain = "split-brain"
    /// The engine's router followed another member of its keepalived sync group to master.
    case syncGroup = "sync-group"
}

/// A router started advertising as master.
///
/// The event waits for the new master's first gratuitous ARP / unsolicited NA for a virtual address and
/// for the end of that burst (`TimelineRules.burstGap`), at most `TimelineRules.announcementWait` after its
/// first advert, so that `announcementDelay` and `burstSize` are known when it is emitted; `ts` stays the
/// first advert. A router that starts advertising while a master that outranks it is still advertising is
/// only reported once its claim outlasts the split-brain threshold (or the other master stops), so a
/// router that yields after one advert produces no event.
public struct MasterChange: Sendable, Hashable {
    public var router: IPAddress
    public var priority: UInt8
    /// The master before (the one that reigned, or the last one when none did), nil for `initial`.
    public var previous: IPAddress?
    public var cause: MasterCause
    /// From the previous master's last advert to this router's first: nil for `initial` and when the
    /// capture missed part of that span (capture gap, kernel drops, clock step).
    public var gap: Int64?
    /// From the first advert to the first announcement of a virtual address; nil if none came in time.
    public var announcementDelay: Int64?
    /// Announcements per virtual address in the first burst; nil if none came in time.
    public var burstSize: Int?
    /// The previous master lowered its priority shortly before (within one silence timeout): the
    /// priority change caused this election.
    public var followsPriorityDrop: Bool
    /// The new master advertised a higher priority than it last did, which made it outrank the live
    /// master (a tracking script restoring its priority): the priority change caused this election.
    public var followsPriorityRise: Bool
    /// `recovered`: from the last advert of the master that went silent (or resigned) to this first advert.
    public var outage: Int64?
    /// `tie-break`: the routers of equal priority that started advertising together, winner included,
    /// in order of their first adverts; empty otherwise.
    public var contenders: [IPAddress]

    /// Whether a priority change (the previous master's drop or the new master's rise) caused it.
    public var followsPriorityChange: Bool { followsPriorityDrop || followsPriorityRise }

    /// A change of master while the group had one: counted as a failover, with its gap.
    public var isFailover: Bool { ![.initial, .recovered, .splitBrain].contains(cause) }

    public init(router: IPAddress, priority: UInt8, previous: IPAddress?, cause: MasterCause, gap: Int64?,
                announcementDelay: Int64? = nil, burstSize: Int? = nil, followsPriorityDrop: Bool = false,
                followsPriorityRise: Bool = false, outage: Int64? = nil, contenders: [IPAddress] = []) {
        self.router = router
        self.priority = priority
        self.previous = previous
        self.cause = cause
        self.gap = gap
        self.announcementDelay = announcementDelay
        self.burstSize = burstSize
        self.followsPriorityDrop = followsPriorityDrop
        self.followsPriorityRise = followsPriorityRise
        self.outage = outage
        self.contenders = contenders
    }
}
