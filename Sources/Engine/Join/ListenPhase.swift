import Codec
import ElectionModel

/// Listen before joining: what was heard on the VRID before our first advert, and whether to join.
///
/// The edge feeds every advert for our VRID and family, and every ARP reply / gratuitous ARP /
/// neighbour advertisement for one of our virtual addresses, for `duration`; then `decision` says
/// join or refuse with the reasons. An owner (priority 255) listens too, then goes master at once.
public struct ListenPhase: Sendable {
    public let config: RouterConfig
    public let started: Int64
    /// Every address of this host (all interfaces): adverts from them mean a local VRRP daemon.
    public let ownAddresses: Set<IPAddress>
    public private(set) var refusals: [JoinRefusal] = []
    private var routerMACs: Set<MACAddress> = []
    private var answers: [IPAddress: Set<MACAddress>] = [:]
    private var longestInterval: Int64

    public init(config: RouterConfig, started: Int64, ownAddresses: Set<IPAddress>) {
        self.config = config
        self.started = started
        self.ownAddresses = ownAddresses
        longestInterval = config.interval
    }

    /// 3 × Master_Down_Interval at our priority and the longest interval heard (so a master with a
    /// slower interval than ours is heard at least three times).
    public var duration: Int64 {
        3 * VRRPTimers.masterDownInterval(priority: config.priority, interval: longestInterval, version: config.version)
    }

    public mutating func heard(_ advert: ReceivedAdvert, sourceMAC: MACAddress?) {
        let packet = advert.packet
        guard packet.vrid == config.vrid, advert.source.isIPv6 == (config.family == .ipv6) else { return }
        if let mac = sourceMAC { routerMACs.insert(mac) }
        longestInterval = max(longestInterval, VRRPTimers.interval(centiseconds: packet.intervalCentiseconds))
        if ownAddresses.contains(advert.source) { note(.sameHost(address: advert.source)) }
        if Set(packet.addresses) != Set(config.virtualAddresses.map(\.address)) {
            note(.otherAddresses(router: advert.source, addresses: Array(packet.addresses)))
        }
        if config.version == 2, packet.hasVersion2Layout,
           packet.authType != config.authentication.type
            || (packet.authType == 1 && packet.authData != config.authentication.data) {
            note(.otherAuth(router: advert.source))
        }
        if config.priority == 255, packet.priority == 255 { note(.anotherOwner(router: advert.source)) }
    }

    /// An ARP reply, gratuitous ARP or neighbour advertisement for `address` from `mac`.
    public mutating func heardAnswer(for address: IPAddress, from mac: MACAddress) {
        guard config.virtualAddresses.contains(where: { $0.address == address }) else { return }
        answers[address, default: []].insert(mac)
    }

    /// Every reason not to join, the answers judged against the routers heard by now: an address is
    /// answered by a stranger when none of the MACs answering for it is a router's or the virtual MAC.
    public var reasons: [JoinRefusal] {
        let virtualMACs: Set<MACAddress> = [.virtualRouter(vrid: config.vrid, ipv6: false), .virtualRouter(vrid: config.vrid, ipv6: true)]
        var all = refusals
        for (address, macs) in answers.sorted(by: { $0.key < $1.key }) {
            // When a router of the group answers too, another MAC answering beside it is most likely its
            // own host's other interface: Linux answers ARP for any local address on every interface, so
            // FRR's parent interface answers beside its macvlan. A stranger sharing the VIP with a live
            // master is a conflict that exists whether we join or not.
            guard macs.isDisjoint(with: routerMACs.union(virtualMACs)) else { continue }
            for mac in macs.sorted() { all.append(.foreignAnswer(address: address, mac: mac)) }
        }
        return all
    }

    public enum Decision: Sendable, Hashable {
        /// Keep listening until then.
        case listen(until: Int64)
        case join
        case refuse([JoinRefusal])
    }

    /// `force` joins whatever was heard (the edge still prints `reasons` as warnings).
    public func decision(now: Int64, force: Bool) -> Decision {
        if now < started + duration { return .listen(until: started + duration) }
        let reasons = reasons
        return reasons.isEmpty || force ? .join : .refuse(reasons)
    }

    private mutating func note(_ refusal: JoinRefusal) {
        if !refusals.contains(refusal) { refusals.append(refusal) }
    }
}
