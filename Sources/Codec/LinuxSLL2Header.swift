/// The Linux "cooked" v2 header (LINKTYPE_LINUX_SLL2, 20 bytes): `-i any` with the interface index.
public struct LinuxSLL2Header: Hashable, Sendable {
    public var protocolType: UInt16
    public var reserved: UInt16
    public var interfaceIndex: UInt32
    public var hardwareType: UInt16
    public var packetType: UInt8
    public var addressLength: UInt8
    public var address: UInt64
    /// Tags the kernel left in the payload (the protocol field then names a TPID).
    public var tags: [VLANTag]

    public init(protocolType: UInt16, reserved: UInt16 = 0, interfaceIndex: UInt32, hardwareType: UInt16 = 1,
                packetType: UInt8, addressLength: UInt8 = 6, address: UInt64, tags: [VLANTag] = []) {
        self.protocolType = protocolType
        self.reserved = reserved
        self.interfaceIndex = interfaceIndex
        self.hardwareType = hardwareType
        self.packetType = packetType
        self.addressLength = addressLength
        self.address = address
        self.tags = tags
    }

    public static func decode(_ reader: inout ByteReader) throws(DecodeError) -> LinuxSLL2Header {
        let firstType = try reader.readUInt16()
        let reserved = try reader.readUInt16()
        let index = try reader.readUInt32()
        let hardwareType = try reader.readUInt16()
        let packetType = try reader.readUInt8()
        let addressLength = try reader.readUInt8()
        let address = try reader.readUInt64()
        // A first tag's TPID is the protocol field; its TCI follows the fixed header, then the rest.
        var tags: [VLANTag] = []
        let type = try reader.readVLANTags(after: firstType, into: &tags)
        return LinuxSLL2Header(protocolType: type, reserved: reserved, interfaceIndex: index, hardwareType: hardwareType,
                               packetType: packetType, addressLength: addressLength, address: address, tags: tags)
    }

    public func encode(into writer: inout ByteWriter) {
        writer.write(tags.first?.tpid ?? protocolType)
        writer.write(reserved)
        writer.write(interfaceIndex)
        writer.write(hardwareType)
        writer.write(packetType)
        writer.write(addressLength)
        writer.write(address)
        if let first = tags.first {
            writer.write(first.tci)
            writer.writeVLANTags(tags.dropFirst(), then: protocolType)
        }
    }

    public var sourceMAC: MACAddress? { cookedSourceMAC(hardwareType: hardwareType, length: Int(addressLength), address: address) }
}
