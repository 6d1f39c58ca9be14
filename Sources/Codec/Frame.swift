/// One captured frame decoded down to the layer vrrpdump cares about.
///
/// Decoding never fails: what cannot be decoded is kept as `.malformed` bytes with the reason, so that
/// `encode()` reproduces every frame, well-formed or not, byte for byte.
public struct Frame: Hashable, Sendable {
    public var link: LinkHeader
    public var network: NetworkLayer
    /// Bytes after the network layer's stated end (Ethernet padding, trailers).
    public var trailerBytes: InlineBytes

    public init(link: LinkHeader, network: NetworkLayer, trailer: [UInt8] = []) {
        self.init(link: link, network: network, trailerBytes: InlineBytes(trailer))
    }

    public init(link: LinkHeader, network: NetworkLayer, trailerBytes: InlineBytes) {
        self.link = link
        self.network = network
        self.trailerBytes = trailerBytes
    }

    public var trailer: [UInt8] {
        get { trailerBytes.bytes }
        set { trailerBytes = InlineBytes(newValue) }
    }

    public static func decode(_ bytes: UnsafeRawBufferPointer, linkType: LinkType) -> Frame {
        var reader = ByteReader(bytes, layer: .ethernet)
        let link: LinkHeader
        let etherType: UInt16
        do {
            switch linkType {
            case .ethernet:
                let header = try EthernetHeader.decode(&reader)
                (link, etherType) = (.ethernet(header), header.etherType)
            case .linuxSLL:
                reader = ByteReader(bytes, layer: .linuxSLL)
                let header = try LinuxSLLHeader.decode(&reader)
                (link, etherType) = (.linuxSLL(header), header.protocolType)
            case .linuxSLL2:
                reader = ByteReader(bytes, layer: .linuxSLL2)
                let header = try LinuxSLL2Header.decode(&reader)
                (link, etherType) = (.linuxSLL2(header), header.protocolType)
            case .ipv4:
                (link, etherType) = (.none, EtherType.ipv4)
            case .ipv6:
                (link, etherType) = (.none, EtherType.ipv6)
            case .raw:
                let version = bytes.first.map { $0 >> 4 }
                (link, etherType) = (.none, version == 6 ? EtherType.ipv6 : EtherType.ipv4)
            }
        } catch {
            return Frame(link: .unreadable, network: .malformed(etherType: 0, error: error, bytes: Array(bytes)))
        }
        let network = NetworkLayer.decode(etherType: etherType, &reader)
        return Frame(link: link, network: network, trailerBytes: InlineBytes(reader.readView(upTo: reader.remaining)))
    }

    public func encode() -> [UInt8] {
        var writer = ByteWriter()
        encode(into: &writer)
        return writer.bytes
    }

    public func encode(into writer: inout ByteWriter) {
        link.encode(into: &writer)
        network.encode(into: &writer)
        trailerBytes.withUnsafeBytes { writer.write(contentsOf: $0) }
    }

    /// The VRRP advertisement in this frame, directly or behind AH.
    public var vrrp: VRRPPacket? { network.payload?.vrrp }
}
