import Codec

/// The frames the default filter on Ethernet accepts for certain, told from a few bytes: untagged
/// VRRP over IPv4 or IPv6 (the protocol of the fixed header), ARP, and a neighbour advertisement
/// (ICMPv6 type 136 right after the fixed header). Each is one alternative of
/// `PacketFilter.untaggedExpression`, read at the offsets libpcap compiles it to.
///
/// Reading a file, running the program in libpcap's interpreter cost a twentieth of a unique frame's
/// reading. Any other frame still goes through the program, so what passes does not change: the
/// shortcut only answers yes where the program would.
struct FilterShortcut: Sendable {
    func accepts(_ frame: UnsafeRawBufferPointer) -> Bool {
        guard frame.count >= 14 else { return false }
        switch UInt16(frame[12]) << 8 | UInt16(frame[13]) {
        case EtherType.arp:
            return true
        case EtherType.ipv4:
            return frame.count > 23 && frame[23] == IPProtocol.vrrp
        case EtherType.ipv6:
            guard frame.count > 20 else { return false }
            if frame[20] == IPProtocol.vrrp { return true }
            return frame[20] == IPProtocol.icmpv6 && frame.count > 54 && frame[54] == Self.neighborAdvertisement
        default:
            return false
        }
    }

    private static let neighborAdvertisement: UInt8 = 136
}
