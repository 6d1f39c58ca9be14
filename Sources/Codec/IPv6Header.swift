/// One IPv6 extension header (hop-by-hop, routing, fragment, destination options) kept whole.
public struct IPv6ExtensionHeader: Hashable, Sendable {
    /// The protocol number that introduced this header.
    public var kind: UInt8
    /// The header's bytes, starting with its Next Header field.
    public var bytes: [UInt8]

    public init(kind: UInt8, bytes: [UInt8]) {
        self.kind = kind
        self.bytes = bytes
    }

    public var nextHeader: UInt8 { bytes.first ?? IPProtocol.noNextHeader }

    /// A fragment header's offset (8-byte units) and more-fragments flag; nil for other kinds.
    var fragment: (offset: UInt16, moreFollow: Bool)? {
        guard kind == IPProtocol.fragment, bytes.count >= 4 else { return nil }
        let field = UInt16(bytes[2]) << 8 | UInt16(bytes[3])
        return (field >> 3, field & 1 == 1)
    }

    static func isExtension(_ proto: UInt8) -> Bool {
        proto == IPProtocol.hopByHop || proto == IPProtocol.routing || proto == IPProtocol.fragment
            || proto == IPProtocol.destinationOptions
    }
}

/// An IPv6 fixed header and the extension headers before the upper layer.
public struct IPv6Header: Hashable, Sendable {
    /// Version (4 bits), traffic class (8), flow label (20).
    public var versionClassFlow: UInt32
    public var payloadLength: UInt16
    public var nextHeader: UInt8
    public var hopLimit: UInt8
    public var source: IPv6Address
    public var destination: IPv6Address
    public var extensionHeaders: [IPv6ExtensionHeader]

    public init(versionClassFlow: UInt32 = 0x6000_0000, payloadLength: UInt16, nextHeader: UInt8, hopLimit: UInt8 = 255,
                source: IPv6Address, destination: IPv6Address, extensionHeaders: [IPv6ExtensionHeader] = []) {
        self.versionClassFlow = versionClassFlow
        self.payloadLength = payloadLength
        self.nextHeader = nextHeader
        self.hopLimit = hopLimit
        self.source = source
        self.destination = destination
        self.extensionHeaders = extensionHeaders
    }

    /// The protocol of what follows the last extension header.
    public var upperProtocol: UInt8 { extensionHeaders.last?.nextHeader ?? nextHeader }
    public var extensionLength: Int { extensionHeaders.reduce(0) { $0 + $1.bytes.count } }

    /// More fragments follow, or this is not the first: the payload is not whole. An atomic fragment
    /// (offset 0, none following; RFC 6946) is whole.
    public var isFragment: Bool {
        extensionHeaders.contains { $0.fragment.map { $0.offset != 0 || $0.moreFollow } ?? false }
    }

    /// The fragment offset in 8-byte units; 0 without a fragment header.
    public var fragmentOffset: UInt16 { extensionHeaders.lazy.compactMap(\.fragment).first?.offset ?? 0 }

    public static func decode(_ reader: inout ByteReader) throws(DecodeError) -> IPv6Header {
        let first = try reader.readUInt32()
        guard first >> 28 == 6 else { throw .invalid(.ipv6, "version \(first >> 28), expected 6") }
        var header = IPv6Header(
            versionClassFlow: first, payloadLength: try reader.readUInt16(), nextHeader: try reader.readUInt8(),
            hopLimit: try reader.readUInt8(), source: try reader.readIPv6(), destination: try reader.readIPv6())
        var proto = header.nextHeader
        var ext = ByteReader(reader.readView(upTo: Int(header.payloadLength)), layer: .ipv6Extension)
        while IPv6ExtensionHeader.isExtension(proto) {
            try ext.require(2)
            let length = proto == IPProtocol.fragment ? 8 : (Int(ext.bytes[ext.offset + 1]) + 1) * 8
            let bytes = try ext.readBytes(length)
            let extensionHeader = IPv6ExtensionHeader(kind: proto, bytes: bytes)
            header.extensionHeaders.append(extensionHeader)
            proto = bytes[0]
            // Past a non-first fragment's header come data bytes, not headers.
            if let fragment = extensionHeader.fragment, fragment.offset != 0 { break }
        }
        // Hand the unread payload back to the caller's reader.
        reader = ByteReader(reader.bytes, layer: .ipv6, offset: reader.offset - ext.remaining)
        return header
    }

    public func encode(into writer: inout ByteWriter) {
        writer.write(versionClassFlow)
        writer.write(payloadLength)
        writer.write(nextHeader)
        writer.write(hopLimit)
        writer.write(source)
        writer.write(destination)
        for header in extensionHeaders { writer.write(contentsOf: header.bytes) }
    }
}
