/// A neighbour discovery option: type, length in 8-byte units, and the data after those two bytes.
public struct NDOption: Hashable, Sendable {
    public var type: UInt8
    public var data: [UInt8]

    public init(type: UInt8, data: [UInt8]) {
        self.type = type
        self.data = data
    }

    public static let targetLinkLayerAddress: UInt8 = 2

    public static func targetLinkLayer(_ mac: MACAddress) -> NDOption {
        NDOption(type: targetLinkLayerAddress, data: (0..<6).map { mac.byte($0) })
    }
}

/// An ICMPv6 neighbour advertisement (RFC 4861 §4.4): how IPv6 VRRP masters announce a virtual address.
public struct NeighborAdvertisement: Hashable, Sendable {
    public var code: UInt8
    public var checksum: UInt16
    /// R, S, O flags in the top bits and 29 reserved bits.
    public var flags: UInt32
    public var target: IPv6Address
    public var options: [NDOption]
    /// Whether the checksum matched with the pseudo-header; nil when the message was not captured whole.
    public var checksumValid: Bool?

    /// An advertisement to send, its reserved bits zero.
    public init(code: UInt8 = 0, checksum: UInt16 = 0, router: Bool, solicited: Bool, override: Bool,
                target: IPv6Address, options: [NDOption] = [], checksumValid: Bool? = nil) {
        self.init(code: code, checksum: checksum,
                  flags: (router ? 0x8000_0000 : 0) | (solicited ? 0x4000_0000 : 0) | (override ? 0x2000_0000 : 0),
                  target: target, options: options, checksumValid: checksumValid)
    }

    /// Every field as given: what `decode` read, reserved bits included.
    private init(code: UInt8, checksum: UInt16, flags: UInt32, target: IPv6Address, options: [NDOption],
                 checksumValid: Bool?) {
        self.code = code
        self.checksum = checksum
        self.flags = flags
        self.target = target
        self.options = options
        self.checksumValid = checksumValid
    }

    public static let icmpType: UInt8 = 136

    public var router: Bool { flags & 0x8000_0000 != 0 }
    public var solicited: Bool { flags & 0x4000_0000 != 0 }
    public var override: Bool { flags & 0x2000_0000 != 0 }

    /// The target link-layer address option's MAC, if present.
    public var targetLinkLayerAddress: MACAddress? {
        guard let option = options.first(where: { $0.type == NDOption.targetLinkLayerAddress }), option.data.count >= 6 else {
            return nil
        }
        return MACAddress(option.data[0], option.data[1], option.data[2], option.data[3], option.data[4], option.data[5])
    }

    /// Decodes the ICMPv6 message whose type byte is 136; `bytes` starts at the ICMPv6 header.
    public static func decode(_ bytes: UnsafeRawBufferPointer, context: IPContext) throws(DecodeError) -> NeighborAdvertisement {
        var reader = ByteReader(bytes, layer: .icmpv6)
        _ = try reader.readUInt8()
        let code = try reader.readUInt8()
        let checksum = try reader.readUInt16()
        let flags = try reader.readUInt32()
        let target = try reader.readIPv6()
        var options: [NDOption] = []
        while reader.remaining > 0 {
            let type = try reader.readUInt8()
            let units = Int(try reader.readUInt8())
            guard units > 0 else { throw .invalid(.icmpv6, "neighbour discovery option \(type) has length 0") }
            options.append(NDOption(type: type, data: try reader.readBytes(units * 8 - 2)))
        }
        var checksumValid: Bool?
        if !context.isTruncated {
            var sum = InternetChecksum()
            sum.addPseudoHeader(source: context.source, destination: context.destination, protocol: IPProtocol.icmpv6,
                                length: bytes.count)
            sum.add(bytes)
            checksumValid = sum.folded == 0xFFFF
        }
        return NeighborAdvertisement(code: code, checksum: checksum, flags: flags, target: target, options: options,
                                     checksumValid: checksumValid)
    }

    public func encode(into writer: inout ByteWriter) {
        writer.write(Self.icmpType)
        writer.write(code)
        writer.write(checksum)
        writer.write(flags)
        writer.write(target)
        for option in options {
            writer.write(option.type)
            writer.write(UInt8(clamping: (option.data.count + 2) / 8))
            writer.write(contentsOf: option.data)
        }
    }

    /// The checksum a sender computes for the given addresses.
    public func computedChecksum(source: IPv6Address, destination: IPv6Address) -> UInt16 {
        var copy = self
        copy.checksum = 0
        var writer = ByteWriter()
        copy.encode(into: &writer)
        var sum = InternetChecksum()
        sum.addPseudoHeader(source: .v6(source), destination: .v6(destination), protocol: IPProtocol.icmpv6, length: writer.count)
        sum.add(writer.bytes)
        return sum.checksum
    }
}

extension NeighborAdvertisement {
    /// Unsolicited: S clear and sent to all nodes, as a new master announces a virtual address.
    public func isUnsolicited(destination: IPAddress?) -> Bool {
        !solicited && destination == .v6(.allNodes)
    }
}
