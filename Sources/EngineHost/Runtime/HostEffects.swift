/// The OS edges one router drives, bundled so that tests swap them for fakes. What the routers of a
/// process share (the rtnetlink monitor, the signals) is the `NodeHost`'s.
public struct HostEffects {
    public var transport: any VRRPTransport
    public var announcer: any AnnouncementSender
    public var addresses: any AddressControl
    public var clock: any NodeClock
    public var ownership: any OwnershipStore
    /// Heard while listening before joining only (ARP / NA answers, the MACs adverts come from).
    public var listener: (any FrameSource)?

    public init(transport: any VRRPTransport, announcer: any AnnouncementSender, addresses: any AddressControl,
                clock: any NodeClock, ownership: any OwnershipStore, listener: (any FrameSource)? = nil) {
        self.transport = transport
        self.announcer = announcer
        self.addresses = addresses
        self.clock = clock
        self.ownership = ownership
        self.listener = listener
    }
}
