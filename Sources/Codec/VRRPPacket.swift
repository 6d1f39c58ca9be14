/// A VRRP advertisement: version 2 (RFC 3768) or 3 (RFC 5798, RFC 9568).
///
/// Fields hold what was on the wire, so that encoding a decoded packet reproduces it byte for byte;
/// `checksumCheck` and `isTruncated` are findings of the decoder, not encoded.
public struct VRRPPacket: Hashable, Sendable {
    // Declared largest first so that the fields pack: an `IPPayload` holding this stays small enough
    // for the network layer around it to be copied inline rather than through memcpy.
    public var addresses: AddressList
    /// Version 2: the 8 authentication bytes, nil when not captured.
    public var authData: UInt64?
    /// Bytes after what the header accounts for (vendor authentication, padding, a partial address).
    public var extra: [UInt8]
    public var version: UInt8
    public var type: UInt8
    public var vrid: UInt8
    public var priority: UInt8
    /// "Count IPvX Addr" as sent; may disagree with `addresses.count` in a malformed packet.
    public var count: UInt8
    /// Version 2 only: 0 none, 1 simple text, 2 IP AH; others shown by number (Cisco uses 254).
    public var authType: UInt8
    /// Version 3 only: the 4 reserved bits before the interval.
    public var reserved: UInt8
    /// Version 2: seconds (8 bits). Version 3: centiseconds (12 bits).
    public var interval: UInt16
    public var checksum: UInt16
    public var checksumCheck: ChecksumCheck
    /// The message was cut short by the capture's snap length.
    public var isTruncated: Bool

    /// A packet to send: `count` defaults to the addresses given, and a version 2 packet gets its 8
    /// authentication bytes (zero) unless `authData` says otherwise.
    public init(version: UInt8, type: UInt8 = 1, vrid: UInt8, priority: UInt8, count: UInt8? = nil,
                authType: UInt8 = 0, reserved: UInt8 = 0, interval: UInt16, checksum: UInt16 = 0,
                addresses: [IPAddress], authData: UInt64? = nil, extra: [UInt8] = [],
                checksumCheck: ChecksumCheck = .unverified, isTruncated: Bool = false) {
        self.init(wire: version, type: type, vrid: vrid, priority: priority, count: count ?? UInt8(clamping: addresses.count),
                  authType: authType, reserved: reserved, interval: interval, checksum: checksum, addresses: AddressList(addresses),
                  authData: authData ?? (Self.usesVersion2Layout(version) ? 0 : nil), extra: extra,
                  checksumCheck: checksumCheck, isTruncated: isTruncated)
    }

    /// Every field as given: what `decode` read, a missing authentication included.
    private init(wire version: UInt8, type: UInt8, vrid: UInt8, priority: UInt8, count: UInt8, authType: UInt8,
                 reserved: UInt8, interval: UInt16, checksum: UInt16, addresses: AddressList, authData: UInt64?,
                 extra: [UInt8], checksumCheck: ChecksumCheck, isTruncated: Bool) {
        self.version = version
        self.type = type
        self.vrid = vrid
        self.priority = priority
        self.count = count
        self.authType = authType
        self.reserved = reserved
        self.interval = interval
        self.checksum = checksum
        self.addresses = addresses
        self.authData = authData
        self.extra = extra
        self.checksumCheck = checksumCheck
        self.isTruncated = isTruncated
    }

    public static let advertisement: UInt8 = 1
    public static let headerLength = 8

    /// Whether bytes 4–5 are laid out as version 2 (auth type, seconds) rather than version 3.
    /// Unknown versions below 3 are read as version 2, the others as version 3.
    public var hasVersion2Layout: Bool { Self.usesVersion2Layout(version) }

    static func usesVersion2Layout(_ version: UInt8) -> Bool { version <= 2 }

    /// The advertisement interval in centiseconds whatever the version.
    public var intervalCentiseconds: Int { hasVersion2Layout ? Int(interval) * 100 : Int(interval) }

    /// Simple-text password (auth type 1) with trailing NULs removed.
    public var authText: String? {
        guard hasVersion2Layout, authType == 1, let data = authData else { return nil }
        var bytes: [UInt8] = (0..<8).map { UInt8(truncatingIfNeeded: data >> (56 - 8 * $0)) }
        while bytes.last == 0 { bytes.removeLast() }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The length the header says the message has: addresses plus, for version 2, the auth data.
    public func expectedLength(addressSize: Int) -> Int {
        Self.headerLength + Int(count) * addressSize + (hasVersion2Layout ? 8 : 0)
    }

    public var encodedLength: Int {
        Self.headerLength + addresses.encodedLength + (authData == nil ? 0 : 8) + extra.count
    }

    /// Decodes `bytes`, the message as captured (at most the IP payload length).
    public static func decode(_ bytes: UnsafeRawBufferPointer, context: IPContext) throws(DecodeError) -> VRRPPacket {
        var reader = ByteReader(bytes, layer: .vrrp)
        let versionType = try reader.readUInt8()
        let vrid = try reader.readUInt8()
        let priority = try reader.readUInt8()
        let count = try reader.readUInt8()
        let word = try reader.readUInt16()
        let checksum = try reader.readUInt16()
        let version = versionType >> 4
        let v2 = usesVersion2Layout(version)
        let size = context.isIPv6 ? 16 : 4
        let fit = min(Int(count), reader.remaining / size)
        let addresses = AddressList(wire: try reader.readView(exactly: fit * size), isIPv6: context.isIPv6)
        let authData = v2 && fit == Int(count) && reader.remaining >= 8 ? try reader.readUInt64() : nil
        return VRRPPacket(
            wire: version, type: versionType & 0xF, vrid: vrid, priority: priority, count: count,
            authType: v2 ? UInt8(word >> 8) : 0, reserved: v2 ? 0 : UInt8(word >> 12),
            interval: v2 ? word & 0xFF : word & 0x0FFF, checksum: checksum, addresses: addresses,
            authData: authData, extra: reader.readRest(),
            checksumCheck: context.isTruncated ? .unverified : verifyChecksum(bytes, version: version, context: context),
            isTruncated: context.isTruncated)
    }

    public func encode(into writer: inout ByteWriter) {
        writer.write(version << 4 | type & 0xF)
        writer.write(vrid)
        writer.write(priority)
        writer.write(count)
        writer.write(hasVersion2Layout ? UInt16(authType) << 8 | interval & 0xFF : UInt16(reserved & 0xF) << 12 | interval & 0x0FFF)
        writer.write(checksum)
        for address in addresses { writer.write(address) }
        if let authData { writer.write(authData) }
        writer.write(contentsOf: extra)
    }

    /// The checksum a sender computes in `form`, for the given IP addresses.
    public func computedChecksum(form: ChecksumForm, source: IPAddress, destination: IPAddress) -> UInt16 {
        var copy = self
        copy.checksum = 0
        var writer = ByteWriter(capacity: encodedLength)
        copy.encode(into: &writer)
        var sum = InternetChecksum()
        switch form {
        case .plain: break
        case .pseudoHeader:
            sum.addPseudoHeader(source: source, destination: destination, protocol: IPProtocol.vrrp, length: writer.count)
        case .pseudoHeaderMulticast:
            sum.addPseudoHeader(source: source, destination: .v4(.vrrpMulticast), protocol: IPProtocol.vrrp, length: writer.count)
        }
        sum.add(writer.bytes)
        return sum.checksum
    }

    /// Tries the forms in the order the version makes likely; names the one that matches.
    static func verifyChecksum(_ bytes: UnsafeRawBufferPointer, version: UInt8, context: IPContext) -> ChecksumCheck {
        var plain = InternetChecksum()
        plain.add(bytes)
        func withPseudoHeader(destination: IPAddress) -> InternetChecksum {
            var sum = plain
            sum.addPseudoHeader(source: context.source, destination: destination, protocol: IPProtocol.vrrp, length: bytes.count)
            return sum
        }
        if usesVersion2Layout(version) || context.isInsideAH {
            return plain.folded == 0xFFFF ? .valid(.plain) : .invalid(expected: expected(plain, bytes))
        }
        let pseudo = withPseudoHeader(destination: context.destination)
        if pseudo.folded == 0xFFFF { return .valid(.pseudoHeader) }
        if context.isIPv6 { return .invalid(expected: expected(pseudo, bytes)) }
        if plain.folded == 0xFFFF { return .valid(.plain) }
        if context.destination != .v4(.vrrpMulticast),
           withPseudoHeader(destination: .v4(.vrrpMulticast)).folded == 0xFFFF {
            return .valid(.pseudoHeaderMulticast)
        }
        return .invalid(expected: expected(pseudo, bytes))
    }

    /// The checksum field value that would have made `sum` (which includes the sent one) verify.
    private static func expected(_ sum: InternetChecksum, _ bytes: UnsafeRawBufferPointer) -> UInt16 {
        guard bytes.count >= 8 else { return 0 }
        var without = sum
        let sent = UInt16(bytes[6]) << 8 | UInt16(bytes[7])
        without.add(~sent)  // one's-complement subtraction of the sent value
        return ~without.folded
    }
}
