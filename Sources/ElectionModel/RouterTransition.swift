import Codec

/// Why a VRRP router run by the engine left master, or entered backup, fault or initialize (its own
/// transitions to master are `MasterChange`s, as the analyser reports them).
public enum TransitionCause: String, Sendable, Hashable {
    /// Startup as a non-owner: the router listens for a master.
    case startup
    /// An advert with a higher priority arrived while master.
    case higherPriority = "higher-priority"
    /// An advert with our priority and a higher primary address arrived while master.
    case tieBreak = "tie-break"
    /// The router was stopped (priority-0 advert when it was master).
    case shutdown
    /// A tracked interface went down or a check with weight 0 failed.
    case fault
    /// The fault cleared: back to backup, waiting one Master_Down_Interval.
    case faultCleared = "fault-cleared"
    /// Another member of its keepalived sync group went backup.
    case syncGroup = "sync-group"
}

/// A state change of the engine's own router, reported with its cause.
public struct RouterTransition: Sendable, Hashable {
    /// Our primary address.
    public var router: IPAddress
    /// Our effective priority at the time.
    public var priority: UInt8
    public var cause: TransitionCause
    /// The router whose advert caused it (`higher-priority`, `tie-break`), nil otherwise.
    public var peer: IPAddress?

    public init(router: IPAddress, priority: UInt8, cause: TransitionCause, peer: IPAddress? = nil) {
        self.router = router
        self.priority = priority
        self.cause = cause
        self.peer = peer
    }
}
