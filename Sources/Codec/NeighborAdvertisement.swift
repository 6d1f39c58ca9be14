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
    /// The options as sent (type, length in 8-byte units, data), checked when decoded; read through
    /// `options`. Kept as bytes: two arrays per advertisement (the list and the option's data) cost
    /// more than the rest of its decode.
    public var optionBytes: InlineBytes
    /// Whether the checksum matched with the pseudo-header; nil when the message was not captured whole.
    public var checksumValid: Bool?

    /// An advertisement to send, its reserved bits zero.
    public init(code: UInt8 = 0, checksum: UInt16 = 0, router: Bool, solicited: Bool, override: Bool,
                target: IPv6Address, options: [NDOption] = [], checksumValid: Bool? = nil) {
        self.init(code: code, checksum: checksum,
                  flags: (router ? 0x8000_0000 : 0) | (solicited ? 0x4000_0000 : 0) | (override ? 0x2000_0000 : 0),
                  target: target, optionBytes: Self.bytes(of: options), checksumValid: checksumValid)
    }

    /// Every field as given: what `decode` read, reserved bits included.
    private init(code: UInt8, checksum: UInt16, flags: UInt32, target: IPv6Address, optionBytes: InlineBytes,
                 checksumValid: Bool?) {
        self.code = code
        self.checksum = checksum
        self.flags = flags
        self.target = target
        self.optionBytes = optionBytes
        self.checksumValid = checksumValid
    }

    public static let icmpType: UInt8 = 136

    public var router: Bool { flags & 0x8000_0000 != 0 }
    public var solicited: Bool { flags & 0x4000_0000 != 0 }
    public var override: Bool { flags & 0x2000_0000 != 0 }

    /// The options, read from `optionBytes` (what the printers show and tests build).
    public var options: [NDOption] {
        get {
            var options: [NDOption] = []
            forEachOption { type, data in options.append(NDOption(type: type, data: Array(data))) }
            return options
        }
        set { optionBytes = Self.bytes(of: newValue) }
    }

    /// The target link-layer address option's MAC, if present.
    public var targetLinkLayerAddress: MACAddress? {
        var mac: MACAddress?
        forEachOption { type, data in
            guard mac == nil, type == NDOption.targetLinkLayerAddress, data.count >= 6 else { return }
            mac = MACAddress(data[0], data[1], data[2], data[3], data[4], data[5])
        }
        return mac
    }

    /// Calls `body` with each option's type and data, in order (the bytes were checked when decoded).
    private func forEachOption(_ body: (UInt8, UnsafeRawBufferPointer) -> Void) {
        optionBytes.withUnsafeBytes { bytes in
            var offset = 0
            while offset + 2 <= bytes.count {
                let end = min(bytes.count, offset + Int(bytes[offset + 1]) * 8)
                guard end > offset + 2 else { return }
                body(bytes[offset], UnsafeRawBufferPointer(rebasing: bytes[offset + 2..<end]))
                offset = end
            }
        }
    }

    /// Options as `encode` writes them.
    private static func bytes(of options: [NDOption]) -> InlineBytes {
        var writer = ByteWriter()
        for option in options {
            writer.write(option.type)
            writer.write(UInt8(clamping: (option.data.count + 2) / 8))
            writer.write(contentsOf: option.data)
        }
        return InlineBytes(writer.bytes)
    }

    /// Decodes the ICMPv6 message whose type byte is 136; `bytes` starts at the ICMPv6 header.
    public static func decode(_ bytes: UnsafeRawBufferPointer, context: IPContext) throws(DecodeError) -> NeighborAdvertisement {
        var reader = ByteReader(bytes, layer: .icmpv6)
        _ = try reader.readUInt8()
        let code = try reader.readUInt8()
        let checksum = try reader.readUInt16()
        let flags = try reader.readUInt32()
        let target = try reader.readIPv6()
        let optionsStart = reader.offset
        while reader.remaining > 0 {
            let type = try reader.readUInt8()
            let units = Int(try reader.readUInt8())
            guard units > 0 else { throw .invalid(.icmpv6, "neighbour discovery option \(type) has length 0") }
            _ = try reader.readView(exactly: units * 8 - 2)
        }
        let optionBytes = InlineBytes(UnsafeRawBufferPointer(rebasing: bytes[optionsStart..<reader.offset]))
        var checksumValid: Bool?
        if !context.isTruncated {
            var sum = InternetChecksum()
            sum.addPseudoHeader(source: context.source, destination: context.destination, protocol: IPProtocol.icmpv6,
                                length: bytes.count)
            sum.add(bytes)
            checksumValid = sum.folded == 0xFFFF
        }
        return NeighborAdvertisement(code: code, checksum: checksum, flags: flags, target: target,
                                     optionBytes: optionBytes, checksumValid: checksumValid)
    }

    public func encode(into writer: inout ByteWriter) {
        writer.write(Self.icmpType)
        writer.write(code)
        writer.write(checksum)
        writer.write(flags)
        writer.write(target)
        optionBytes.withUnsafeBytes { writer.write(contentsOf: $0) }
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
