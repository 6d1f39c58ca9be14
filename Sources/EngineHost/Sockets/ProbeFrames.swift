import Codec

/// The frames that ask, while listening before joining, who answers for a virtual address, so that a
/// host holding it that never speaks on its own is found: an ARP request "who-has VIP tell OURS" to
/// broadcast, or a neighbour solicitation to the VIP's solicited-node group from our link-local
/// address. They come from the interface's own MAC and address (never from the VIP, which would
/// teach the segment that we hold it before we joined).
public enum ProbeFrames {
    /// `source` is the node's own address (IPv4, or IPv6 link-local); of the other family, the probe asks
    /// from the unspecified address instead.
    public static func frame(for address: IPAddress, mac: MACAddress, source: IPAddress) -> [UInt8] {
        var writer = ByteWriter(capacity: 90)
        switch address {
        case .v4(let vip):
            let sender: IPv4Address = if case .v4(let own) = source { own } else { IPv4Address(rawValue: 0) }
            EthernetHeader(destination: .broadcast, source: mac, etherType: EtherType.arp).encode(into: &writer)
            ARPPacket(operation: ARPPacket.request, senderMAC: mac, senderIP: sender, targetMAC: .zero, targetIP: vip)
                .encode(into: &writer)
        case .v6(let vip):
            let solicitation = NeighborSolicitation(target: vip, sourceMAC: mac)
            let group = solicitation.destination
            let from: IPv6Address = if case .v6(let own) = source { own } else { IPv6Address(high: 0, low: 0) }
            var body = ByteWriter(capacity: 32)
            solicitation.encode(source: from, into: &body)
            EthernetHeader(destination: .multicast(group), source: mac, etherType: EtherType.ipv6).encode(into: &writer)
            IPv6Header(payloadLength: UInt16(body.count), nextHeader: IPProtocol.icmpv6, hopLimit: 255,
                       source: from, destination: group).encode(into: &writer)
            writer.write(contentsOf: body.bytes)
        }
        return writer.bytes
    }
}
