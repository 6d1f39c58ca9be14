/// The protocol layer a decoding error belongs to, named as a user reads it.
public enum Layer: String, Sendable {
    case ethernet = "Ethernet"
    case linuxSLL = "Linux SLL"
    case linuxSLL2 = "Linux SLL2"
    case ipv4 = "IPv4"
    case ipv6 = "IPv6"
    case ipv6Extension = "IPv6 extension header"
    case ah = "IPsec AH"
    case vrrp = "VRRP"
    case carp = "CARP"
    case arp = "ARP"
    case icmpv6 = "ICMPv6"
}

/// Why bytes could not be decoded as the layer they claim to be.
public enum DecodeError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The layer needs more bytes than were captured.
    case truncated(Layer, needed: Int, available: Int)
    /// A field holds a value the layer cannot carry on from.
    case invalid(Layer, String)

    public var layer: Layer {
        switch self {
        case .truncated(let layer, _, _), .invalid(let layer, _): layer
        }
    }

    public var description: String {
        switch self {
        case .truncated(let layer, let needed, let available):
            "\(layer.rawValue) truncated: needs \(needed) bytes, \(available) captured"
        case .invalid(let layer, let reason):
            "\(layer.rawValue) invalid: \(reason)"
        }
    }
}
