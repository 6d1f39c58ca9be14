import CLinux
import SystemPackage
#if canImport(Glibc)
import Glibc
#endif

/// An AF_PACKET socket that only sends (protocol 0: the kernel hands it nothing to read), for the
/// gratuitous ARPs and neighbour advertisements, whose source MAC the node chooses. Unbound: each frame
/// names its interface, so one socket serves addresses on several (keepalived's `dev X`).
public final class PacketSocket: AnnouncementSender {
    private let fd: FileDescriptor

    public init() throws(HostError) {
        let raw = socket(AF_PACKET, Int32(SOCK_RAW.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard raw >= 0 else { throw HostError.lastError("AF_PACKET socket") }
        fd = FileDescriptor(rawValue: raw)
    }

    deinit { try? fd.close() }

    public func send(frame: [UInt8], interfaceIndex: Int32) throws(HostError) {
        var target = sockaddr_ll()
        target.sll_family = UInt16(AF_PACKET)
        target.sll_ifindex = interfaceIndex
        target.sll_halen = 6
        withUnsafeMutableBytes(of: &target.sll_addr) { for i in 0..<6 { $0[i] = frame[i] } }
        let sent = frame.withUnsafeBytes { bytes in
            withUnsafePointer(to: &target) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    sendto(fd.rawValue, bytes.baseAddress, bytes.count, 0, $0, socklen_t(MemoryLayout<sockaddr_ll>.size))
                }
            }
        }
        guard sent == frame.count else { throw HostError.lastError("send announcement") }
    }
}
