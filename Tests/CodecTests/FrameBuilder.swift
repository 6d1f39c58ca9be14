import Codec

/// Builds well-formed frames with correct checksums, as a sender would, for the tests.
enum FrameBuilder {
    static let routerMAC = MACAddress(0x02, 0, 0, 0, 0, 0x11)

    static func vrrpV2(vrid: UInt8 = 51, priority: UInt8 = 100, interval: UInt16 = 1, auth: String? = "1111",
                       addresses: [IPv4Address] = [IPv4Address(192, 0, 2, 223)],
                       source: IPv4Address = IPv4Address(192, 0, 2, 111), ttl: UInt8 = 255,
                       tags: [VLANTag] = []) -> Frame {
        var authData: UInt64 = 0
        if let auth {
            let bytes = Array(auth.utf8.prefix(8)) + Array(repeating: 0, count: 8 - min(8, auth.utf8.count))
            for b in bytes { authData = authData << 8 | UInt64(b) }
        }
        var packet = VRRPPacket(version: 2, vrid: vrid, priority: priority, authType: auth == nil ? 0 : 1,
                                interval: interval, addresses: addresses.map { .v4($0) }, authData: authData)
        return ipv4(packet: &packet, form: .plain, source: source, ttl: ttl, tags: tags)
    }

    static func vrrpV3(vrid: UInt8 = 51, priority: UInt8 = 100, intervalCs: UInt16 = 100,
                       addresses: [IPv4Address] = [IPv4Address(192, 0, 2, 223)],
                       source: IPv4Address = IPv4Address(192, 0, 2, 111),
                       destination: IPv4Address = .vrrpMulticast, form: ChecksumForm = .pseudoHeader) -> Frame {
        var packet = VRRPPacket(version: 3, vrid: vrid, priority: priority, interval: intervalCs,
                                addresses: addresses.map { .v4($0) })
        return ipv4(packet: &packet, form: form, source: source, destination: destination)
    }

    static func ipv4(packet: inout VRRPPacket, form: ChecksumForm, source: IPv4Address,
                     destination: IPv4Address = .vrrpMulticast, ttl: UInt8 = 255, tags: [VLANTag] = []) -> Frame {
        packet.checksum = packet.computedChecksum(form: form, source: .v4(source), destination: .v4(destination))
        packet.checksumCheck = .valid(form)
        var header = IPv4Header(totalLength: UInt16(20 + packet.encodedLength), ttl: ttl, protocolNumber: IPProtocol.vrrp,
                                source: source, destination: destination)
        header.checksum = header.computedChecksum
        let ethernet = EthernetHeader(destination: MACAddress(0x01, 0x00, 0x5E, 0, 0, 0x12), source: routerMAC, tags: tags,
                                      etherType: EtherType.ipv4)
        return Frame(link: .ethernet(ethernet), network: .ipv4(header, .vrrp(packet)))
    }

    static func vrrpV3IPv6(vrid: UInt8 = 51, priority: UInt8 = 100, addresses: [IPv6Address]) -> Frame {
        let source = IPv6Address("fe80::11")!
        var packet = VRRPPacket(version: 3, vrid: vrid, priority: priority, interval: 100, addresses: addresses.map { .v6($0) })
        packet.checksum = packet.computedChecksum(form: .pseudoHeader, source: .v6(source), destination: .v6(.vrrpMulticast))
        packet.checksumCheck = .valid(.pseudoHeader)
        let header = IPv6Header(payloadLength: UInt16(packet.encodedLength), nextHeader: IPProtocol.vrrp,
                                source: source, destination: .vrrpMulticast)
        let ethernet = EthernetHeader(destination: MACAddress(0x33, 0x33, 0, 0, 0, 0x12), source: routerMAC,
                                      etherType: EtherType.ipv6)
        return Frame(link: .ethernet(ethernet), network: .ipv6(header, .vrrp(packet)))
    }

    static func garp(ip: IPv4Address, mac: MACAddress = routerMAC, reply: Bool = false) -> Frame {
        let arp = ARPPacket(operation: reply ? ARPPacket.reply : ARPPacket.request, senderMAC: mac, senderIP: ip,
                            targetMAC: reply ? .broadcast : .zero, targetIP: ip)
        let ethernet = EthernetHeader(destination: .broadcast, source: mac, etherType: EtherType.arp)
        return Frame(link: .ethernet(ethernet), network: .arp(arp), trailer: Array(repeating: 0, count: 18))
    }

    static func unsolicitedNA(target: IPv6Address, mac: MACAddress = routerMAC) -> Frame {
        let source = IPv6Address("fe80::11")!
        var na = NeighborAdvertisement(router: true, solicited: false, override: true, target: target,
                                       options: [.targetLinkLayer(mac)])
        na.checksum = na.computedChecksum(source: source, destination: .allNodes)
        na.checksumValid = true
        let header = IPv6Header(payloadLength: 32, nextHeader: IPProtocol.icmpv6, source: source, destination: .allNodes)
        let ethernet = EthernetHeader(destination: MACAddress(0x33, 0x33, 0, 0, 0, 1), source: mac, etherType: EtherType.ipv6)
        return Frame(link: .ethernet(ethernet), network: .ipv6(header, .neighborAdvertisement(na)))
    }

    /// Decodes bytes the way a capture source hands them over.
    static func decode(_ bytes: [UInt8], linkType: LinkType = .ethernet) -> Frame {
        bytes.withUnsafeBytes { Frame.decode($0, linkType: linkType) }
    }

    static func bytes(hex: String) -> [UInt8] {
        var out: [UInt8] = []
        var chars = hex.filter(\.isHexDigit).makeIterator()
        while let high = chars.next(), let low = chars.next() {
            out.append(UInt8(String([high, low]), radix: 16) ?? 0)
        }
        return out
    }
}
