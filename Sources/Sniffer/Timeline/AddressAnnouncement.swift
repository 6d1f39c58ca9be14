import Codec
import ElectionModel

/// A frame binding a virtual address to a MAC: a gratuitous ARP in either style, an ARP reply, or a
/// neighbour advertisement. New masters announce their virtual addresses with the unsolicited kinds.
struct AddressAnnouncement: Sendable {
    var address: IPAddress
    /// The MAC the binding points to: ARP's sender hardware address, or the NA's target link-layer
    /// option (the frame's source MAC when the option is absent); nil when the frame tells none.
    var mac: MACAddress?
    /// The NA's IPv6 source (a router's link-local address, as its adverts use); nil for ARP.
    var sender: IPAddress?
    /// Gratuitous ARP or unsolicited NA (what a new master sends), not an answer to a query.
    var isUnsolicited: Bool

    /// Nil for frames that bind nothing (ARP requests and probes, other traffic).
    init?(_ frame: borrowing Frame) {
        switch frame.network {
        case .arp(let arp):
            guard arp.isGratuitous || arp.kind == .reply else { return nil }
            address = .v4(arp.senderIP)
            mac = arp.senderMAC
            sender = nil
            isUnsolicited = arp.isGratuitous
        case .ipv6(let header, .neighborAdvertisement(let advert)):
            address = .v6(advert.target)
            mac = advert.targetLinkLayerAddress ?? frame.link.sourceMAC
            sender = .v6(header.source)
            isUnsolicited = advert.isUnsolicited(destination: .v6(header.destination))
        default:
            return nil
        }
    }
}
