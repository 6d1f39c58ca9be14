import Codec
import ElectionModel

/// What choosing a group needs of a router's first advert in its collision domain, read without the
/// rest of its settings: under a flood nearly every such advert is turned away, and building its
/// settings (an array of its addresses) and freeing them was a sixth of the analysis.
struct ArrivingAdvert {
    let source: IPAddress
    /// The segment's number (`SegmentAliases`), after aliases.
    let segment: Int
    let vrid: UInt8
    /// As sent (a truncated advert's as far as they were read: they still choose its group).
    let addresses: AddressList
    let authentication: AdvertSettings.Authentication

    init(_ packet: borrowing VRRPPacket, insideAH: Bool, from source: IPAddress, segment: Int) {
        self.source = source
        self.segment = segment
        vrid = packet.vrid
        addresses = packet.addresses
        authentication = AdvertSettings.Authentication(packet, insideAH: insideAH)
    }

    var family: AddressFamily { source.isIPv6 ? .ipv6 : .ipv4 }
}
