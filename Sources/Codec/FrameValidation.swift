extension Frame {
    /// Every finding about this frame, in a fixed order. Pure: computed from the decoded fields.
    public var problems: [Problem] {
        var found: [Problem] = []
        if case .malformed(_, let error, _) = network { found.append(error.isTruncation ? .truncated : .malformed) }
        switch network {
        case .ipv4(let header, _):
            if !header.checksumValid { found.append(.ipBadChecksum) }
            if header.isFragment { found.append(.fragment) }
        case .ipv6(let header, _):
            if header.isFragment { found.append(.fragment) }
        default:
            break
        }
        // Walked in place: `network.payload` would copy it (retaining what it holds) for every frame.
        switch network {
        case .ipv4(_, let payload), .ipv6(_, let payload): addProblems(of: payload, to: &found)
        default: break
        }
        return found
    }

    private func addProblems(of payload: IPPayload, to found: inout [Problem]) {
        switch payload {
        case .vrrp(let packet):
            addVRRPProblems(packet, to: &found)
        case .carp(let packet):
            if network.hopLimit != 255 { found.append(.ttlNot255) }
            if !packet.checksumValid { found.append(.badChecksum) }
        case .authenticated(_, let inner):
            addProblems(of: inner, to: &found)
        case .neighborAdvertisement(let advert):
            if network.hopLimit != 255 { found.append(.ttlNot255) }
            if advert.checksumValid == nil { found.append(.truncated) }
            if advert.checksumValid == false { found.append(.badChecksum) }
        case .malformed(let proto, let error, let bytes):
            if proto == IPProtocol.vrrp && bytes.isEmpty && !error.isTruncationByCapture(in: network) {
                found.append(.emptyPayload)
            } else {
                found.append(error.isTruncation ? .truncated : .malformed)
            }
            // What the IP header shows still counts when the VRRP message itself cannot be read.
            if proto == IPProtocol.vrrp { addIPProblems(to: &found) }
        case .other:
            break
        }
    }

    private var isUnicastVRRPDestination: Bool {
        guard let destination = network.destinationIP else { return false }
        return destination != .v4(.vrrpMulticast) && destination != .v6(.vrrpMulticast)
    }

    private func addIPProblems(to found: inout [Problem]) {
        if network.hopLimit != 255 { found.append(.ttlNot255) }
        if isUnicastVRRPDestination { found.append(.unicastDestination) }
    }

    private func addVRRPProblems(_ packet: VRRPPacket, to found: inout [Problem]) {
        let isIPv6 = network.sourceIP?.isIPv6 ?? false
        if packet.isTruncated { found.append(.truncated) }
        if network.hopLimit != 255 { found.append(.ttlNot255) }
        if packet.version != 2 && packet.version != 3 { found.append(.unknownVersion) }
        if packet.type != VRRPPacket.advertisement { found.append(.unknownType) }
        if packet.version == 2 && isIPv6 { found.append(.version2OverIPv6) }
        if !packet.isTruncated && !packet.hasConsistentLength(isIPv6: isIPv6) { found.append(.countMismatch) }
        if packet.interval == 0 && packet.priority != 0 { found.append(.intervalZero) }
        if packet.vrid == 0 { found.append(.vridZero) }
        if packet.reserved != 0 { found.append(.reservedBitsSet) }
        if case .invalid = packet.checksumCheck { found.append(.badChecksum) }
        if isUnicastVRRPDestination { found.append(.unicastDestination) }
        if let mac = link.sourceMAC, mac != MACAddress.virtualRouter(vrid: packet.vrid, ipv6: isIPv6) {
            found.append(.sourceMACNotVirtual)
        }
        if packet.version == 3, isIPv6, case .v6(let first)? = packet.addresses.first, !first.isLinkLocal {
            found.append(.firstAddressNotLinkLocal)
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
