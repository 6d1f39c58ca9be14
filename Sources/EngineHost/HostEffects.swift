/// The OS edges the runtime drives, bundled so that tests swap them for fakes.
public struct HostEffects {
    public var transport: any VRRPTransport
    public var announcer: any AnnouncementSender
    public var addresses: any AddressControl
    public var monitor: (any HostEventSource)?
    public var signals: SignalSource?
    public var clock: any NodeClock
    public var ownership: any OwnershipStore
    /// Heard while listening before joining only (ARP / NA answers, the MACs adverts come from).
    public var listener: (any FrameSource)?

    public init(transport: any VRRPTransport, announcer: any AnnouncementSender, addresses: any AddressControl,
                monitor: (any HostEventSource)?, signals: SignalSource?, clock: any NodeClock, ownership: any OwnershipStore,
                listener: (any FrameSource)? = nil) {
        self.transport = transport
        self.announcer = announcer
        self.addresses = addresses
        self.monitor = monitor
        self.signals = signals
        self.clock = clock
        self.ownership = ownership
        self.listener = listener
    }
}
