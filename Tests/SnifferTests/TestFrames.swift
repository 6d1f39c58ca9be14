/// Hand-built frames for the filter and live tests; checksums are left zero since BPF ignores them.
enum TestFrames {
    static let vrrpMulticastMAC: [UInt8] = [0x01, 0x00, 0x5e, 0x00, 0x00, 0x12]
    static let sourceMAC: [UInt8] = [0x00, 0x00, 0x5e, 0x00, 0x01, 0x01]

    static func ipv4(protocol number: UInt8, _ payload: [UInt8]) -> [UInt8] {
        let length = UInt16(20 + payload.count)
        return [0x45, 0x00, UInt8(length >> 8), UInt8(length & 0xff), 0, 0, 0, 0, 255, number, 0, 0,
                192, 0, 2, 1, 224, 0, 0, 18] + payload
    }

    static func ipv6(nextHeader: UInt8, _ payload: [UInt8]) -> [UInt8] {
        let length = UInt16(payload.count)
        let source: [UInt8] = [0xfe, 0x80] + Array(repeating: 0, count: 13) + [1]
        let destination: [UInt8] = [0xff, 0x02] + Array(repeating: 0, count: 13) + [0x12]
        return [0x60, 0, 0, 0, UInt8(length >> 8), UInt8(length & 0xff), nextHeader, 255] + source + destination + payload
    }

    static let vrrpV2: [UInt8] = [0x21, 1, 100, 1, 0, 1, 0, 0, 192, 0, 2, 100, 0, 0, 0, 0, 0, 0, 0, 0]
    static let vrrpV3IPv6: [UInt8] = [0x31, 1, 100, 1, 0x00, 0x64, 0, 0] + [0xfe, 0x80] + Array(repeating: 0, count: 13) + [0x64]

    static var vrrpOverIPv4: [UInt8] { ipv4(protocol: 112, vrrpV2) }
    static var vrrpOverIPv6: [UInt8] { ipv6(nextHeader: 112, vrrpV3IPv6) }
    /// AH (next header VRRP, 12-byte ICV) between IPv4 and VRRPv2, as RFC 2338 authentication type 2 sends it.
    static var vrrpBehindAH: [UInt8] {
        ipv4(protocol: 51, [112, 4, 0, 0, 0, 0, 0, 1, 0, 0, 0, 1] + Array(repeating: 0xaa, count: 12) + vrrpV2)
    }
    /// VRRPv3 after an 8-byte Hop-by-Hop header (next header 112, PadN).
    static var vrrpBehindHopByHop: [UInt8] {
        ipv6(nextHeader: 0, [112, 0, 1, 4, 0, 0, 0, 0] + vrrpV3IPv6)
    }
    /// VRRPv3 after an IPv6 Fragment header (next header 112, offset 0, more fragments).
    static var vrrpBehindFragmentHeader: [UInt8] {
        ipv6(nextHeader: 44, [112, 0, 0, 1, 0, 0, 0, 7] + vrrpV3IPv6)
    }
    static var udp: [UInt8] { ipv4(protocol: 17, [0x04, 0x00, 0x04, 0x00, 0, 8, 0, 0]) }
    static var neighborAdvertisement: [UInt8] {
        ipv6(nextHeader: 58, [136, 0, 0, 0, 0xa0, 0, 0, 0] + [0xfe, 0x80] + Array(repeating: 0, count: 13) + [0x64])
    }
    static var neighborSolicitation: [UInt8] {
        ipv6(nextHeader: 58, [135, 0, 0, 0, 0, 0, 0, 0] + [0xfe, 0x80] + Array(repeating: 0, count: 13) + [0x64])
    }
    static let arp: [UInt8] = [0, 1, 0x08, 0x00, 6, 4, 0, 1] + sourceMAC + [192, 0, 2, 100] + Array(repeating: 0, count: 6) + [192, 0, 2, 100]

    /// A network-layer payload with its EtherType, for framing on each link type.
    struct Payload {
        let name: String
        let etherType: UInt16
        let bytes: [UInt8]
    }

    static var wanted: [Payload] {
        [
            Payload(name: "VRRPv2/IPv4", etherType: 0x0800, bytes: vrrpOverIPv4),
            Payload(name: "VRRPv3/IPv6", etherType: 0x86dd, bytes: vrrpOverIPv6),
            Payload(name: "VRRP/AH", etherType: 0x0800, bytes: vrrpBehindAH),
            Payload(name: "VRRPv3/IPv6 hop-by-hop", etherType: 0x86dd, bytes: vrrpBehindHopByHop),
            Payload(name: "VRRPv3/IPv6 fragment", etherType: 0x86dd, bytes: vrrpBehindFragmentHeader),
            Payload(name: "ARP", etherType: 0x0806, bytes: arp),
            Payload(name: "ICMPv6 NA", etherType: 0x86dd, bytes: neighborAdvertisement),
        ]
    }

    static var unwanted: [Payload] {
        [
            Payload(name: "UDP", etherType: 0x0800, bytes: udp),
            Payload(name: "ICMPv6 NS", etherType: 0x86dd, bytes: neighborSolicitation),
            Payload(name: "MLD behind hop-by-hop", etherType: 0x86dd, bytes: ipv6(nextHeader: 0, [58, 0, 5, 2, 0, 0, 1, 0, 143] + Array(repeating: 0, count: 7))),
            Payload(name: "UDP fragment", etherType: 0x86dd, bytes: ipv6(nextHeader: 44, [17, 0, 0, 1, 0, 0, 0, 7, 0x04, 0x00, 0x04, 0x00, 0, 8, 0, 0])),
        ]
    }

    /// An Ethernet frame with the given tags, outermost first, as (TPID, VLAN id).
    static func ethernet(_ payload: Payload, tags: [(UInt16, UInt16)] = []) -> [UInt8] {
        var frame = vrrpMulticastMAC + sourceMAC
        for (tpid, vid) in tags { frame += be16(tpid) + be16(vid) }
        return frame + be16(payload.etherType) + payload.bytes
    }

    static func linuxSLL(_ payload: Payload) -> [UInt8] {
        be16(0) + be16(1) + be16(6) + sourceMAC + [0, 0] + be16(payload.etherType) + payload.bytes
    }

    static func linuxSLL2(_ payload: Payload, interfaceIndex: UInt32 = 1) -> [UInt8] {
        be16(payload.etherType) + [0, 0] + be32(interfaceIndex) + be16(1) + [0, 6] + sourceMAC + [0, 0] + payload.bytes
    }

    static func be16(_ value: UInt16) -> [UInt8] { [UInt8(value >> 8), UInt8(value & 0xff)] }
    static func be32(_ value: UInt32) -> [UInt8] { be16(UInt16(value >> 16)) + be16(UInt16(value & 0xffff)) }
}
