import Codec

/// Why joining a VRID would disturb what already runs there (issue 7, "Listen before joining").
public enum JoinRefusal: Sendable, Hashable, CustomStringConvertible {
    /// A router advertises the VRID with other virtual addresses: another group uses it.
    case otherAddresses(router: IPAddress, addresses: [IPAddress])
    /// A VRRPv2 router advertises the VRID with another authentication type or password.
    case otherAuth(router: IPAddress)
    /// A virtual address is answered (ARP / NA) from a MAC that belongs to no router of the group.
    case foreignAnswer(address: IPAddress, mac: MACAddress)
    /// Adverts for the VRID come from one of this host's own addresses: keepalived or FRR already runs it here.
    case sameHost(address: IPAddress)
    /// We would be the address owner (255), and another router already advertises 255.
    case anotherOwner(router: IPAddress)

    public var description: String {
        switch self {
        case .otherAddresses(let router, let addresses):
            "\(router) advertises this VRID with other addresses (\(addresses.map(\.description).joined(separator: ", ")))"
        case .otherAuth(let router): "\(router) advertises this VRID with another authentication"
        case .foreignAnswer(let address, let mac): "\(address) is answered by \(mac), which is no VRRP router of this group"
        case .sameHost(let address): "this host already runs this VRID (adverts from its own address \(address))"
        case .anotherOwner(let router): "\(router) already advertises priority 255 (address owner) for this VRID"
        }
    }
}
