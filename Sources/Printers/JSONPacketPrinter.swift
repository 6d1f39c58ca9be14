import Codec

/// One JSON object per packet (JSON Lines); the schema is documented in the README.
package struct JSONPacketPrinter {
    package let options: PrintOptions

    package func print(_ record: PacketRecord, to out: inout OutputBuffer) {
        let frame = record.frame
        out.append("{\"ts\":")
        TimestampFormatter.appendSeconds(record.timestamp, to: &out)
        out.append(",\"kind\":\"")
        out.append(frame.kind.rawValue)
        out.append(byte: 0x22)
        if let name = record.interface {
            out.append(",\"interface\":")
            out.append(jsonString: name)
        }
        out.append(",\"len\":")
        out.append(decimal: record.originalLength)
        out.append(",\"caplen\":")
        out.append(decimal: record.capturedLength)
        appendLink(frame.link, to: &out)
        switch frame.network {
        case .ipv4(let h, let payload):
            appendIP(version: 4, source: .v4(h.source), destination: .v4(h.destination), ttl: h.ttl, to: &out)
            appendPayload(payload, network: frame.network, to: &out)
        case .ipv6(let h, let payload):
            appendIP(version: 6, source: .v6(h.source), destination: .v6(h.destination), ttl: h.hopLimit, to: &out)
            appendPayload(payload, network: frame.network, to: &out)
        case .arp(let arp):
            appendARP(arp, to: &out)
        case .other(let type, _):
            out.append(",\"ethertype\":")
            out.append(decimal: type)
        case .malformed(_, let error, _):
            appendError(error, to: &out)
        }
        out.append(",\"problems\":[")
        for (i, problem) in record.problems.enumerated() {
            if i > 0 { out.append(byte: UInt8(ascii: ",")) }
            out.append(byte: 0x22)
            out.append(problem.rawValue)
            out.append(byte: 0x22)
        }
        out.append("]}")
    }

    private func appendLink(_ link: LinkHeader, to out: inout OutputBuffer) {
        out.append(",\"vlan\":[")
        for (i, tag) in link.vlanTags.enumerated() {
            if i > 0 { out.append(byte: UInt8(ascii: ",")) }
            out.append(decimal: tag.vid)
        }
        out.append("],\"src_mac\":")
        appendMAC(link.sourceMAC, to: &out)
        out.append(",\"dst_mac\":")
        appendMAC(link.destinationMAC, to: &out)
    }

    private func appendMAC(_ mac: MACAddress?, to out: inout OutputBuffer) {
        guard let mac else { return out.append("null") }
        out.append(byte: 0x22)
        out.append(mac)
        out.append(byte: 0x22)
    }

    private func appendAddress(_ address: IPAddress, to out: inout OutputBuffer) {
        out.append(byte: 0x22)
        out.append(address)
        out.append(byte: 0x22)
    }

    private func appendIP(version: Int, source: IPAddress, destination: IPAddress, ttl: UInt8, to out: inout OutputBuffer) {
        out.append(",\"ip\":{\"version\":")
        out.append(decimal: version)
        out.append(",\"src\":")
        appendAddress(source, to: &out)
        out.append(",\"dst\":")
        appendAddress(destination, to: &out)
        out.append(",\"ttl\":")
        out.append(decimal: ttl)
        out.append(byte: UInt8(ascii: "}"))
    }

    private func appendError(_ error: DecodeError, to out: inout OutputBuffer) {
        out.append(",\"error\":")
        out.append(jsonString: error.description)
    }

    private func appendPayload(_ payload: IPPayload, network: NetworkLayer, to out: inout OutputBuffer) {
        switch payload {
        case .vrrp(let p): appendVRRP(p, to: &out)
        case .carp(let c):
            out.append(",\"carp\":{\"version\":")
            out.append(decimal: c.version)
            out.append(",\"type\":")
            out.append(decimal: c.type)
            out.append(",\"vhid\":")
            out.append(decimal: c.vhid)
            out.append(",\"advskew\":")
            out.append(decimal: c.advertisementSkew)
            out.append(",\"advbase\":")
            out.append(decimal: c.advertisementBase)
            out.append(",\"demote\":")
            out.append(decimal: c.demotion)
            out.append(",\"counter\":")
            out.append(decimal: c.counter)
            out.append(",\"checksum\":\"")
            out.append(c.checksumValid ? "valid" : "invalid")
            out.append("\"}")
        case .authenticated(let ah, let inner):
            out.append(",\"ah\":{\"spi\":")
            out.append(decimal: ah.spi)
            out.append(",\"seq\":")
            out.append(decimal: ah.sequence)
            out.append(",\"next_header\":")
            out.append(decimal: ah.nextHeader)
            out.append(byte: UInt8(ascii: "}"))
            appendPayload(inner, network: network, to: &out)
        case .neighborAdvertisement(let na):
            out.append(",\"na\":{\"target\":")
            appendAddress(.v6(na.target), to: &out)
            out.append(",\"router\":")
            out.append(na.router ? "true" : "false")
            out.append(",\"solicited\":")
            out.append(na.solicited ? "true" : "false")
            out.append(",\"override\":")
            out.append(na.override ? "true" : "false")
            out.append(",\"tlla\":")
            appendMAC(na.targetLinkLayerAddress, to: &out)
            out.append(",\"unsolicited\":")
            out.append(na.isUnsolicited(destination: network.destinationIP) ? "true" : "false")
            out.append(",\"checksum\":\"")
            out.append(na.checksumValid.map { $0 ? "valid" : "invalid" } ?? "unverified")
            out.append("\"}")
        case .other(let proto, _):
            out.append(",\"ip_proto\":")
            out.append(decimal: proto)
        case .malformed(let proto, let error, _):
            out.append(",\"ip_proto\":")
            out.append(decimal: proto)
            appendError(error, to: &out)
        }
    }

    private func appendVRRP(_ p: VRRPPacket, to out: inout OutputBuffer) {
        out.append(",\"vrrp\":{\"version\":")
        out.append(decimal: p.version)
        out.append(",\"type\":")
        out.append(decimal: p.type)
        out.append(",\"vrid\":")
        out.append(decimal: p.vrid)
        out.append(",\"priority\":")
        out.append(decimal: p.priority)
        out.append(",\"priority_role\":")
        if let role = p.priorityRole {
            out.append(byte: 0x22)
            out.append(role.rawValue)
            out.append(byte: 0x22)
        } else {
            out.append("null")
        }
        out.append(",\"count\":")
        out.append(decimal: p.count)
        out.append(",\"interval_cs\":")
        out.append(decimal: p.intervalCentiseconds)
        if p.hasVersion2Layout {
            out.append(",\"auth_type\":")
            out.append(decimal: p.authType)
            out.append(",\"auth\":")
            if let text = p.authText {
                out.append(jsonString: options.redact ? "<redacted>" : text)
            } else {
                out.append("null")
            }
            if p.authType == CiscoMD5Authentication.authType { appendCiscoMD5(p.ciscoMD5, to: &out) }
        }
        out.append(",\"addrs\":[")
        for (i, address) in p.addresses.enumerated() {
            if i > 0 { out.append(byte: UInt8(ascii: ",")) }
            appendAddress(address, to: &out)
        }
        out.append("],\"checksum\":\"")
        switch p.checksumCheck {
        case .valid(let form):
            out.append("valid\",\"checksum_form\":\"")
            out.append(form.rawValue)
            out.append(byte: 0x22)
        case .invalid(let expected):
            out.append("invalid\",\"checksum_form\":null,\"checksum_expected\":")
            out.append(decimal: expected)
        case .unverified:
            out.append("unverified\",\"checksum_form\":null")
        }
        out.append(",\"checksum_value\":")
        out.append(decimal: p.checksum)
        out.append(byte: UInt8(ascii: "}"))
    }

    /// Auth type 254 only: Cisco's MD5 trailer, or null when the bytes after the header are not one.
    private func appendCiscoMD5(_ md5: CiscoMD5Authentication?, to out: inout OutputBuffer) {
        out.append(",\"auth_md5\":")
        guard let md5 else { out.append("null"); return }
        out.append("{\"key_id\":")
        if let key = md5.keyID { out.append(decimal: key) } else { out.append("null") }
        out.append(",\"sender\":")
        if let sender = md5.sender {
            out.append(byte: 0x22)
            out.append(sender)
            out.append(byte: 0x22)
        } else {
            out.append("null")
        }
        out.append(",\"digest\":\"")
        if options.redact {
            out.append("<redacted>")
        } else {
            for byte in md5.digest { out.append(hex: UInt64(byte), digits: 2) }
        }
        out.append("\"}")
    }

    private func appendARP(_ arp: ARPPacket, to out: inout OutputBuffer) {
        out.append(",\"arp\":{\"op\":")
        out.append(decimal: arp.operation)
        out.append(",\"sender_mac\":")
        appendMAC(arp.senderMAC, to: &out)
        out.append(",\"sender_ip\":")
        appendAddress(.v4(arp.senderIP), to: &out)
        out.append(",\"target_mac\":")
        appendMAC(arp.targetMAC, to: &out)
        out.append(",\"target_ip\":")
        appendAddress(.v4(arp.targetIP), to: &out)
        out.append(",\"gratuitous\":")
        out.append(arp.isGratuitous ? "true" : "false")
        out.append(",\"style\":\"")
        out.append(arp.kind.rawValue)
        out.append("\"}")
    }

    package init(options: PrintOptions) {
        self.options = options
    }
}
