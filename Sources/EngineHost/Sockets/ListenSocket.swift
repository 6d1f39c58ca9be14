import CLinux
import SystemPackage
#if canImport(Glibc)
import Glibc
#endif

/// An AF_PACKET socket on the node's interface that hears, while the node listens before joining,
/// who answers for the virtual addresses and from which MAC the VRRP routers advertise: ARP, VRRP
/// over IPv4 and IPv6, and ICMPv6 neighbour advertisements. A classic BPF filter keeps everything
/// else in the kernel; the filter is attached before the socket is bound, so nothing unfiltered
/// queues up. Frames this host sent itself (our probes) are skipped.
public final class ListenSocket: FrameSource {
    private let fd: FileDescriptor
    private var buffer = [UInt8](repeating: 0, count: 2048)

    public init(interfaceIndex: Int32) throws(HostError) {
        // Protocol 0: nothing is delivered until bind names ETH_P_ALL, after the filter is in place.
        let raw = socket(AF_PACKET, Int32(SOCK_RAW.rawValue) | Int32(SOCK_CLOEXEC.rawValue) | Int32(SOCK_NONBLOCK.rawValue), 0)
        guard raw >= 0 else { throw HostError.lastError("AF_PACKET listen socket") }
        fd = FileDescriptor(rawValue: raw)
        var program = Self.filter
        let attached = program.withUnsafeMutableBufferPointer { instructions in
            var code = sock_fprog(len: UInt16(instructions.count), filter: instructions.baseAddress)
            return setsockopt(raw, SOL_SOCKET, SO_ATTACH_FILTER, &code, socklen_t(MemoryLayout<sock_fprog>.size))
        }
        guard attached == 0 else { throw HostError.lastError("attach the listen filter") }
        var address = sockaddr_ll()
        address.sll_family = UInt16(AF_PACKET)
        address.sll_protocol = UInt16(ETH_P_ALL).bigEndian
        address.sll_ifindex = interfaceIndex
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(raw, $0, socklen_t(MemoryLayout<sockaddr_ll>.size)) }
        }
        guard bound == 0 else { throw HostError.lastError("bind the listen socket") }
    }

    deinit { try? fd.close() }

    public var descriptor: Int32 { fd.rawValue }

    public func drain(_ body: (UnsafeRawBufferPointer) -> Void) {
        while true {
            var from = sockaddr_ll()
            var length = socklen_t(MemoryLayout<sockaddr_ll>.size)
            let count = buffer.withUnsafeMutableBytes { bytes in
                withUnsafeMutablePointer(to: &from) {
                    $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                        recvfrom(fd.rawValue, bytes.baseAddress, bytes.count, 0, $0, &length)
                    }
                }
            }
            guard count > 0 else { return }
            if from.sll_pkttype == UInt8(PACKET_OUTGOING) { continue }
            buffer.withUnsafeBytes { body(UnsafeRawBufferPointer(rebasing: $0[..<count])) }
        }
    }

    /// ARP; IPv4 protocol 112; IPv6 next header 112, or 58 with ICMPv6 type 136. Offsets count from the
    /// Ethernet header; an IPv6 extension header before VRRP or ICMPv6 is not looked through.
    private static let filter: [sock_filter] = {
        func load(_ size: UInt16, at offset: UInt32) -> sock_filter {
            sock_filter(code: UInt16(BPF_LD | BPF_ABS) | size, jt: 0, jf: 0, k: offset)
        }
        func jumpIfEqual(_ value: UInt32, _ whenTrue: UInt8, _ whenFalse: UInt8) -> sock_filter {
            sock_filter(code: UInt16(BPF_JMP | BPF_JEQ | BPF_K), jt: whenTrue, jf: whenFalse, k: value)
        }
        let halfword = UInt16(BPF_H), byte = UInt16(BPF_B)
        return [
            load(halfword, at: 12),                  // 0: EtherType
            jumpIfEqual(UInt32(ETH_P_ARP), 9, 0),    // 1: → 11 accept
            jumpIfEqual(UInt32(ETH_P_IP), 1, 0),     // 2: → 4
            jumpIfEqual(UInt32(ETH_P_IPV6), 2, 8),   // 3: → 6, else → 12 drop
            load(byte, at: 23),                      // 4: IPv4 protocol
            jumpIfEqual(112, 5, 6),                  // 5: → 11 accept, else → 12 drop
            load(byte, at: 20),                      // 6: IPv6 next header
            jumpIfEqual(112, 3, 0),                  // 7: → 11 accept
            jumpIfEqual(58, 0, 3),                   // 8: → 9, else → 12 drop
            load(byte, at: 54),                      // 9: ICMPv6 type
            jumpIfEqual(136, 0, 1),                  // 10: → 11 accept, else → 12 drop
            sock_filter(code: UInt16(BPF_RET | BPF_K), jt: 0, jf: 0, k: 0x40000),  // 11: accept whole frame
            sock_filter(code: UInt16(BPF_RET | BPF_K), jt: 0, jf: 0, k: 0),        // 12: drop
        ]
    }()
}
