import Codec
import ElectionModel

/// One VRRP router's configuration: the flags of `--participate` / `--what-if`, or a keepalived
/// `vrrp_instance`.
public struct RouterConfig: Sendable, Hashable {
    public var vrid: UInt8
    /// 2 (RFC 3768, IPv4 only) or 3 (RFC 9568).
    public var version: UInt8
    public var family: AddressFamily
    /// 1…254, or 255 for the address owner.
    public var priority: UInt8
    /// Centiseconds. Version 2 sends whole seconds, so it must be a multiple of 100 there.
    public var advertInterval: Int
    public var virtualAddresses: [VirtualAddress]
    /// keepalived's `virtual_ipaddress_excluded`: added and announced by a master as `virtualAddresses`
    /// are, never in its adverts, so peers need not list them; any family.
    public var excludedAddresses: [VirtualAddress] = []
    /// Our source address: the interface's IPv4 address, or its IPv6 link-local address.
    public var primaryAddress: IPAddress
    public var preempt: Bool
    /// keepalived's `preempt_delay`, nanoseconds: a lower-priority master is preempted only after it.
    public var preemptDelay: Int64
    /// RFC 9568 Accept_Mode: a non-owner master accepts packets for the virtual addresses. The edge
    /// acts on it; the machine only carries it.
    public var acceptMode: Bool
    public var authentication: Authentication
    /// Empty: multicast (224.0.0.18, ff02::12). Otherwise keepalived's `unicast_peer` list; adverts
    /// from any other source are dropped.
    public var unicastPeers: [IPAddress]
    /// keepalived's `unicast_src_ip`; nil means `primaryAddress`.
    public var unicastSource: IPAddress?
    /// Answer a lower-priority advert at once with our own while master. true (default) is keepalived's
    /// behaviour in both versions and RFC 9568's for v3; false is keepalived's `lower_prio_no_advert`
    /// and RFC 3768's for v2 (discard).
    public var lowerPriorityAnswer: Bool
    /// The VRRPv3/IPv4 checksum we send: `.pseudoHeader` (default, what keepalived 2.2.7 and FRR 8.4
    /// check; a documented deviation from RFC 9568) or `.plain`. IPv6 always uses the pseudo-header and
    /// version 2 the plain sum.
    public var v3ChecksumForm: ChecksumForm
    public var announcements: Announcements
    /// Send from the virtual MAC (a macvlan the edge creates); the machine only carries it.
    public var useVirtualMAC: Bool
    /// Flap damping: at most this many state changes within `flapWindow`; a further change to master is
    /// held (the router stays backup) until the oldest change leaves the window.
    public var flapLimit: Int
    public var flapWindow: Int64
    /// While master, adverts from one lower-priority peer beyond this many (about three intervals of
    /// them) mean it drops ours: a `peer-ignores-us` event.
    public var peerIgnoresUsAfter: Int

    public init(vrid: UInt8, version: UInt8 = 3, family: AddressFamily = .ipv4, priority: UInt8 = 100,
                advertInterval: Int = 100, virtualAddresses: [VirtualAddress], primaryAddress: IPAddress,
                preempt: Bool = true, preemptDelay: Int64 = 0, acceptMode: Bool = false,
                authentication: Authentication = .none, unicastPeers: [IPAddress] = [], unicastSource: IPAddress? = nil,
                lowerPriorityAnswer: Bool = true, v3ChecksumForm: ChecksumForm = .pseudoHeader,
                announcements: Announcements = Announcements(), useVirtualMAC: Bool = false,
                flapLimit: Int = 10, flapWindow: Int64 = 60 * VRRPTimers.second, peerIgnoresUsAfter: Int = 3) {
        self.vrid = vrid
        self.version = version
        self.family = family
        self.priority = priority
        self.advertInterval = advertInterval
        self.virtualAddresses = virtualAddresses
        self.primaryAddress = primaryAddress
        self.preempt = preempt
        self.preemptDelay = preemptDelay
        self.acceptMode = acceptMode
        self.authentication = authentication
        self.unicastPeers = unicastPeers
        self.unicastSource = unicastSource
        self.lowerPriorityAnswer = lowerPriorityAnswer
        self.v3ChecksumForm = v3ChecksumForm
        self.announcements = announcements
        self.useVirtualMAC = useVirtualMAC
        self.flapLimit = flapLimit
        self.flapWindow = flapWindow
        self.peerIgnoresUsAfter = peerIgnoresUsAfter
    }

    /// VRRPv2 authentication (RFC 3768 §5.3.6). IP AH is not offered: RFC 3768 deprecated it.
    public enum Authentication: Sendable, Hashable {
        case none
        /// Simple text password, at most 8 bytes.
        case simple(String)

        public var type: UInt8 { if case .simple = self { 1 } else { 0 } }

        /// The 8 authentication bytes as the packet carries them (padded with NULs).
        public var data: UInt64 {
            guard case .simple(let password) = self else { return 0 }
            var value: UInt64 = 0
            let bytes = Array(password.utf8.prefix(8))
            for index in 0..<8 { value = value << 8 | UInt64(index < bytes.count ? bytes[index] : 0) }
            return value
        }
    }

    /// Gratuitous ARP / unsolicited NA bursts on becoming master, as keepalived sends them.
    public struct Announcements: Sendable, Hashable {
        /// keepalived's `garp_master_delay`: the second burst after becoming master (0: none), ns.
        public var garpDelay: Int64
        /// keepalived's `garp_master_repeat`: announcements per address in each burst.
        public var garpRepeat: Int
        /// keepalived's `garp_master_refresh`: a burst every period while master (nil: none), ns.
        public var garpRefresh: Int64?

        public init(garpDelay: Int64 = 5 * VRRPTimers.second, garpRepeat: Int = 5, garpRefresh: Int64? = nil) {
            self.garpDelay = garpDelay
            self.garpRepeat = garpRepeat
            self.garpRefresh = garpRefresh
        }
    }

    /// The address our adverts come from.
    public var sourceAddress: IPAddress { unicastSource ?? primaryAddress }

    /// Our advert interval in nanoseconds.
    public var interval: Int64 { VRRPTimers.interval(centiseconds: advertInterval) }

    /// Checks what the RFCs and the wire format allow; the first problem found.
    public func validate() throws(ConfigError) {
        guard vrid >= 1 else { throw .vrid }
        guard version == 2 || version == 3 else { throw .version(version) }
        guard priority >= 1 else { throw .priority }
        if version == 2 {
            guard family == .ipv4 else { throw .version2IPv6 }
            guard advertInterval % 100 == 0, (100...25_500).contains(advertInterval) else { throw .interval(advertInterval, version: 2) }
        } else {
            guard (1...4095).contains(advertInterval) else { throw .interval(advertInterval, version: 3) }
            guard authentication == .none else { throw .version3Authentication }
        }
        if case .simple(let password) = authentication, password.utf8.count > 8 || password.isEmpty {
            throw .password
        }
        guard !virtualAddresses.isEmpty else { throw .noAddresses }
        let v6 = family == .ipv6
        for address in virtualAddresses.map(\.address) + [primaryAddress] + unicastPeers where address.isIPv6 != v6 {
            throw .family(address, family)
        }
        if v6, case .v6(let source) = primaryAddress, !source.isLinkLocal, unicastPeers.isEmpty {
            throw .notLinkLocal(primaryAddress)
        }
    }

    /// Effective priority after tracking weights: saturates at 1…254; the owner's 255 never changes.
    public static func effectivePriority(base: UInt8, weight: Int) -> UInt8 {
        guard base != 255 else { return 255 }
        return UInt8(min(254, max(1, Int(base) + weight)))
    }
}

/// A configuration the RFCs or the wire format do not allow.
public enum ConfigError: Error, Sendable, Hashable, CustomStringConvertible {
    case vrid
    case version(UInt8)
    case priority
    case version2IPv6
    case interval(Int, version: UInt8)
    case version3Authentication
    case password
    case noAddresses
    case family(IPAddress, AddressFamily)
    case notLinkLocal(IPAddress)

    public var description: String {
        switch self {
        case .vrid: "the VRID must be 1…255"
        case .version(let version): "VRRP version \(version) does not exist: use 2 or 3"
        case .priority: "the priority must be 1…255 (0 is reserved for a master leaving)"
        case .version2IPv6: "VRRPv2 runs over IPv4 only: use --version 3 for IPv6"
        case .interval(let centiseconds, let version):
            version == 2
                ? "VRRPv2 advert intervals are whole seconds 1…255 (got \(Double(centiseconds) / 100) s)"
                : "VRRPv3 advert intervals are 0.01…40.95 s (got \(Double(centiseconds) / 100) s)"
        case .version3Authentication: "VRRPv3 has no authentication (RFC 9568 §9): drop --auth-pass or use --version 2"
        case .password: "the simple password must be 1…8 bytes"
        case .noAddresses: "give at least one virtual address"
        case .family(let address, let family): "\(address) is not an \(family.rawValue) address like the others"
        case .notLinkLocal(let address): "VRRPv3 over IPv6 sends from the interface's link-local address, not \(address)"
        }
    }
}
