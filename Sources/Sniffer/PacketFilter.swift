import Codec
import CPcap

/// Which packets reach user space: vrrpdump's default selection, a tcpdump expression, or both.
public struct PacketFilter: Sendable, Hashable {
    /// Whether the VRRP default (`defaultExpression(for:)`) applies.
    public var includesDefault: Bool
    /// A tcpdump expression every delivered packet must also match; nil or empty for none.
    public var expression: String?

    public init(includesDefault: Bool = true, expression: String? = nil) {
        self.includesDefault = includesDefault
        self.expression = expression
    }

    /// The default narrowed by a trailing expression, as tcpdump narrows by one.
    public static func vrrp(narrowedBy expression: String? = nil) -> PacketFilter {
        PacketFilter(includesDefault: true, expression: expression)
    }

    /// VRRP over IPv4 and IPv6 (tcpdump's `vrrp` primitive is IPv4 only), VRRP behind IPv4 AH
    /// (the AH header's first byte is its next header), ARP, and ICMPv6 Neighbor Advertisements
    /// (type 136 right after a fixed IPv6 header).
    ///
    /// `ip6 proto` reads the fixed header's next-header field and, behind one Fragment header, that
    /// header's; VRRP behind an IPv6 Hop-by-Hop header (next header 0) is matched by hand.
    /// `ip6 protochain` would walk the chain but compiles to a loop (backward jumps), which the
    /// kernel's classic BPF checker rejects.
    public static let untaggedExpression =
        "(ip proto 112) or (ip6 proto 112) or (ip6[6] = 0 and ip6[40] = 112)"
        + " or (ip proto 51 and ip[(ip[0]&0xf)<<2] = 112) or arp or (icmp6 and ip6[40] = 136)"

    /// The default filter text for a link type: on Ethernet also behind one or two VLAN tags.
    ///
    /// libpcap's `vlan` shifts the offsets of everything parsed after it, for the rest of the
    /// expression. The flat `B or (vlan and B) or (vlan and vlan and B)` therefore looks for the
    /// second alternative's tags 4 bytes too deep and misses every double-tagged frame; nesting
    /// each deeper level inside the previous one makes the accumulated shift equal the tag depth.
    /// Other link types reject `vlan` (cooked captures carry the tag out of band; RAW has none).
    public static func defaultExpression(for linkType: LinkType) -> String {
        let base = untaggedExpression
        guard linkType == .ethernet else { return base }
        return "\(base) or (vlan and (\(base) or (vlan and (\(base)))))"
    }

    /// The program for one link type, or nil when the filter accepts everything.
    ///
    /// The default and the user's expression compile separately and are joined in BPF, so a `vlan`
    /// in either cannot shift the offsets of the other.
    func program(for linkType: LinkType, on handle: OpaquePointer) throws(CaptureError) -> BPFProgram? {
        var parts: [String] = []
        if includesDefault { parts.append(Self.defaultExpression(for: linkType)) }
        if let expression, !expression.isEmpty { parts.append(expression) }
        var program: BPFProgram?
        for part in parts {
            let compiled = try BPFProgram(compiling: part, on: handle, linkTypeName: linkType.name)
            program = program.map { $0.and(compiled) } ?? compiled
        }
        if parts.count == 1, includesDefault, linkType == .ethernet { program?.shortcut = FilterShortcut() }
        return program
    }

    /// The program for one link type of a file, compiled on a dead handle (no kernel VLAN metadata).
    func offlineProgram(for linkType: LinkType) throws(CaptureError) -> BPFProgram? {
        // The snapshot length only sets the accept value; the largest libpcap knows is fine.
        guard let handle = pcap_open_dead(linkType.dlt, Int32(SnapLength.maximum)) else {
            throw .badFilter(expression: expression ?? "", linkType: linkType.name, message: "libpcap is out of memory")
        }
        defer { pcap_close(handle) }
        return try program(for: linkType, on: handle)
    }
}
