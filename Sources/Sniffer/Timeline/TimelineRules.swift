import ElectionModel

/// The timing rules the election analyser applies, in one place so the README can quote them.
///
/// All durations are nanoseconds. The protocol's own timers are `VRRPTimers`, shared with the engine;
/// these thresholds are the analyser's own and are justified where they are defined.
public enum TimelineRules {
    static let second = VRRPTimers.second
    static let millisecond = VRRPTimers.millisecond

    /// What the issue's own bounds allow for a backup to process its timer and send (50 ms).
    static let processingAllowance: Int64 = 50 * millisecond

    /// A router counts as still advertising while its last advert is at most two intervals old:
    /// one interval is the normal spacing, the second absorbs one lost or late advert. Used to decide
    /// whether a master was alive when another router appeared (preempted vs master-down) and when a
    /// router that stopped while another advertises has really stopped (end of an overlap).
    static func aliveWindow(interval: Int64) -> Int64 { 2 * interval }

    /// Late advert: more than 1.5 × the advertised interval after the same master's previous advert.
    /// Half an interval of slack tolerates scheduler jitter; beyond it the usual causes are CPU stalls,
    /// slow scripts and lossy links, which are what make VRRP groups flap.
    static func isLate(spacing: Int64, interval: Int64) -> Bool { spacing * 2 > interval * 3 }

    /// Silence: a master whose last advert is older than 4 × its interval + 50 ms, with no other router
    /// advertising, has been abandoned. Every backup (priority 1…254) would have taken over by then:
    /// the longest Master_Down_Interval is 3 × interval + 255/256 × interval for version 3 and
    /// 3 × interval + 255/256 s for version 2, so version 2 adds one more second.
    static func silenceTimeout(interval: Int64, version: UInt8) -> Int64 {
        let longestSkew = version == 2 ? second : interval
        return 3 * interval + longestSkew + processingAllowance
    }

    /// Split brain: two or more routers still acting as master (advertising with non-zero priority, or
    /// announcing the virtual addresses) more than 3 × `interval` after they started to overlap, where
    /// `interval` is that of the election winner among them (highest priority, then address) — the router
    /// every other one must hear in order to yield. A master that hears a better advert yields at once
    /// (RFC 5798 §6.4.3), so a legitimate overlap (a preemption, a router starting up in MASTER state, one
    /// advert in flight) lasts about one interval at most; three intervals without yielding is the very
    /// condition under which a backup declares the master down: they cannot hear each other. Both must
    /// show activity past the threshold; a router merely not yet timed out does not count.
    public static func splitBrainThreshold(interval: Int64) -> Int64 { 3 * interval }

    /// How long a new master's event waits for its first gratuitous ARP / unsolicited NA before it is
    /// emitted with `garp_delay_s: null`: max(1 s, 3 × interval). Implementations announce the virtual
    /// addresses right after (keepalived: immediately after) their first advert as master.
    static func announcementWait(interval: Int64) -> Int64 { max(second, 3 * interval) }

    /// An announcement from the shared virtual MAC may precede the first advert of the master that sent
    /// it: Cisco IOS sends its gratuitous ARPs 0–2 ms before the first advert. Such an announcement is
    /// held this long, and belongs to a router whose term begins within it (`garp_delay_s` is then
    /// negative); otherwise to the master reigning when it came. 50 ms is the processing allowance: the
    /// sender builds both packets in one go, and a newcomer later than that is another router's takeover.
    static let announcementLead: Int64 = processingAllowance

    /// Two routers of equal priority whose first adverts as master are at most this far apart started
    /// together: their master-down timers fired at once (equal priority means equal skew), so the tie-break
    /// decides, and it is one master change. The same 50 ms allowance as for a backup's processing.
    static let simultaneousClaim: Int64 = processingAllowance

    /// A takeover's announcements: its first burst and the repeats that begin within this window of its
    /// first announcement. Cisco IOS repeats its pair 1 s and 2 s later; keepalived repeats its burst after
    /// `garp_master_delay` (5 s); one more second absorbs a busy sender. The `master` event gives the first
    /// burst's size, the router table that size times the takeover's bursts ("2×3"), then later bursts.
    public static let announcementRepeatWindow: Int64 = 6 * second

    /// Announcements closer together than this belong to one burst. keepalived sends
    /// `garp_master_repeat` (5) back to back, then repeats the burst after `garp_master_delay` (5 s).
    static let burstGap: Int64 = 500 * millisecond

    /// With `-i any`, the same frame seen on several interfaces within this window is one packet.
    /// Copies of one frame (bridge and port, VLAN device and parent, bond and slave) reach libpcap
    /// within microseconds; distinct frames of one sender are at least a scheduling step apart.
    public static let duplicateWindow: Int64 = millisecond

    /// Timestamps that run backwards by at most this much are reordering between capture queues
    /// (`-i any`, multi-interface pcapng), not a clock step; they are taken as "no time passed".
    public static let reorderTolerance: Int64 = 10 * millisecond
}
