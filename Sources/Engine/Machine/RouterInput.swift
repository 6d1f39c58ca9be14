import Codec

/// The machine's timers; each is armed at most once at a time.
public enum RouterTimer: String, Sendable, Hashable, CaseIterable {
    /// Adver_Timer: the master's next advert.
    case adver
    /// Master_Down_Timer: a backup's wait for the master.
    case masterDown = "master-down"
    /// keepalived's `preempt_delay` before preempting a lower-priority master.
    case preemptDelay = "preempt-delay"
    /// The next gratuitous ARP / unsolicited NA burst (the delayed second one, then refreshes).
    case announce
}

/// An advert the edge received: the Codec's decode (whose `checksumCheck` is the checksum verdict)
/// plus what the IP header and socket said.
public struct ReceivedAdvert: Sendable, Hashable {
    public var packet: VRRPPacket
    public var source: IPAddress
    public var destination: IPAddress
    /// IPv4 TTL or IPv6 hop limit.
    public var hopLimit: UInt8

    public init(packet: VRRPPacket, source: IPAddress, destination: IPAddress, hopLimit: UInt8 = 255) {
        self.packet = packet
        self.source = source
        self.destination = destination
        self.hopLimit = hopLimit
    }

    /// The advert in a decoded frame, if it carries one.
    public init?(frame: Frame) {
        guard let packet = frame.vrrp, let source = frame.network.sourceIP, let destination = frame.network.destinationIP,
              let hopLimit = frame.network.hopLimit else { return nil }
        self.init(packet: packet, source: source, destination: destination, hopLimit: hopLimit)
    }
}

/// What can happen to a router.
public enum RouterInput: Sendable, Hashable {
    case startup
    case shutdown
    case advert(ReceivedAdvert)
    /// A timer the machine armed has fired; one that was cancelled or re-armed later is ignored.
    case timer(RouterTimer)
    /// Tracking changed the priority (see `RouterConfig.effectivePriority`); clamped to 1…254, and an
    /// owner's 255 never changes.
    case effectivePriority(UInt8)
    /// A tracked interface went down (true) or came back (false), or a check with weight 0 failed/passed.
    case fault(Bool)
    /// Someone removed one of our virtual addresses while we were master.
    case addressRemoved(IPAddress)
    /// The interface came back up: a master sends a fresh announcement burst.
    case linkFlapped
    /// Another member of the router's keepalived sync group entered master or backup: a backup follows
    /// to master, a master to backup (keepalived's `vrrp_sync_group`).
    case syncGroup(RouterState)
}
