import Codec
import ElectionModel

/// What the analyser reads from one advert, kept inline in its route (one object per filed frame).
struct ObservedAdvert: Sendable {
    let source: IPAddress
    let mac: MACAddress?
    let priority: UInt8
    /// The segment's number (`SegmentAliases`), after aliases.
    let segment: Int
    let vrid: UInt8
    /// The settings as far as they were read, even when cut short (they choose the advert's group).
    let offered: AdvertSettings
    /// Cut short by the snap length: its address list and auth do not count.
    let isTruncated: Bool

    /// Whether `packet` is an advert of a known version (the others are not analysed).
    static func isAdvert(_ packet: borrowing VRRPPacket) -> Bool {
        packet.type == VRRPPacket.advertisement && (packet.version == 2 || packet.version == 3)
    }

    init(_ packet: borrowing VRRPPacket, addresses: [IPAddress], insideAH: Bool, from source: IPAddress, mac: MACAddress?,
         segment: Int) {
        self.source = source
        self.mac = mac
        priority = packet.priority
        self.segment = segment
        vrid = packet.vrid
        offered = AdvertSettings(packet, addresses: addresses, isIPv6: source.isIPv6, insideAH: insideAH)
        isTruncated = packet.isTruncated
    }

    /// Nil when the advert was cut short.
    var settings: AdvertSettings? { isTruncated ? nil : offered }

    var family: AddressFamily { source.isIPv6 ? .ipv6 : .ipv4 }
}
