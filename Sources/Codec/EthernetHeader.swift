/// An Ethernet II header with any 802.1Q/802.1ad tags between the addresses and the EtherType.
public struct EthernetHeader: Hashable, Sendable {
    public var destination: MACAddress
    public var source: MACAddress
    /// Outermost first.
    public var tags: [VLANTag]
    public var etherType: UInt16

    public init(destination: MACAddress, source: MACAddress, tags: [VLANTag] = [], etherType: UInt16) {
        self.destination = destination
        self.source = source
        self.tags = tags
        self.etherType = etherType
    }

    public static func decode(_ reader: inout ByteReader) throws(DecodeError) -> EthernetHeader {
        let destination = try reader.readMAC()
        let source = try reader.readMAC()
        var tags: [VLANTag] = []
        let type = try reader.readVLANTags(after: try reader.readUInt16(), into: &tags)
        return EthernetHeader(destination: destination, source: source, tags: tags, etherType: type)
    }

    public func encode(into writer: inout ByteWriter) {
        writer.write(destination)
        writer.write(source)
        writer.writeVLANTags(tags, then: etherType)
    }
}
