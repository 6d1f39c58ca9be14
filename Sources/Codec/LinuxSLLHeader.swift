/// The Linux "cooked" header (LINKTYPE_LINUX_SLL, 16 bytes) that older `-i any` captures carry.
public struct LinuxSLLHeader: Hashable, Sendable {
    public var packetType: UInt16
    public var hardwareType: UInt16
    public var addressLength: UInt16
    /// The 8-byte address field, of which `addressLength` bytes are meaningful.
    public var address: UInt64
    /// Tags the kernel left in the payload (the protocol field then names a TPID).
    public var tags: [VLANTag]
    public var protocolType: UInt16

    public init(packetType: UInt16, hardwareType: UInt16 = 1, addressLength: UInt16 = 6, address: UInt64,
                tags: [VLANTag] = [], protocolType: UInt16) {
        self.packetType = packetType
        self.hardwareType = hardwareType
        self.addressLength = addressLength
        self.address = address
        self.tags = tags
        self.protocolType = protocolType
    }

    public static func decode(_ reader: inout ByteReader) throws(DecodeError) -> LinuxSLLHeader {
        let packetType = try reader.readUInt16()
        let hardwareType = try reader.readUInt16()
        let addressLength = try reader.readUInt16()
        let address = try reader.readUInt64()
        var tags: [VLANTag] = []
        let type = try reader.readVLANTags(after: try reader.readUInt16(), into: &tags)
        return LinuxSLLHeader(packetType: packetType, hardwareType: hardwareType, addressLength: addressLength,
                              address: address, tags: tags, protocolType: type)
    }

    public func encode(into writer: inout ByteWriter) {
        writer.write(packetType)
        writer.write(hardwareType)
        writer.write(addressLength)
        writer.write(address)
        writer.writeVLANTags(tags, then: protocolType)
    }

    /// The sender's MAC when the link is Ethernet-like (ARPHRD_ETHER, 6-byte address).
    public var sourceMAC: MACAddress? { cookedSourceMAC(hardwareType: hardwareType, length: Int(addressLength), address: address) }
}

/// The sender's MAC from a cooked header's 8-byte address field, when it is an Ethernet address.
func cookedSourceMAC(hardwareType: UInt16, length: Int, address: UInt64) -> MACAddress? {
    guard length == 6, hardwareType == 1 || hardwareType == 772 else { return nil }  // ARPHRD_ETHER, ARPHRD_LOOPBACK
    return MACAddress(rawValue: address >> 16)
}
