import CLinux
import Codec
#if canImport(Glibc)
import Glibc
#endif

/// `AddressControl` over an rtnetlink socket: the few requests keepalived's own netlink layer makes,
/// typed; never by running `ip`.
public final class RouteNetlink: AddressControl {
    /// IFA_PROTO value marking addresses vrrpdump added ('v'; the kernel reserves 0–3 for itself).
    public static let protocolTag: UInt8 = 0x76
    private static let ifaProto: Int32 = 11  // IFA_PROTO, named here for headers older than Linux 5.18

    let socket: NetlinkSocket
    /// Cleared when the kernel rejects IFA_PROTO, so later requests go without it.
    private var tagsAddresses = true

    public init() throws(HostError) {
        socket = try NetlinkSocket()
    }

    public func add(_ address: InterfaceAddress) throws(HostError) {
        do {
            try change(address, type: UInt16(RTM_NEWADDR), flags: NLM_F_CREATE | NLM_F_EXCL, tag: tagsAddresses)
        } catch HostError.netlink(_, EINVAL) where tagsAddresses {
            tagsAddresses = false
            try change(address, type: UInt16(RTM_NEWADDR), flags: NLM_F_CREATE | NLM_F_EXCL, tag: false)
        }
    }

    public func remove(_ address: InterfaceAddress) throws(HostError) {
        try change(address, type: UInt16(RTM_DELADDR), flags: 0, tag: false)
    }

    public func addresses(interfaceIndex: Int32) throws(HostError) -> [InterfaceAddress] {
        try hostAddresses().filter { $0.interfaceIndex == interfaceIndex }
    }

    public func hostAddresses() throws(HostError) -> [InterfaceAddress] {
        let sequence = socket.nextSequence()
        var request = NetlinkRequest(type: UInt16(RTM_GETADDR), flags: NLM_F_REQUEST | NLM_F_DUMP, sequence: sequence)
        request.addressHeader(family: AF_UNSPEC, prefixLength: 0, scope: 0, index: 0)
        return try socket.dump(request, sequence: sequence, what: "list addresses").compactMap {
            Self.address(from: $0)
        }
    }

    public func link(named name: String) throws(HostError) -> LinkInfo {
        let index = Int32(if_nametoindex(name))
        guard index > 0 else { throw HostError.noSuchInterface(name) }
        let sequence = socket.nextSequence()
        var request = NetlinkRequest(type: UInt16(RTM_GETLINK), flags: NLM_F_REQUEST | NLM_F_DUMP, sequence: sequence)
        request.linkHeader()
        for message in try socket.dump(request, sequence: sequence, what: "list links") {
            if let link = Self.link(from: message), link.index == index { return link }
        }
        throw HostError.noSuchInterface(name)
    }

    private func change(_ address: InterfaceAddress, type: UInt16, flags: Int32, tag: Bool) throws(HostError) {
        let sequence = socket.nextSequence()
        var request = NetlinkRequest(type: type, flags: NLM_F_REQUEST | NLM_F_ACK | flags, sequence: sequence)
        let bytes: [UInt8]
        switch address.address {
        case .v4(let v4):
            bytes = withUnsafeBytes(of: v4.rawValue.bigEndian) { Array($0) }
            request.addressHeader(family: AF_INET, prefixLength: address.prefixLength, scope: 0,
                                  index: UInt32(address.interfaceIndex))
        case .v6(let v6):
            bytes = withUnsafeBytes(of: v6.high.bigEndian) { Array($0) } + withUnsafeBytes(of: v6.low.bigEndian) { Array($0) }
            request.addressHeader(family: AF_INET6, prefixLength: address.prefixLength,
                                  scope: v6.isLinkLocal ? UInt8(RT_SCOPE_LINK.rawValue) : 0,
                                  index: UInt32(address.interfaceIndex))
        }
        request.attribute(Int32(IFA_LOCAL), bytes)
        request.attribute(Int32(IFA_ADDRESS), bytes)
        if type == UInt16(RTM_NEWADDR) {
            if let label = address.label, !address.address.isIPv6 { request.attribute(Int32(IFA_LABEL), string: label) }
            if address.address.isIPv6 { request.attribute(Int32(IFA_FLAGS), u32: UInt32(IFA_F_NODAD)) }
            if tag { request.attribute(Self.ifaProto, [Self.protocolTag]) }
        }
        let verb = type == UInt16(RTM_NEWADDR) ? "add" : "remove"
        try socket.acknowledge(request, sequence: sequence, what: "\(verb) \(address)")
    }

    /// An RTM_NEWADDR/RTM_DELADDR message as an address; nil for anything else.
    static func address(from message: NetlinkMessage) -> InterfaceAddress? {
        guard message.body.count >= 8 else { return nil }
        let start = message.body.startIndex
        let family = Int32(message.body[start])
        let attributes = message.attributes(after: 8)
        guard let raw = attributes[UInt16(IFA_LOCAL)] ?? attributes[UInt16(IFA_ADDRESS)],
              let address = Self.ipAddress(family: family, bytes: raw)
        else { return nil }
        return InterfaceAddress(address: address, prefixLength: message.body[start + 1],
                                interfaceIndex: Int32(bitPattern: message.body.u32(at: start + 4)),
                                label: attributes[UInt16(IFA_LABEL)]?.cString,
                                protocolTag: attributes[UInt16(ifaProto)]?.first)
    }

    /// An RTM_NEWLINK message as a link.
    static func link(from message: NetlinkMessage) -> LinkInfo? {
        guard message.body.count >= 16 else { return nil }
        let start = message.body.startIndex
        let index = Int32(bitPattern: message.body.u32(at: start + 4))
        let flags = message.body.u32(at: start + 8)
        let attributes = message.attributes(after: 16)
        let macBytes = attributes[UInt16(IFLA_ADDRESS)] ?? []
        let mac = macBytes.count == 6
            ? MACAddress(rawValue: macBytes.reduce(UInt64(0)) { $0 << 8 | UInt64($1) }) : MACAddress.zero
        let up = flags & UInt32(IFF_UP) != 0 && flags & 0x10000 != 0  // IFF_LOWER_UP
        return LinkInfo(index: index, name: attributes[UInt16(IFLA_IFNAME)]?.cString ?? "", mac: mac, isUp: up)
    }

    static func ipAddress(family: Int32, bytes: ArraySlice<UInt8>) -> IPAddress? {
        func word(_ slice: ArraySlice<UInt8>) -> UInt64 { slice.reduce(UInt64(0)) { $0 << 8 | UInt64($1) } }
        switch (family, bytes.count) {
        case (AF_INET, 4): return .v4(IPv4Address(rawValue: UInt32(word(bytes))))
        case (AF_INET6, 16):
            return .v6(IPv6Address(high: word(bytes.prefix(8)), low: word(bytes.suffix(8))))
        default: return nil
        }
    }
}
