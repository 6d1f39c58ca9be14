import Codec

/// Our advert: the VRRP message through the Codec, with the configured checksum form.
public struct AdvertEncoder: Sendable {
    public let config: RouterConfig

    public init(config: RouterConfig) { self.config = config }

    /// Where adverts go: the unicast peers, or the VRRP multicast group of the family.
    public var destinations: [IPAddress] {
        if !config.unicastPeers.isEmpty { return config.unicastPeers }
        return [config.family == .ipv6 ? .v6(.vrrpMulticast) : .v4(.vrrpMulticast)]
    }

    /// The checksum form we send: version 2 plain, IPv6 pseudo-header, VRRPv3/IPv4 as configured.
    public var checksumForm: ChecksumForm {
        if config.version == 2 { return .plain }
        return config.family == .ipv6 ? .pseudoHeader : config.v3ChecksumForm
    }

    public func packet(priority: UInt8, destination: IPAddress) -> VRRPPacket {
        let v2 = config.version == 2
        var packet = VRRPPacket(
            version: config.version, vrid: config.vrid, priority: priority,
            authType: v2 ? config.authentication.type : 0,
            interval: UInt16(v2 ? config.advertInterval / 100 : config.advertInterval),
            addresses: config.virtualAddresses.map(\.address),
            authData: v2 ? config.authentication.data : nil)
        packet.checksum = packet.computedChecksum(form: checksumForm, source: config.sourceAddress, destination: destination)
        return packet
    }

    /// The VRRP message bytes (the IP header is the edge's: TTL/hop limit 255, protocol 112).
    public func bytes(priority: UInt8, destination: IPAddress) -> [UInt8] {
        let message = packet(priority: priority, destination: destination)
        var writer = ByteWriter(capacity: message.encodedLength)
        message.encode(into: &writer)
        return writer.bytes
    }
}
