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
