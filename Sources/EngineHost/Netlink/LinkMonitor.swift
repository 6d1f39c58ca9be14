import CLinux
import Codec
import SystemPackage
#if canImport(Glibc)
import Glibc
#endif

/// rtnetlink groups RTMGRP_LINK, RTMGRP_IPV4_IFADDR and RTMGRP_IPV6_IFADDR.
public final class LinkMonitor: HostEventSource {
    private let socket: NetlinkSocket

    public init() throws(HostError) {
        socket = try NetlinkSocket(groups: UInt32(RTMGRP_LINK | RTMGRP_IPV4_IFADDR | RTMGRP_IPV6_IFADDR))
        _ = fcntl(socket.fd.rawValue, F_SETFL, fcntl(socket.fd.rawValue, F_GETFL) | O_NONBLOCK)
    }

    public var descriptor: Int32 { socket.fd.rawValue }

    public func drain() -> [HostEvent] {
        var events: [HostEvent] = []
        while let messages = try? socket.receive(what: "monitor"), !messages.isEmpty {
            for message in messages {
                switch Int32(message.type) {
                case Int32(RTM_DELADDR):
                    if let address = RouteNetlink.address(from: message) { events.append(.addressRemoved(address)) }
                case Int32(RTM_NEWLINK):
                    if let link = RouteNetlink.link(from: message) { events.append(.link(index: link.index, up: link.isUp)) }
                default: break
                }
            }
        }
        return events
    }
}
