/// A capture's link-layer header type, by its LINKTYPE_ number as pcap and pcapng files store it.
public enum LinkType: UInt32, Sendable, CaseIterable {
    case ethernet = 1
    case raw = 101
    case linuxSLL = 113
    case ipv4 = 228
    case ipv6 = 229
    case linuxSLL2 = 276

    /// The link types libpcap reports live as DLT_ values; only DLT_RAW differs from its LINKTYPE_.
    public init?(dlt: Int32) {
        switch dlt {
        case 12, 14: self = .raw  // DLT_RAW is 12 on Linux, 14 on OpenBSD
        default:
            guard dlt >= 0, let type = LinkType(rawValue: UInt32(dlt)) else { return nil }
            self = type
        }
    }

    public var name: String {
        switch self {
        case .ethernet: "EN10MB"
        case .raw: "RAW"
        case .linuxSLL: "LINUX_SLL"
        case .ipv4: "IPV4"
        case .ipv6: "IPV6"
        case .linuxSLL2: "LINUX_SLL2"
        }
    }
}
