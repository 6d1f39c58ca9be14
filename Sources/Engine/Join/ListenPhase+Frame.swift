import Codec

extension ListenPhase {
    /// One frame heard on the interface while listening (the live node's AF_PACKET socket): a VRRP
    /// advert teaches the MAC its router sends from; an ARP packet whose sender address is one of ours
    /// (a reply, a gratuitous ARP, or a host asking from that address) and a neighbour advertisement
    /// for one of ours are answers, from the ARP sender MAC, or the NA's target link-layer address
    /// (else the frame's source MAC).
    public mutating func heard(frame: Frame) {
        guard let sourceMAC = frame.link.sourceMAC else { return }
        switch frame.network {
        case .arp(let arp):
            heardAnswer(for: .v4(arp.senderIP), from: arp.senderMAC)
        case .ipv4, .ipv6:
            guard let source = frame.network.sourceIP, let destination = frame.network.destinationIP else { return }
            if let packet = frame.vrrp {
                heard(ReceivedAdvert(packet: packet, source: source, destination: destination,
                                     hopLimit: frame.network.hopLimit ?? 0), sourceMAC: sourceMAC)
            } else if case .neighborAdvertisement(let advert) = frame.network.payload?.innermost {
                heardAnswer(for: .v6(advert.target), from: advert.targetLinkLayerAddress ?? sourceMAC)
            }
        case .other, .malformed:
            break
        }
    }
}
