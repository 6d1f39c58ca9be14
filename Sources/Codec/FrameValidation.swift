extension Frame {
    /// Every finding about this frame, in a fixed order. Pure: computed from the decoded fields.
    public var problems: [Problem] {
        var found: [Problem] = []
        forEachProblem { found.append($0) }
        return found
    }

    /// Calls `report` with each of `problems` in turn, without building the array: counting a frame's
    /// findings then costs no allocation.
    public func forEachProblem(_ report: (Problem) -> Void) {
        // One look at the network layer: each of `hopLimit`, `sourceIP` and `destinationIP` copied its
        // header again (retaining its options), several times a frame.
        switch network {
        case .malformed(_, let error, _):
            report(error.isTruncation ? .truncated : .malformed)
        case .ipv4(let header, let payload):
            if !header.checksumValid { report(.ipBadChecksum) }
            if header.isFragment { report(.fragment) }
            addProblems(of: payload, IPFacts(hopLimit: header.ttl, isIPv6: false, destination: .v4(header.destination)), report)
        case .ipv6(let header, let payload):
            if header.isFragment { report(.fragment) }
            addProblems(of: payload, IPFacts(hopLimit: header.hopLimit, isIPv6: true, destination: .v6(header.destination)),
                        report)
        default:
            break
        }
    }

    /// What the findings need of the IP header carrying the payload.
    private struct IPFacts {
        let hopLimit: UInt8
        let isIPv6: Bool
        let destination: IPAddress

        var isUnicastVRRPDestination: Bool {
            destination != .v4(.vrrpMulticast) && destination != .v6(.vrrpMulticast)
        }
    }

    private func addProblems(of payload: IPPayload, _ ip: IPFacts, _ report: (Problem) -> Void) {
        switch payload {
        case .vrrp(let packet):
            addVRRPProblems(packet, ip, report)
        case .carp(let packet):
            if ip.hopLimit != 255 { report(.ttlNot255) }
            if !packet.checksumValid { report(.badChecksum) }
        case .authenticated(_, let inner):
            addProblems(of: inner, ip, report)
        case .neighborAdvertisement(let advert):
            if ip.hopLimit != 255 { report(.ttlNot255) }
            if advert.checksumValid == nil { report(.truncated) }
            if advert.checksumValid == false { report(.badChecksum) }
        case .malformed(let proto, let error, let bytes):
            if proto == IPProtocol.vrrp && bytes.isEmpty && !error.isTruncationByCapture(in: network) {
                report(.emptyPayload)
            } else {
                report(error.isTruncation ? .truncated : .malformed)
            }
            // What the IP header shows still counts when the VRRP message itself cannot be read.
            if proto == IPProtocol.vrrp {
                if ip.hopLimit != 255 { report(.ttlNot255) }
                if ip.isUnicastVRRPDestination { report(.unicastDestination) }
            }
        case .other:
            break
        }
    }

    private func addVRRPProblems(_ packet: VRRPPacket, _ ip: IPFacts, _ report: (Problem) -> Void) {
        let isIPv6 = ip.isIPv6
        if packet.isTruncated { report(.truncated) }
        if ip.hopLimit != 255 { report(.ttlNot255) }
        if packet.version != 2 && packet.version != 3 { report(.unknownVersion) }
        if packet.type != VRRPPacket.advertisement { report(.unknownType) }
        if packet.version == 2 && isIPv6 { report(.version2OverIPv6) }
        if !packet.isTruncated && !packet.hasConsistentLength(isIPv6: isIPv6) { report(.countMismatch) }
        if packet.interval == 0 && packet.priority != 0 { report(.intervalZero) }
        if packet.vrid == 0 { report(.vridZero) }
        if packet.reserved != 0 { report(.reservedBitsSet) }
        if case .invalid = packet.checksumCheck { report(.badChecksum) }
        if ip.isUnicastVRRPDestination { report(.unicastDestination) }
        if let mac = link.sourceMAC, mac != MACAddress.virtualRouter(vrid: packet.vrid, ipv6: isIPv6) {
            report(.sourceMACNotVirtual)
        }
        if packet.version == 3, isIPv6, case .v6(let first)? = packet.addresses.first, !first.isLinkLocal {
            report(.firstAddressNotLinkLocal)
        }
    }
}

extension VRRPPacket {
    /// Whether the message length agrees with the address count. Cisco's auth type 254 adds its MD5
    /// trailer (30 bytes, or the 16-byte digest alone).
    public func hasConsistentLength(isIPv6: Bool) -> Bool {
        guard addresses.count == Int(count) else { return false }
        if encodedLength == expectedLength(addressSize: isIPv6 ? 16 : 4) { return true }
        return ciscoMD5 != nil
    }
}

extension DecodeError {
    var isTruncation: Bool { if case .truncated = self { true } else { false } }

    /// A zero-byte VRRP payload is "empty" when the IP header says so, "truncated" when the capture cut it.
    func isTruncationByCapture(in network: NetworkLayer) -> Bool {
        switch network {
        case .ipv4(let h, _): Int(h.totalLength) > h.headerLength
        case .ipv6(let h, _): Int(h.payloadLength) > h.extensionLength
        default: false
        }
    }
}
