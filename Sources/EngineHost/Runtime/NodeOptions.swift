import Codec

/// How the runtime runs the router, beyond the RFC configuration.
public struct NodeOptions {
    /// The interface the node runs on.
    public var link: LinkInfo
    /// `--track-interface` or keepalived's `track_interface`: Fault while one of weight 0 is down,
    /// the others weigh on the priority.
    public var trackedInterfaces: [TrackedInterface]
    /// `--check`, or the vrrp_scripts it tracks: polled by the host off the timer path, each once
    /// however many routers track it; each router applies its own weight.
    public var checks: [TrackedCheck]
    /// `--force`: join even when listening found a reason not to.
    public var force: Bool
    /// Listen before joining (three Master_Down_Intervals). Off only in tests.
    public var listens: Bool
    /// `--use-vmac`: the macvlan carrying the virtual MAC, where the addresses go and whose MAC the
    /// announcements come from.
    public var virtualMAC: LinkInfo?
    /// keepalived's notify scripts, run on every state entered.
    public var notifier: Notifier?
    /// keepalived's `virtual_ipaddress { ADDR dev X }`: an address naming its own interface goes there
    /// and is announced there from X's MAC, never on the macvlan (keepalived puts only the addresses
    /// without `dev` there); the others go on `addressLink`.
    public var addressLinks: [IPAddress: LinkInfo]
    /// keepalived's `virtual_ipaddress { ADDR label L }`: the IFA_LABEL of those addresses, instead of ours.
    public var addressLabels: [IPAddress: String]

    public init(link: LinkInfo, trackedInterfaces: [TrackedInterface] = [], checks: [TrackedCheck] = [], force: Bool = false,
                listens: Bool = true, notifier: Notifier? = nil, virtualMAC: LinkInfo? = nil,
                addressLinks: [IPAddress: LinkInfo] = [:], addressLabels: [IPAddress: String] = [:]) {
        self.link = link
        self.trackedInterfaces = trackedInterfaces
        self.checks = checks
        self.force = force
        self.listens = listens
        self.notifier = notifier
        self.virtualMAC = virtualMAC
        self.addressLinks = addressLinks
        self.addressLabels = addressLabels
    }

    /// Where our addresses go and whose MAC announces them: the macvlan with `--use-vmac`, else the interface.
    public var addressLink: LinkInfo { virtualMAC ?? link }

    /// Where `address` goes and whose MAC announces it: its own interface, else `addressLink`.
    public func link(for address: IPAddress) -> LinkInfo { addressLinks[address] ?? addressLink }

    /// The IFA_LABEL `address` gets: the configured one, else ours on its interface.
    func label(for address: IPAddress) -> String? {
        addressLabels[address] ?? Self.addressLabel(on: link(for: address))
    }

    /// Every interface our addresses may go on.
    var links: [LinkInfo] { [addressLink] + addressLinks.values }

    /// The IFA_LABEL of addresses we add on `link`: `IFACE:vrrpdump`, or `IFACE:vr` when that exceeds
    /// the kernel's 15 characters, or none when even that does not fit.
    public static func addressLabel(on link: LinkInfo) -> String? {
        for suffix in [":vrrpdump", ":vr"] where link.name.utf8.count + suffix.utf8.count <= 15 { return link.name + suffix }
        return nil
    }
}
