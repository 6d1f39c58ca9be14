import Codec

/// The frames that tell the segment where a virtual address lives, built with the Codec's encoders:
/// a gratuitous ARP request ("who-has VIP tell VIP", as keepalived sends) or an unsolicited neighbour
/// advertisement (R=1, S=0, O=1, target link-layer option) to all nodes.
public enum AnnouncementFrames {
    public static func frame(for address: IPAddress, mac: MACAddress, linkLocal: IPv6Address?) -> [UInt8] {
        var writer = ByteWriter(capacity: 90)
        switch address {
        case .v4(let vip):
            EthernetHeader(destination: .broadcast, source: mac, etherType: EtherType.arp).encode(into: &writer)
            ARPPacket(operation: ARPPacket.request, senderMAC: mac, senderIP: vip, targetMAC: .broadcast, targetIP: vip)
                .encode(into: &writer)
        case .v6(let vip):
            let destination = IPv6Address.allNodes
            let source = linkLocal ?? vip
            var advert = NeighborAdvertisement(router: true, solicited: false, override: true, target: vip,
                                               options: [.targetLinkLayer(mac)])
            advert.checksum = advert.computedChecksum(source: source, destination: destination)
            var body = ByteWriter(capacity: 32)
            advert.encode(into: &body)
            EthernetHeader(destination: .multicast(destination), source: mac, etherType: EtherType.ipv6)
                .encode(into: &writer)
            IPv6Header(payloadLength: UInt16(body.count), nextHeader: IPProtocol.icmpv6, hopLimit: 255,
                       source: source, destination: destination).encode(into: &writer)
            writer.write(contentsOf: body.bytes)
        }
        return writer.bytes
    }
}
