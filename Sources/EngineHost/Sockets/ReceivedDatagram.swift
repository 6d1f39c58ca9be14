import Codec

/// A VRRP message as the socket delivered it, with what the IP layer knew.
public struct ReceivedDatagram: Sendable {
    /// The VRRP message, IP header removed.
    public var message: [UInt8]
    public var source: IPAddress
    public var destination: IPAddress
    /// TTL (IPv4) or hop limit (IPv6); nil when the kernel did not say.
    public var ttl: UInt8?

    public init(message: [UInt8], source: IPAddress, destination: IPAddress, ttl: UInt8?) {
        self.message = message
        self.source = source
        self.destination = destination
        self.ttl = ttl
    }

    /// The message decoded by the Codec; the checksum verdict is in `checksumCheck`.
    public func decode() throws(DecodeError) -> VRRPPacket {
        let context = IPContext(source: source, destination: destination, isTruncated: false)
        let result = message.withUnsafeBytes { bytes in
            Result { () throws(DecodeError) -> VRRPPacket in try VRRPPacket.decode(bytes, context: context) }
        }
        return try result.get()
    }
}
