/// The network-layer content of a frame.
public enum NetworkLayer: Hashable, Sendable {
    case ipv4(IPv4Header, IPPayload)
    case ipv6(IPv6Header, IPPayload)
    case arp(ARPPacket)
    case other(etherType: UInt16, bytes: [UInt8])
    /// Bytes that claim to be `etherType` but whose header could not be decoded.
    case malformed(etherType: UInt16, error: DecodeError, bytes: [UInt8])

    public var payload: IPPayload? {
        switch self {
        case .ipv4(_, let payload), .ipv6(_, let payload): payload
        default: nil
        }
    }

    public var sourceIP: IPAddress? {
        switch self {
        case .ipv4(let h, _): .v4(h.source)
        case .ipv6(let h, _): .v6(h.source)
        default: nil
        }
    }

    public var destinationIP: IPAddress? {
        switch self {
        case .ipv4(let h, _): .v4(h.destination)
        case .ipv6(let h, _): .v6(h.destination)
        default: nil
        }
    }

    /// IPv4 TTL or IPv6 hop limit.
    public var hopLimit: UInt8? {
        switch self {
        case .ipv4(let h, _): h.ttl
        case .ipv6(let h, _): h.hopLimit
        default: nil
        }
    }

    /// Decodes the layer named by `etherType`; returns it and where it ended (the trailer starts there).
    static func decode(etherType: UInt16, _ outer: inout ByteReader) -> NetworkLayer {
        let start = outer.offset
        // Errors name the layer that ran out, not the link layer before it.
        let layer: Layer = switch etherType {
        case EtherType.ipv4: .ipv4
        case EtherType.ipv6: .ipv6
        default: .arp
        }
        // Offsets in errors count from this layer's first byte.
        var reader = ByteReader(UnsafeRawBufferPointer(rebasing: outer.bytes[start...]), layer: layer)
        defer { outer = ByteReader(outer.bytes, layer: layer, offset: start + reader.offset) }
        do {
            switch etherType {
            case EtherType.ipv4:
                let header = try IPv4Header.decode(&reader)
                return .ipv4(header, payload(header.protocolNumber, of: &reader,
                                             declaredLength: Int(header.totalLength) - header.headerLength,
                                             from: .v4(header.source), to: .v4(header.destination),
                                             fragmentOffset: header.fragmentOffset, isFragment: header.isFragment))
            case EtherType.ipv6:
                let header = try IPv6Header.decode(&reader)
                return .ipv6(header, payload(header.upperProtocol, of: &reader,
                                             declaredLength: Int(header.payloadLength) - header.extensionLength,
                                             from: .v6(header.source), to: .v6(header.destination),
                                             fragmentOffset: header.fragmentOffset, isFragment: header.isFragment))
            case EtherType.arp:
                return .arp(try ARPPacket.decode(&reader))
            default:
                return .other(etherType: etherType, bytes: reader.readRest())
            }
        } catch {
            reader = ByteReader(reader.bytes, layer: error.layer)
            return .malformed(etherType: etherType, error: error, bytes: reader.readRest())
        }
    }

    /// An IP datagram's payload. Only a first fragment holds the upper-layer header; it is decoded as
    /// cut short, and a later fragment is kept as bytes.
    private static func payload(_ protocolNumber: UInt8, of reader: inout ByteReader, declaredLength: Int,
                                from source: IPAddress, to destination: IPAddress, fragmentOffset: UInt16,
                                isFragment: Bool) -> IPPayload {
        let view = reader.readView(upTo: declaredLength)
        guard fragmentOffset == 0 else { return .other(protocolNumber: protocolNumber, bytes: Array(view)) }
        let context = IPContext(source: source, destination: destination,
                                isTruncated: view.count < declaredLength || isFragment)
        return IPPayload.decode(protocolNumber: protocolNumber, view, declaredLength: declaredLength, context: context)
    }

    func encode(into writer: inout ByteWriter) {
        switch self {
        case .ipv4(let header, let payload):
            header.encode(into: &writer)
            payload.encode(into: &writer)
        case .ipv6(let header, let payload):
            header.encode(into: &writer)
            payload.encode(into: &writer)
        case .arp(let arp): arp.encode(into: &writer)
        case .other(_, let bytes), .malformed(_, _, let bytes): writer.write(contentsOf: bytes)
        }
    }
}
