/// What an upper-layer decoder needs from the IP header around it (pseudo-header, truncation).
public struct IPContext: Sendable {
    public var source: IPAddress
    public var destination: IPAddress
    /// The message was cut short by the capture (captured < length in the IP header).
    public var isTruncated: Bool
    /// Inside an IPsec AH header (VRRPv2 `auth_type AH`), where the checksum is the plain one.
    public var isInsideAH: Bool

    public init(source: IPAddress, destination: IPAddress, isTruncated: Bool, isInsideAH: Bool = false) {
        self.source = source
        self.destination = destination
        self.isTruncated = isTruncated
        self.isInsideAH = isInsideAH
    }

    public var isIPv6: Bool { source.isIPv6 }
}
