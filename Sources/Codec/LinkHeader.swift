/// The link-layer header a frame arrived with.
public enum LinkHeader: Hashable, Sendable {
    case ethernet(EthernetHeader)
    case linuxSLL(LinuxSLLHeader)
    case linuxSLL2(LinuxSLL2Header)
    /// Raw IP link types: the network layer starts at the first byte.
    case none
    /// The link header itself was cut short; the whole frame is kept as malformed network bytes.
    case unreadable

    public var sourceMAC: MACAddress? {
        switch self {
        case .ethernet(let h): h.source
        case .linuxSLL(let h): h.sourceMAC
        case .linuxSLL2(let h): h.sourceMAC
        case .none, .unreadable: nil
        }
    }

    public var destinationMAC: MACAddress? {
        if case .ethernet(let h) = self { h.destination } else { nil }
    }

    public var vlanTags: [VLANTag] {
        switch self {
        case .ethernet(let h): h.tags
        case .linuxSLL(let h): h.tags
        case .linuxSLL2(let h): h.tags
        case .none, .unreadable: []
        }
    }

    /// Whether the frame carries no VLAN tag, read without taking the tags' array.
    public var isUntagged: Bool {
        switch self {
        case .ethernet(let h): h.tags.isEmpty
        case .linuxSLL(let h): h.tags.isEmpty
        case .linuxSLL2(let h): h.tags.isEmpty
        case .none, .unreadable: true
        }
    }

    /// Bytes the header takes on the wire: where the network layer starts.
    public var encodedLength: Int {
        switch self {
        case .ethernet(let h): 14 + 4 * h.tags.count
        case .linuxSLL(let h): 16 + 4 * h.tags.count
        case .linuxSLL2(let h): 20 + 4 * h.tags.count
        case .none, .unreadable: 0
        }
    }

    public func encode(into writer: inout ByteWriter) {
        switch self {
        case .ethernet(let h): h.encode(into: &writer)
        case .linuxSLL(let h): h.encode(into: &writer)
        case .linuxSLL2(let h): h.encode(into: &writer)
        case .none, .unreadable: break
        }
    }
}

extension LinkHeader {
    /// Where the network layer of a frame starts and the EtherType naming it, read from the link
    /// header and any VLAN tags as `Frame.decode` reads them, without decoding (for a quick look at a
    /// frame before, or instead of, decoding it); nil when the frame is too short to tell.
    public static func networkLayer(in bytes: UnsafeRawBufferPointer,
                                    linkType: LinkType) -> (etherType: UInt16, offset: Int)? {
        func type(at offset: Int) -> UInt16? {
            offset + 2 <= bytes.count ? UInt16(bytes[offset]) << 8 | UInt16(bytes[offset + 1]) : nil
        }
        var etherType: UInt16?
        var offset: Int
        switch linkType {
        case .ethernet: (etherType, offset) = (type(at: 12), 14)
        case .linuxSLL: (etherType, offset) = (type(at: 14), 16)
        case .linuxSLL2: (etherType, offset) = (type(at: 0), 20)
        case .ipv4: (etherType, offset) = (EtherType.ipv4, 0)
        case .ipv6: (etherType, offset) = (EtherType.ipv6, 0)
        case .raw: (etherType, offset) = (bytes.first.map { $0 >> 4 } == 6 ? EtherType.ipv6 : EtherType.ipv4, 0)
        }
        while let tag = etherType, EtherType.isVLANTag(tag) {
            etherType = type(at: offset + 2)
            offset += 4
        }
        guard let etherType, offset <= bytes.count else { return nil }
        return (etherType, offset)
    }
}
