/// An OpenBSD/FreeBSD CARP advertisement, which shares IP protocol 112 and version 2 with VRRP.
public struct CARPPacket: Hashable, Sendable {
    public var version: UInt8
    public var type: UInt8
    public var vhid: UInt8
    public var advertisementSkew: UInt8
    /// In 32-bit words; 7 for the counter and the SHA-1 HMAC.
    public var authLength: UInt8
    public var demotion: UInt8
    /// Seconds.
    public var advertisementBase: UInt8
    public var checksum: UInt16
    public var counter: UInt64
    /// The 20-byte HMAC.
    public var digest: [UInt8]
    public var checksumValid: Bool

    public init(version: UInt8 = 2, type: UInt8 = 1, vhid: UInt8, advertisementSkew: UInt8, authLength: UInt8 = 7,
                demotion: UInt8 = 0, advertisementBase: UInt8, checksum: UInt16 = 0, counter: UInt64,
                digest: [UInt8], checksumValid: Bool = true) {
        self.version = version
        self.type = type
        self.vhid = vhid
        self.advertisementSkew = advertisementSkew
        self.authLength = authLength
        self.demotion = demotion
        self.advertisementBase = advertisementBase
        self.checksum = checksum
        self.counter = counter
        self.digest = digest
        self.checksumValid = checksumValid
    }

    public static let length = 36

    /// CARP is told from VRRPv2 by its fixed length and an auth-length byte of 7 where VRRP has its
    /// address count: a VRRPv2 message with 7 addresses needs 44 bytes, never 36.
    public static func looksLikeCARP(_ bytes: UnsafeRawBufferPointer, declaredLength: Int) -> Bool {
        declaredLength == length && bytes.count >= 4 && bytes[0] == 0x21 && bytes[3] == 7
    }

    public static func decode(_ bytes: UnsafeRawBufferPointer) throws(DecodeError) -> CARPPacket {
        var reader = ByteReader(bytes, layer: .carp)
        try reader.require(length)
        let versionType = try reader.readUInt8()
        var sum = InternetChecksum()
        sum.add(UnsafeRawBufferPointer(rebasing: bytes[0..<length]))
        return CARPPacket(
            version: versionType >> 4, type: versionType & 0xF, vhid: try reader.readUInt8(),
            advertisementSkew: try reader.readUInt8(), authLength: try reader.readUInt8(),
            demotion: try reader.readUInt8(), advertisementBase: try reader.readUInt8(),
            checksum: try reader.readUInt16(), counter: try reader.readUInt64(), digest: try reader.readBytes(20),
            checksumValid: sum.folded == 0xFFFF)
    }

    public func encode(into writer: inout ByteWriter) {
        writer.write(version << 4 | type & 0xF)
        writer.write(vhid)
        writer.write(advertisementSkew)
        writer.write(authLength)
        writer.write(demotion)
        writer.write(advertisementBase)
        writer.write(checksum)
        writer.write(counter)
        writer.write(contentsOf: digest)
    }
}
