/// Cisco IOS `vrrp authentication md5` (VRRPv2 auth type 254): a trailer after the 8 auth-data bytes.
///
/// Observed on the wire (/work/shared/vendor-notes/cisco-ios-vrrp.md): 30 bytes, `fe 1c`, the key id
/// as `KK 00 00 00`, the sender's IPv4 address, 4 zero bytes, then the 16-byte MD5 digest; older
/// releases send the 16-byte digest alone. The VRRP checksum covers the trailer. Read from
/// `VRRPPacket.extra`, which keeps the bytes as sent so that encoding stays byte-exact.
public struct CiscoMD5Authentication: Hashable, Sendable {
    public static let authType: UInt8 = 254
    public static let digestLength = 16
    public static let trailerLength = 30
    /// `fe 1c`: auth type 254 again, then the 28 bytes that follow.
    static let marker: (UInt8, UInt8) = (0xFE, 0x1C)

    /// nil in the 16-byte form, which carries no key id.
    public var keyID: UInt8?
    /// nil in the 16-byte form.
    public var sender: IPv4Address?
    public var digest: [UInt8]

    /// Reads `extra` as a Cisco trailer; nil when it is not one of the two forms.
    public init?(trailer extra: [UInt8]) {
        switch extra.count {
        case Self.digestLength:
            keyID = nil
            sender = nil
            digest = extra
        case Self.trailerLength:
            guard extra[0] == Self.marker.0, extra[1] == Self.marker.1,
                  extra[3] == 0, extra[4] == 0, extra[5] == 0 else { return nil }
            keyID = extra[2]
            sender = IPv4Address(extra[6], extra[7], extra[8], extra[9])
            digest = Array(extra[14...])
        default:
            return nil
        }
    }
}

extension VRRPPacket {
    /// The Cisco MD5 trailer of a version 2 packet with auth type 254, if `extra` is one.
    public var ciscoMD5: CiscoMD5Authentication? {
        guard hasVersion2Layout, authType == CiscoMD5Authentication.authType, authData != nil else { return nil }
        return CiscoMD5Authentication(trailer: extra)
    }
}
