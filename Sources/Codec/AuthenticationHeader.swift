/// An IPsec Authentication Header (RFC 4302), as keepalived's VRRPv2 `auth_type AH` wraps adverts in.
public struct AuthenticationHeader: Hashable, Sendable {
    public var nextHeader: UInt8
    /// The header's length in 32-bit words, minus 2.
    public var payloadLength: UInt8
    public var reserved: UInt16
    public var spi: UInt32
    public var sequence: UInt32
    public var integrityCheckValue: [UInt8]

    public init(nextHeader: UInt8, reserved: UInt16 = 0, spi: UInt32, sequence: UInt32, integrityCheckValue: [UInt8]) {
        self.nextHeader = nextHeader
        self.payloadLength = UInt8(clamping: (12 + integrityCheckValue.count) / 4 - 2)
        self.reserved = reserved
        self.spi = spi
        self.sequence = sequence
        self.integrityCheckValue = integrityCheckValue
    }

    public var length: Int { (Int(payloadLength) + 2) * 4 }

    public static func decode(_ reader: inout ByteReader) throws(DecodeError) -> AuthenticationHeader {
        let next = try reader.readUInt8()
        let payloadLength = try reader.readUInt8()
        let length = (Int(payloadLength) + 2) * 4
        guard length >= 12 else { throw .invalid(.ah, "payload length \(payloadLength) leaves no room for SPI and sequence") }
        // The initializer derives the payload length back from the ICV: the same value.
        return AuthenticationHeader(
            nextHeader: next, reserved: try reader.readUInt16(), spi: try reader.readUInt32(),
            sequence: try reader.readUInt32(), integrityCheckValue: try reader.readBytes(length - 12))
    }

    public func encode(into writer: inout ByteWriter) {
        writer.write(nextHeader)
        writer.write(payloadLength)
        writer.write(reserved)
        writer.write(spi)
        writer.write(sequence)
        writer.write(contentsOf: integrityCheckValue)
    }
}
