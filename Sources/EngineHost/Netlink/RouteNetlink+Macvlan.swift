import CLinux
import Codec
#if canImport(Glibc)
import Glibc
#endif

extension RouteNetlink {
    /// Creates a macvlan `name` on `parent` carrying `mac`, down, in private mode as keepalived's
    /// `use_vmac` makes it (RTM_NEWLINK with IFLA_LINKINFO: kind "macvlan", IFLA_MACVLAN_MODE).
    public func createMacvlan(name: String, parent: Int32, mac: MACAddress) throws(HostError) {
        let sequence = socket.nextSequence()
        var request = NetlinkRequest(type: UInt16(RTM_NEWLINK), flags: NLM_F_REQUEST | NLM_F_ACK | NLM_F_CREATE | NLM_F_EXCL,
                                     sequence: sequence)
        request.linkHeader()
        request.attribute(Int32(IFLA_IFNAME), string: name)
        request.attribute(Int32(IFLA_LINK), u32: UInt32(bitPattern: parent))
        request.attribute(Int32(IFLA_ADDRESS), (0..<6).map { mac.byte($0) })
        request.beginNest(Int32(IFLA_LINKINFO))
        request.attribute(Int32(IFLA_INFO_KIND), string: "macvlan")
        request.beginNest(Int32(IFLA_INFO_DATA))
        request.attribute(Int32(IFLA_MACVLAN_MODE), u32: UInt32(MACVLAN_MODE_PRIVATE.rawValue))
        request.endNest()
        request.endNest()
        try socket.acknowledge(request, sequence: sequence, what: "create macvlan \(name)")
    }

    /// Sets IFF_UP on the link.
    public func setUp(index: Int32, name: String) throws(HostError) {
        let sequence = socket.nextSequence()
        var request = NetlinkRequest(type: UInt16(RTM_NEWLINK), flags: NLM_F_REQUEST | NLM_F_ACK, sequence: sequence)
        request.linkHeader(index: index, flags: UInt32(IFF_UP), change: UInt32(IFF_UP))
        try socket.acknowledge(request, sequence: sequence, what: "set \(name) up")
    }

    /// Deletes the link (its addresses go with it).
    public func deleteLink(index: Int32, name: String) throws(HostError) {
        let sequence = socket.nextSequence()
        var request = NetlinkRequest(type: UInt16(RTM_DELLINK), flags: NLM_F_REQUEST | NLM_F_ACK, sequence: sequence)
        request.linkHeader(index: index)
        try socket.acknowledge(request, sequence: sequence, what: "delete \(name)")
    }
}
