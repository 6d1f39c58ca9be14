import CLinux
import Codec
import SystemPackage
#if canImport(Glibc)
import Glibc
#endif

/// A raw IP protocol 112 socket bound to one interface (SO_BINDTODEVICE), joined to 224.0.0.18 or
/// ff02::12, sending with TTL / hop limit 255 and multicast loop off.
///
/// IPv4 delivers the IP header with the message, so source, destination and TTL are read from it;
/// IPv6 does not, so the hop limit and destination come from IPV6_RECVHOPLIMIT / IPV6_RECVPKTINFO.
public final class VRRPSocket: VRRPTransport {
    public let sourceAddress: IPAddress
    private let fd: FileDescriptor
    private let interfaceIndex: Int32
    private var buffer = [UInt8](repeating: 0, count: 2048)
    private var control = [UInt8](repeating: 0, count: 256)

    /// `joinsGroup: false` for a socket that only sends (`--use-vmac`'s macvlan): no IGMP / MLD report
    /// then leaves from the virtual MAC while the node is backup, and an IPv6 one may send from an
    /// address the macvlan does not have (IPV6_FREEBIND).
    public init(interface: String, interfaceIndex: Int32, source: IPAddress, joinsGroup: Bool = true) throws(HostError) {
        self.sourceAddress = source
        self.interfaceIndex = interfaceIndex
        let family = source.isIPv6 ? AF_INET6 : AF_INET
        let raw = socket(family, Int32(SOCK_RAW.rawValue) | Int32(SOCK_CLOEXEC.rawValue) | Int32(SOCK_NONBLOCK.rawValue), 112)
        guard raw >= 0 else { throw HostError.lastError("raw VRRP socket on \(interface)") }
        fd = FileDescriptor(rawValue: raw)
        do {
            try Self.configure(raw, interface: interface, index: interfaceIndex, source: source, joinsGroup: joinsGroup)
        } catch {
            close(raw)
            throw error
        }
    }

    deinit { try? fd.close() }

    public var descriptor: Int32 { fd.rawValue }

    private static func configure(_ fd: Int32, interface: String, index: Int32, source: IPAddress,
                                  joinsGroup: Bool) throws(HostError) {
        var name = Array(interface.utf8CString)
        guard setsockopt(fd, SOL_SOCKET, SO_BINDTODEVICE, &name, socklen_t(name.count)) == 0 else {
            throw HostError.lastError("bind VRRP socket to \(interface)")
        }
        switch source {
        case .v4(let address):
            try option(fd, Int32(IPPROTO_IP), IP_MULTICAST_TTL, Int32(255), "IP_MULTICAST_TTL")
            try option(fd, Int32(IPPROTO_IP), IP_TTL, Int32(255), "IP_TTL")
            try option(fd, Int32(IPPROTO_IP), IP_MULTICAST_LOOP, Int32(0), "IP_MULTICAST_LOOP")
            var request = ip_mreqn()
            request.imr_multiaddr.s_addr = IPv4Address.vrrpMulticast.rawValue.bigEndian
            request.imr_address.s_addr = address.rawValue.bigEndian
            request.imr_ifindex = index
            try option(fd, Int32(IPPROTO_IP), IP_MULTICAST_IF, request, "IP_MULTICAST_IF")
            if joinsGroup { try option(fd, Int32(IPPROTO_IP), IP_ADD_MEMBERSHIP, request, "join 224.0.0.18") }
        case .v6:
            try option(fd, Int32(IPPROTO_IPV6), IPV6_MULTICAST_HOPS, Int32(255), "IPV6_MULTICAST_HOPS")
            try option(fd, Int32(IPPROTO_IPV6), IPV6_UNICAST_HOPS, Int32(255), "IPV6_UNICAST_HOPS")
            try option(fd, Int32(IPPROTO_IPV6), IPV6_MULTICAST_LOOP, Int32(0), "IPV6_MULTICAST_LOOP")
            try option(fd, Int32(IPPROTO_IPV6), IPV6_MULTICAST_IF, index, "IPV6_MULTICAST_IF")
            try option(fd, Int32(IPPROTO_IPV6), IPV6_RECVHOPLIMIT, Int32(1), "IPV6_RECVHOPLIMIT")
            try option(fd, Int32(IPPROTO_IPV6), IPV6_RECVPKTINFO, Int32(1), "IPV6_RECVPKTINFO")
            var request = ipv6_mreq()
            request.ipv6mr_multiaddr = in6(IPv6Address.vrrpMulticast)
            request.ipv6mr_interface = UInt32(index)
            if joinsGroup {
                try option(fd, Int32(IPPROTO_IPV6), IPV6_ADD_MEMBERSHIP, request, "join ff02::12")
            } else {
                // The send-only socket of a macvlan without addresses sends from the interface's link-local.
                try option(fd, Int32(IPPROTO_IPV6), IPV6_FREEBIND, Int32(1), "IPV6_FREEBIND")
            }
        }
    }

    public func send(_ message: [UInt8], to destination: IPAddress) throws(HostError) {
        let sent: Int
        switch destination {
        case .v4(let address):
            var target = sockaddr_in()
            target.sin_family = sa_family_t(AF_INET)
            target.sin_addr.s_addr = address.rawValue.bigEndian
            var info = in_pktinfo()
            info.ipi_ifindex = interfaceIndex
            if case .v4(let source) = sourceAddress { info.ipi_spec_dst.s_addr = source.rawValue.bigEndian }
            sent = Self.sendMessage(fd.rawValue, message, &target, level: Int32(IPPROTO_IP), type: IP_PKTINFO, info)
        case .v6(let address):
            var target = sockaddr_in6()
            target.sin6_family = sa_family_t(AF_INET6)
            target.sin6_addr = Self.in6(address)
            target.sin6_scope_id = address.isLinkLocal || address.high >> 56 == 0xFF ? UInt32(interfaceIndex) : 0
            var info = vrrpdump_in6_pktinfo()
            info.ipi6_ifindex = UInt32(interfaceIndex)
            if case .v6(let source) = sourceAddress { info.ipi6_addr = Self.in6(source) }
            sent = Self.sendMessage(fd.rawValue, message, &target, level: Int32(IPPROTO_IPV6), type: IPV6_PKTINFO, info)
        }
        guard sent == message.count else { throw HostError.lastError("send advert to \(destination)") }
    }

    public func receive() -> ReceivedDatagram? {
        while true {
            var from = sockaddr_in6()
            var result: Int = -1
            buffer.withUnsafeMutableBytes { data in
                control.withUnsafeMutableBytes { controlBytes in
                    Self.withMessage(name: &from, data: data, control: controlBytes) { header in
                        result = recvmsg(fd.rawValue, &header, 0)
                        if result >= 0 { self.controlLength = header.msg_controllen }
                    }
                }
            }
            guard result >= 0 else { return nil }  // EAGAIN: nothing more
            if let datagram = sourceAddress.isIPv6 ? ipv6Datagram(count: result, from: from) : ipv4Datagram(count: result) {
                return datagram
            }
        }
    }

    private var controlLength = 0

    private func ipv4Datagram(count: Int) -> ReceivedDatagram? {
        guard count >= 20 else { return nil }
        let headerLength = Int(buffer[0] & 0x0F) * 4
        guard headerLength >= 20, count > headerLength else { return nil }
        func address(at offset: Int) -> IPAddress {
            .v4(IPv4Address(buffer[offset], buffer[offset + 1], buffer[offset + 2], buffer[offset + 3]))
        }
        return ReceivedDatagram(message: Array(buffer[headerLength..<count]), source: address(at: 12),
                                destination: address(at: 16), ttl: buffer[8])
    }

    private func ipv6Datagram(count: Int, from: sockaddr_in6) -> ReceivedDatagram? {
        var ttl: UInt8?
        var destination = IPAddress.v6(.vrrpMulticast)
        // struct cmsghdr: size_t length, int level, int type, then the data aligned to 8.
        var offset = 0
        while offset + 16 <= controlLength {
            let length = control[offset..<(offset + 8)].reversed().reduce(0) { $0 << 8 | Int($1) }
            let level = Int32(control[offset + 8]) | Int32(control[offset + 9]) << 8
            let type = Int32(control[offset + 12]) | Int32(control[offset + 13]) << 8
            guard length >= 16, offset + length <= controlLength else { break }
            let data = control[(offset + 16)..<(offset + length)]
            if level == Int32(IPPROTO_IPV6), type == IPV6_HOPLIMIT, let first = data.first { ttl = first }
            if level == Int32(IPPROTO_IPV6), type == IPV6_PKTINFO, data.count >= 16 {
                destination = .v6(Self.address(Array(data.prefix(16))))
            }
            offset += (length + 7) & ~7
        }
        let source = withUnsafeBytes(of: from.sin6_addr) { Self.address(Array($0)) }
        return ReceivedDatagram(message: Array(buffer[0..<count]), source: .v6(source), destination: destination, ttl: ttl)
    }

    static func in6(_ address: IPv6Address) -> in6_addr {
        var result = in6_addr()
        withUnsafeMutableBytes(of: &result) { bytes in
            withUnsafeBytes(of: address.high.bigEndian) { for i in 0..<8 { bytes[i] = $0[i] } }
            withUnsafeBytes(of: address.low.bigEndian) { for i in 0..<8 { bytes[8 + i] = $0[i] } }
        }
        return result
    }

    static func address(_ bytes: [UInt8]) -> IPv6Address {
        IPv6Address(high: bytes[0..<8].reduce(0) { $0 << 8 | UInt64($1) }, low: bytes[8..<16].reduce(0) { $0 << 8 | UInt64($1) })
    }

    private static func option<T>(_ fd: Int32, _ level: Int32, _ name: Int32, _ value: T, _ what: String) throws(HostError) {
        guard withUnsafeBytes(of: value, { setsockopt(fd, level, name, $0.baseAddress, socklen_t($0.count)) }) == 0 else {
            throw HostError.lastError("set \(what)")
        }
    }

    /// sendmsg with a PKTINFO control message choosing the source address and interface: the socket
    /// is not bound to the source, since a bound raw socket would only receive packets sent to it and
    /// miss the multicast adverts.
    private static func sendMessage<Target, Info>(_ fd: Int32, _ message: [UInt8], _ target: inout Target,
                                                  level: Int32, type: Int32, _ info: Info) -> Int {
        // struct cmsghdr (size_t length, int level, int type) followed by the data, aligned to 8.
        let dataLength = MemoryLayout<Info>.size
        var control = [UInt8](repeating: 0, count: 16 + ((dataLength + 7) & ~7))
        withUnsafeBytes(of: 16 + dataLength) { for i in 0..<8 { control[i] = $0[i] } }
        withUnsafeBytes(of: level) { for i in 0..<4 { control[8 + i] = $0[i] } }
        withUnsafeBytes(of: type) { for i in 0..<4 { control[12 + i] = $0[i] } }
        withUnsafeBytes(of: info) { for i in 0..<dataLength { control[16 + i] = $0[i] } }
        var payload = message
        return payload.withUnsafeMutableBytes { bytes in
            control.withUnsafeMutableBytes { controlBytes in
                withMessage(name: &target, data: bytes, control: controlBytes) { sendmsg(fd, &$0, 0) }
            }
        }
    }

    /// One msghdr over an address, one data buffer and a control buffer: what sendmsg and recvmsg take.
    private static func withMessage<Name, Result>(name: inout Name, data: UnsafeMutableRawBufferPointer,
                                                  control: UnsafeMutableRawBufferPointer,
                                                  _ body: (inout msghdr) -> Result) -> Result {
        withUnsafeMutablePointer(to: &name) { namePointer in
            var vector = iovec(iov_base: data.baseAddress, iov_len: data.count)
            return withUnsafeMutablePointer(to: &vector) { vectorPointer in
                var header = msghdr()
                header.msg_name = UnsafeMutableRawPointer(namePointer)
                header.msg_namelen = socklen_t(MemoryLayout<Name>.size)
                header.msg_iov = vectorPointer
                header.msg_iovlen = 1
                header.msg_control = control.baseAddress
                header.msg_controllen = control.count
                return body(&header)
            }
        }
    }
}
