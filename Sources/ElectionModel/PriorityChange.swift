import Codec

/// A router advertised a different non-zero priority than before (e.g. keepalived `track_script`
/// weight −2 taking 100 to 98, or a restart with another configuration).
public struct PriorityChange: Sendable, Hashable {
    public var router: IPAddress
    public var from: UInt8
    public var to: UInt8
    /// What a drop by the master means for a failover; nil for rises and for routers not master.
    public var outlook: Outlook?

    public init(router: IPAddress, from: UInt8, to: UInt8, outlook: Outlook?) {
        self.router = router
        self.from = from
        self.to = to
        self.outlook = outlook
    }

    /// Compared with the best priority last advertised by any other router of the group. Backups are
    /// silent, so a backup's priority is only known if it has been master at some time in the capture.
    public enum Outlook: String, Sendable, Hashable {
        /// The lowered priority is below a known backup's: that backup should preempt (unless `nopreempt`).
        case failoverExpected = "failover-expected"
        /// The lowered priority is still ≥ every known backup's: the drop cannot cause a failover — the
        /// hazard of a track_script weight too small for the priority spread.
        case tooSmallToFailOver = "too-small-to-fail-over"
        /// No other router of the group has ever been heard, so nobody can tell.
        case unknown
    }
}
