/// An IPv4 header, options kept as bytes so that encoding reproduces the packet exactly.
public struct IPv4Header: Hashable, Sendable {
    public var typeOfService: UInt8
    public var totalLength: UInt16
    public var identification: UInt16
    /// Flags (3 bits) and fragment offset (13 bits).
    public var flagsAndFragmentOffset: UInt16
    public var ttl: UInt8
    public var protocolNumber: UInt8
    public var checksum: UInt16
    public var source: IPv4Address
    public var destination: IPv4Address
    /// Options, a multiple of 4 bytes (IHL − 5 words).
    public var options: [UInt8]
    /// Whether `checksum` matched the header as captured (decode-time finding, not encoded).
    public var checksumValid: Bool

    public init(typeOfService: UInt8 = 0, totalLength: UInt16, identification: UInt16 = 0,
                flagsAndFragmentOffset: UInt16 = 0, ttl: UInt8 = 255, protocolNumber: UInt8, checksum: UInt16 = 0,
                source: IPv4Address, destination: IPv4Address, options: [UInt8] = [], checksumValid: Bool = true) {
        self.typeOfService = typeOfService
        self.totalLength = totalLength
        self.identification = identification
        self.flagsAndFragmentOffset = flagsAndFragmentOffset
        self.ttl = ttl
        self.protocolNumber = protocolNumber
        self.checksum = checksum
        self.source = source
        self.destination = destination
        self.options = options
        self.checksumValid = checksumValid
    }

    public var headerLength: Int { 20 + options.count }
    /// More fragments follow, or this is not the first: the payload is not whole.
    public var isFragment: Bool { flagsAndFragmentOffset & 0x3FFF != 0 }
    /// In 8-byte units.
    public var fragmentOffset: UInt16 { flagsAndFragmentOffset & 0x1FFF }

    public static func decode(_ reader: inout ByteReader) throws(DecodeError) -> IPv4Header {
        let start = reader.offset
        let versionAndLength = try reader.readUInt8()
        guard versionAndLength >> 4 == 4 else { throw .invalid(.ipv4, "version \(versionAndLength >> 4), expected 4") }
        let headerLength = Int(versionAndLength & 0xF) * 4
        guard headerLength >= 20 else { throw .invalid(.ipv4, "header length \(headerLength) below 20") }
        // The whole header is there from here on: its fields are read where they lie, unchecked.
        let header = try reader.readView(exactly: headerLength - 1)
        func word(_ at: Int) -> UInt16 { UInt16(bigEndian: header.loadUnaligned(fromByteOffset: at - 1, as: UInt16.self)) }
        func long(_ at: Int) -> UInt32 { UInt32(bigEndian: header.loadUnaligned(fromByteOffset: at - 1, as: UInt32.self)) }
        let totalLength = word(2)
        guard Int(totalLength) >= headerLength else {
            throw .invalid(.ipv4, "total length \(totalLength) shorter than its header (\(headerLength))")
        }
        var sum = InternetChecksum()
        sum.add(UnsafeRawBufferPointer(rebasing: reader.bytes[start..<start + headerLength]))
        return IPv4Header(
            typeOfService: header[0], totalLength: totalLength, identification: word(4),
            flagsAndFragmentOffset: word(6), ttl: header[7], protocolNumber: header[8], checksum: word(10),
            source: IPv4Address(rawValue: long(12)), destination: IPv4Address(rawValue: long(16)),
            options: headerLength == 20 ? [] : Array(header[19...]), checksumValid: sum.folded == 0xFFFF)
    }

    public func encode(into writer: inout ByteWriter) {
        writer.write(UInt8(0x40 | (headerLength / 4) & 0xF))
        writer.write(typeOfService)
        writer.write(totalLength)
        writer.write(identification)
        writer.write(flagsAndFragmentOffset)
        writer.write(ttl)
        writer.write(protocolNumber)
        writer.write(checksum)
        writer.write(source)
        writer.write(destination)
        writer.write(contentsOf: options)
    }

    /// The header checksum for the current fields, as a sender would set it.
    public var computedChecksum: UInt16 {
        var copy = self
        copy.checksum = 0
        var writer = ByteWriter(capacity: headerLength)
        copy.encode(into: &writer)
        var sum = InternetChecksum()
        sum.add(writer.bytes)
        return sum.checksum
    }
}
