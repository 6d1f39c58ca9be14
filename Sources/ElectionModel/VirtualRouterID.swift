import Codec

/// The address family of a virtual router: VRRP over IPv4 and over IPv6 are separate routers even
/// with the same VRID (RFC 5798 §5.2.3).
public enum AddressFamily: String, Sendable, Hashable, Comparable {
    case ipv4
    case ipv6

    public static func < (lhs: AddressFamily, rhs: AddressFamily) -> Bool { lhs == .ipv4 && rhs == .ipv6 }

    // The case, not the raw value: `RawRepresentable`'s default would hash the string, and the family
    // is part of the keys the analyser looks up for every packet.
    public static func == (lhs: AddressFamily, rhs: AddressFamily) -> Bool { lhs.isIPv6 == rhs.isIPv6 }
    public func hash(into hasher: inout Hasher) { hasher.combine(isIPv6) }

    private var isIPv6: Bool { if case .ipv6 = self { true } else { false } }
}

/// Where frames were seen: the capture interface (nil when the source names none), the innermost
/// VLAN id (nil when untagged) and, for 802.1ad QinQ, the service VLAN outside it. Two VLANs, the same
/// customer VLAN inside two service VLANs, or two interfaces not bridged together, are two segments.
public struct Segment: Sendable, Hashable {
    public var interface: String?
    public var vlan: UInt16?
    public var outerVLAN: UInt16?

    public init(interface: String?, vlan: UInt16?, outerVLAN: UInt16? = nil) {
        self.interface = interface
        self.vlan = vlan
        self.outerVLAN = outerVLAN
    }

    /// The segment a frame's tag stack names (the default filter passes at most two tags).
    package init(interface: String?, tags: [VLANTag]) {
        self.init(interface: interface, vlan: tags.last?.vid, outerVLAN: tags.count >= 2 ? tags[tags.count - 2].vid : nil)
    }
}

/// One virtual router: segment, family and VRID; `group` tells apart unrelated clusters that collide on
/// one VRID (0 for the first group seen, then 1, 2… in order of appearance; see `collision` events).
public struct VirtualRouterID: Sendable, Hashable, Comparable {
    public var segment: Segment
    public var family: AddressFamily
    public var vrid: UInt8
    public var group: Int

    public init(segment: Segment, family: AddressFamily, vrid: UInt8, group: Int = 0) {
        self.segment = segment
        self.family = family
        self.vrid = vrid
        self.group = group
    }

    public var interface: String? { segment.interface }
    public var vlan: UInt16? { segment.vlan }
    public var outerVLAN: UInt16? { segment.outerVLAN }

    public static func < (lhs: VirtualRouterID, rhs: VirtualRouterID) -> Bool {
        func key(_ id: VirtualRouterID) -> (String, Int, AddressFamily, UInt8, Int) {
            (id.interface ?? "", (id.outerVLAN.map(Int.init) ?? -1) << 16 | (id.vlan.map(Int.init) ?? 0xFFFF),
             id.family, id.vrid, id.group)
        }
        let (a, b) = (key(lhs), key(rhs))
        if a.0 != b.0 { return a.0 < b.0 }
        if a.1 != b.1 { return a.1 < b.1 }
        if a.2 != b.2 { return a.2 < b.2 }
        if a.3 != b.3 { return a.3 < b.3 }
        return a.4 < b.4
    }
}
