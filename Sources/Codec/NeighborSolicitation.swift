/// An ICMPv6 neighbour solicitation (RFC 4861 §4.3), as the live node sends one to probe who answers
/// for a virtual address before it joins. Only encoded: the sniffer has no use for solicitations.
public struct NeighborSolicitation: Hashable, Sendable {
    public var target: IPv6Address
    /// The sender's MAC, carried in the source link-layer address option.
    public var sourceMAC: MACAddress

    public init(target: IPv6Address, sourceMAC: MACAddress) {
        self.target = target
        self.sourceMAC = sourceMAC
    }

    public static let icmpType: UInt8 = 135
    static let sourceLinkLayerOption: UInt8 = 1

    /// The solicited-node multicast group of the target (ff02::1:ffXX:XXXX), where the solicitation goes.
    public var destination: IPv6Address {
        IPv6Address(high: 0xFF02_0000_0000_0000, low: 0x0000_0001_FF00_0000 | (target.low & 0xFF_FFFF))
    }

    /// The message with its checksum over the pseudo-header of `source` and `destination`.
    public func encode(source: IPv6Address, into writer: inout ByteWriter) {
        var message = ByteWriter(capacity: 32)
        message.write(Self.icmpType)
        message.write(UInt8(0))  // code
        message.write(UInt16(0))  // checksum, filled in below
        message.write(UInt32(0))  // reserved
        message.write(target)
        message.write(Self.sourceLinkLayerOption)
        message.write(UInt8(1))  // length: one 8-byte unit
        message.write(sourceMAC)
        var sum = InternetChecksum()
        sum.addPseudoHeader(source: .v6(source), destination: .v6(destination), protocol: IPProtocol.icmpv6,
                            length: message.count)
        sum.add(message.bytes)
        let checksum = sum.checksum
        var bytes = message.bytes
        bytes[2] = UInt8(checksum >> 8)
        bytes[3] = UInt8(checksum & 0xFF)
        writer.write(contentsOf: bytes)
    }
}
