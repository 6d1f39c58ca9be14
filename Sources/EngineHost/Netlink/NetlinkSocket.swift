import CLinux
import SystemPackage
#if canImport(Glibc)
import Glibc
#endif

/// An rtnetlink socket: requests answered by an acknowledgement or a dump, or (with `groups`) a monitor
/// that reports changes made by anyone.
final class NetlinkSocket {
    let fd: FileDescriptor
    private var sequence: UInt32 = 1
    private var buffer = [UInt8](repeating: 0, count: 64 * 1024)

    init(groups: UInt32 = 0) throws(HostError) {
        let raw = socket(AF_NETLINK, Int32(SOCK_RAW.rawValue) | Int32(SOCK_CLOEXEC.rawValue), NETLINK_ROUTE)
        guard raw >= 0 else { throw HostError.lastError("netlink socket") }
        fd = FileDescriptor(rawValue: raw)
        var address = sockaddr_nl()
        address.nl_family = sa_family_t(AF_NETLINK)
        address.nl_groups = groups
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(raw, $0, socklen_t(MemoryLayout<sockaddr_nl>.size))
            }
        }
        guard bound == 0 else {
            let code = errno
            close(raw)
            throw HostError.system(what: "netlink bind", errno: code)
        }
    }

    deinit { try? fd.close() }

    func nextSequence() -> UInt32 {
        sequence &+= 1
        return sequence
    }

    /// Sends a request built with `sequence` and waits for its acknowledgement.
    func acknowledge(_ request: NetlinkRequest, sequence: UInt32, what: String) throws(HostError) {
        try send(request, what: what)
        while true {
            for message in try receive(what: what) where message.sequence == sequence {
                if message.type == UInt16(NLMSG_ERROR) {
                    let code = message.errorCode
                    if code != 0 { throw HostError.netlink(what: what, errno: code) }
                    return
                }
            }
        }
    }

    /// Sends a dump request and collects every message of the answer.
    func dump(_ request: NetlinkRequest, sequence: UInt32, what: String) throws(HostError) -> [NetlinkMessage] {
        try send(request, what: what)
        var collected: [NetlinkMessage] = []
        while true {
            for message in try receive(what: what) where message.sequence == sequence {
                switch Int32(message.type) {
                case NLMSG_DONE: return collected
                case NLMSG_ERROR:
                    let code = message.errorCode
                    if code != 0 { throw HostError.netlink(what: what, errno: code) }
                default: collected.append(message)
                }
            }
        }
    }

    /// One datagram's messages; blocks unless the socket has been made non-blocking.
    func receive(what: String) throws(HostError) -> [NetlinkMessage] {
        let count = buffer.withUnsafeMutableBytes { recv(fd.rawValue, $0.baseAddress, $0.count, 0) }
        guard count >= 0 else {
            if errno == EAGAIN || errno == EINTR { return [] }
            throw HostError.lastError("\(what): netlink receive")
        }
        return NetlinkMessage.split(buffer[0..<count])
    }

    private func send(_ request: NetlinkRequest, what: String) throws(HostError) {
        let bytes = request.finished
        let sent = bytes.withUnsafeBytes { Glibc.send(fd.rawValue, $0.baseAddress, $0.count, 0) }
        guard sent == bytes.count else { throw HostError.lastError("\(what): netlink send") }
    }
}
