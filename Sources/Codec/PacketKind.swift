/// The coarse class of a frame, as statistics and JSON's `kind` name it.
public enum PacketKind: String, Sendable, CaseIterable {
    case vrrp
    case arp
    case na
    case carp
    case other
}

extension Frame {
    public var kind: PacketKind {
        switch network {
        case .arp: return .arp
        case .malformed(let type, _, _): return type == EtherType.arp ? .arp : .other
        case .other: return .other
        case .ipv4(_, let payload), .ipv6(_, let payload): return payload.kind
        }
    }
}

extension IPPayload {
    var kind: PacketKind {
        switch self {
        case .vrrp: .vrrp
        case .carp: .carp
        case .neighborAdvertisement: .na
        case .authenticated(_, let inner): inner.kind
        case .malformed(let proto, _, let bytes):
            if proto == IPProtocol.vrrp || proto == IPProtocol.ah { .vrrp }
            else if proto == IPProtocol.icmpv6 && bytes.first == NeighborAdvertisement.icmpType { .na }
            else { .other }
        case .other: .other
        }
    }
}
