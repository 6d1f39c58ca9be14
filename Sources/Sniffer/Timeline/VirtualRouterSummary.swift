import Codec
import ElectionModel

/// One virtual router at the end of the input: its master, its routers, its failovers and anomalies.
public struct VirtualRouterSummary: Sendable, Hashable {
    public var vr: VirtualRouterID
    /// The last time anything of this virtual router was seen.
    public var lastSeen: Int64
    /// The reigning master, nil when nobody advertises.
    public var master: IPAddress?
    /// Everyone advertising as master at the end (several during a split brain).
    public var advertising: [IPAddress]
    public var addresses: [IPAddress]
    /// Every router heard, by address. Silent backups are not known, so not listed.
    public var routers: [RouterSummary]
    /// Master changes after the initial one.
    public var failovers: Int
    /// Failover gaps (previous master's last advert to the new one's first): min, median, max.
    public var gapMinimum: Int64?
    public var gapMedian: Int64?
    public var gapMaximum: Int64?
    /// Anomaly events by kind (everything but master, resign, priority and split-brain-end).
    public var anomalies: [TimelineEvent.Kind: Int]
    public var priorityChanges: Int
    /// Master changes a priority change caused: a master's drop, or the new master's rise.
    public var electionsAfterPriorityChange: Int
    /// Whether any router other than the master was ever heard: if not, the backups' priorities,
    /// intervals and authentication are unknown.
    public var backupsHeard: Bool
    /// A split brain still going on at the end.
    public var splitBrainOngoing: Bool
}
