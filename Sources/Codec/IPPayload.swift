/// What an IPv4 or IPv6 packet carries, as far as vrrpdump cares.
public enum IPPayload: Hashable, Sendable {
    case vrrp(VRRPPacket)
    case carp(CARPPacket)
    indirect case authenticated(AuthenticationHeader, IPPayload)
    case neighborAdvertisement(NeighborAdvertisement)
    case other(protocolNumber: UInt8, bytes: [UInt8])
    /// Bytes that claim to be `protocolNumber` but could not be decoded as it.
    case malformed(protocolNumber: UInt8, error: DecodeError, bytes: [UInt8])

    /// Decodes `bytes` (the payload as captured, at most the length the IP header gives).
    public static func decode(protocolNumber: UInt8, _ bytes: UnsafeRawBufferPointer, declaredLength: Int,
                              context: IPContext) -> IPPayload {
        do throws(DecodeError) {
            switch protocolNumber {
            case IPProtocol.vrrp:
                // The sender sent nothing (the IP header says so): not the capture's snap length cutting it.
                if declaredLength <= 0 {
                    throw DecodeError.invalid(.vrrp, "empty: the IP header declares no payload")
                }
                if CARPPacket.looksLikeCARP(bytes, declaredLength: declaredLength) {
                    return .carp(try CARPPacket.decode(bytes))
                }
                return .vrrp(try VRRPPacket.decode(bytes, context: context))
            // One AH layer: VRRP uses one, and nesting without end would nest the decode (and every
            // walk of the result) as deep as a hostile packet likes. An inner AH stays as bytes.
            case IPProtocol.ah where !context.isInsideAH:
                var reader = ByteReader(bytes, layer: .ah)
                let header = try AuthenticationHeader.decode(&reader)
                var inner = context
                inner.isInsideAH = true
                let rest = UnsafeRawBufferPointer(rebasing: bytes[reader.offset...])
                return .authenticated(header, decode(protocolNumber: header.nextHeader, rest,
                                                     declaredLength: declaredLength - header.length, context: inner))
            case IPProtocol.icmpv6 where bytes.first == NeighborAdvertisement.icmpType:
                return .neighborAdvertisement(try NeighborAdvertisement.decode(bytes, context: context))
            default:
                return .other(protocolNumber: protocolNumber, bytes: Array(bytes))
            }
        } catch {
            return .malformed(protocolNumber: protocolNumber, error: error, bytes: Array(bytes))
        }
    }

    public func encode(into writer: inout ByteWriter) {
        switch self {
        case .vrrp(let packet): packet.encode(into: &writer)
        case .carp(let packet): packet.encode(into: &writer)
        case .authenticated(let header, let inner):
            header.encode(into: &writer)
            inner.encode(into: &writer)
        case .neighborAdvertisement(let advert): advert.encode(into: &writer)
        case .other(_, let bytes), .malformed(_, _, let bytes): writer.write(contentsOf: bytes)
        }
    }

    /// The payload behind any AH header.
    public var innermost: IPPayload {
        if case .authenticated(_, let inner) = self { inner.innermost } else { self }
    }

    /// The VRRP advertisement carried, directly or behind AH.
    public var vrrp: VRRPPacket? {
        switch self {
        case .vrrp(let packet): packet
        case .authenticated(_, let inner): inner.vrrp
        default: nil
        }
    }
}
