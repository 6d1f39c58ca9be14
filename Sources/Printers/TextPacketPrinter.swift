import Codec

/// One tcpdump-like line per packet, VRRP-focused; `-v` adds link-layer and IP detail.
package struct TextPacketPrinter {
    package let options: PrintOptions
    private var timestamps: TimestampFormatter

    package init(options: PrintOptions) {
        self.options = options
        timestamps = TimestampFormatter(format: options.timestamps)
    }

    package mutating func print(_ record: PacketRecord, to out: inout OutputBuffer) {
        timestamps.append(record.timestamp, to: &out)
        out.append(byte: 0x20)
        if let name = record.interface {
            out.append(name)
            out.append(byte: 0x20)
        }
        let frame = record.frame
        if options.verbosity > 0 { appendLink(frame.link, record: record, to: &out) }
        switch frame.network {
        case .ipv4(let header, let payload):
            appendEndpoints(.v4(header.source), .v4(header.destination), to: &out)
            if options.verbosity > 0 { appendIPv4Detail(header, to: &out) }
            appendPayload(payload, network: frame.network, to: &out)
        case .ipv6(let header, let payload):
            appendEndpoints(.v6(header.source), .v6(header.destination), to: &out)
            if options.verbosity > 0 { appendIPv6Detail(header, to: &out) }
            appendPayload(payload, network: frame.network, to: &out)
        case .arp(let arp):
            appendARP(arp, link: frame.link, to: &out)
        case .other(let type, let bytes):
            out.append("ethertype 0x")
            out.append(hex: UInt64(type), digits: 4)
            out.append(", length ")
            out.append(decimal: bytes.count)
        case .malformed(let type, let error, _):
            out.append("ethertype 0x")
            out.append(hex: UInt64(type), digits: 4)
            appendMalformed(error, to: &out)
        }
        appendProblems(record.problems, to: &out)
    }

    private func appendEndpoints(_ source: IPAddress, _ destination: IPAddress, to out: inout OutputBuffer) {
        out.append(source)
        out.append(" > ")
        out.append(destination)
        out.append(": ")
    }

    private func appendLink(_ link: LinkHeader, record: PacketRecord, to out: inout OutputBuffer) {
        switch link {
        case .ethernet(let h):
            out.append(h.source)
            out.append(" > ")
            out.append(h.destination)
        case .linuxSLL(let h):
            out.append("SLL")
            if let mac = h.sourceMAC { out.append(" from "); out.append(mac) }
        case .linuxSLL2(let h):
            out.append("SLL2 ifindex ")
            out.append(decimal: h.interfaceIndex)
            if let mac = h.sourceMAC { out.append(" from "); out.append(mac) }
        case .none: out.append("raw")
        case .unreadable: out.append("unreadable link header")
        }
        for tag in link.vlanTags {
            out.append(tag.tpid == EtherType.vlan ? ", vlan " : ", svlan ")
            out.append(decimal: tag.vid)
            if tag.pcp != 0 { out.append(" p "); out.append(decimal: tag.pcp) }
        }
        out.append(", length ")
        out.append(decimal: record.originalLength)
        if record.capturedLength < record.originalLength {
            out.append(" (captured ")
            out.append(decimal: record.capturedLength)
            out.append(byte: UInt8(ascii: ")"))
        }
        out.append(": ")
    }

    private func appendIPv4Detail(_ h: IPv4Header, to out: inout OutputBuffer) {
        out.append("(ttl ")
        out.append(decimal: h.ttl)
        out.append(", id ")
        out.append(decimal: h.identification)
        if h.typeOfService != 0 { out.append(", tos 0x"); out.append(hex: UInt64(h.typeOfService), digits: 2) }
        if !h.options.isEmpty { out.append(", options "); out.append(decimal: h.options.count); out.append(" bytes") }
        if !h.checksumValid { out.append(", bad ip cksum") }
        out.append(") ")
    }

    private func appendIPv6Detail(_ h: IPv6Header, to out: inout OutputBuffer) {
        out.append("(hlim ")
        out.append(decimal: h.hopLimit)
        for ext in h.extensionHeaders {
            out.append(", ext ")
            out.append(decimal: ext.kind)
        }
        out.append(") ")
    }

    private func appendPayload(_ payload: IPPayload, network: NetworkLayer, to out: inout OutputBuffer) {
        switch payload {
        case .vrrp(let packet):
            appendVRRP(packet, to: &out)
        case .carp(let carp):
            out.append("CARPv")
            out.append(decimal: carp.version)
            out.append(carp.type == 1 ? " advert" : " type ")
            if carp.type != 1 { out.append(decimal: carp.type) }
            out.append(" vhid ")
            out.append(decimal: carp.vhid)
            out.append(" advbase ")
            out.append(decimal: carp.advertisementBase)
            out.append("s advskew ")
            out.append(decimal: carp.advertisementSkew)
            out.append(" demote ")
            out.append(decimal: carp.demotion)
            out.append(" counter ")
            out.append(decimal: carp.counter)
            out.append(carp.checksumValid ? " cksum ok" : " cksum BAD")
        case .authenticated(let ah, let inner):
            out.append("AH spi 0x")
            out.append(hex: UInt64(ah.spi), digits: 8)
            out.append(" seq ")
            out.append(decimal: ah.sequence)
            out.append(", ")
            appendPayload(inner, network: network, to: &out)
        case .neighborAdvertisement(let na):
            appendNA(na, network: network, to: &out)
        case .other(let proto, let bytes):
            out.append("ip-proto ")
            out.append(decimal: proto)
            out.append(", length ")
            out.append(decimal: bytes.count)
        case .malformed(let proto, let error, _):
            out.append(proto == IPProtocol.vrrp ? "VRRP" : "ip-proto ")
            if proto != IPProtocol.vrrp { out.append(decimal: proto) }
            appendMalformed(error, to: &out)
        }
    }

    private func appendVRRP(_ p: VRRPPacket, to out: inout OutputBuffer) {
        out.append("VRRPv")
        out.append(decimal: p.version)
        if p.type == VRRPPacket.advertisement {
            out.append(" advert")
        } else {
            out.append(" type ")
            out.append(decimal: p.type)
        }
        out.append(" vrid ")
        out.append(decimal: p.vrid)
        out.append(" prio ")
        out.append(decimal: p.priority)
        if let role = p.priorityRole {
            out.append(" (")
            out.append(role.rawValue)
            out.append(byte: UInt8(ascii: ")"))
        }
        out.append(" intvl ")
        out.append(decimal: p.interval)
        out.append(p.hasVersion2Layout ? "s" : "cs")
        if p.hasVersion2Layout { appendAuth(p, to: &out) }
        out.append(" addrs")
        if p.addresses.count != Int(p.count) {
            out.append(byte: UInt8(ascii: "("))
            out.append(decimal: p.addresses.count)
            out.append(" of ")
            out.append(decimal: p.count)
            out.append(byte: UInt8(ascii: ")"))
        }
        for (i, address) in p.addresses.enumerated() {
            out.append(byte: i == 0 ? 0x20 : UInt8(ascii: ","))
            out.append(address)
        }
        if p.addresses.isEmpty { out.append(" none") }
        switch p.checksumCheck {
        case .valid(let form):
            out.append(" cksum ok (")
            out.append(form.rawValue)
            out.append(byte: UInt8(ascii: ")"))
        case .invalid(let expected):
            colored("31", to: &out) { out in
                out.append(" cksum BAD 0x")
                out.append(hex: UInt64(p.checksum), digits: 4)
                out.append(" (expected 0x")
                out.append(hex: UInt64(expected), digits: 4)
                out.append(byte: UInt8(ascii: ")"))
            }
        case .unverified:
            out.append(" cksum unverified")
        }
        if !p.extra.isEmpty && options.verbosity > 0 && p.ciscoMD5 == nil {
            out.append(", ")
            out.append(decimal: p.extra.count)
            out.append(" extra bytes")
        }
    }

    private func appendAuth(_ p: VRRPPacket, to out: inout OutputBuffer) {
        switch p.authType {
        case 0: out.append(" auth none")
        case 1:
            out.append(" auth simple ")
            if options.redact {
                out.append("<redacted>")
            } else if let text = p.authText {
                out.append(jsonString: text)
            } else {
                out.append("(not captured)")
            }
        case 2: out.append(" auth ah")
        case CiscoMD5Authentication.authType where p.ciscoMD5 != nil:
            out.append(" auth md5")
            guard options.verbosity > 0, let md5 = p.ciscoMD5 else { return }
            if let key = md5.keyID {
                out.append(" key ")
                out.append(decimal: key)
            }
            out.append(" digest ")
            if options.redact {
                out.append("<redacted>")
            } else {
                for byte in md5.digest { out.append(hex: UInt64(byte), digits: 2) }
            }
        default:
            out.append(" auth type ")
            out.append(decimal: p.authType)
        }
    }

    private func appendNA(_ na: NeighborAdvertisement, network: NetworkLayer, to out: inout OutputBuffer) {
        out.append("NA target ")
        out.append(na.target)
        if let mac = na.targetLinkLayerAddress {
            out.append(" tlla ")
            out.append(mac)
        }
        out.append(" [")
        // Flags written in place: no array per packet.
        var first = true
        func flag(_ set: Bool, _ name: UInt8) {
            guard set else { return }
            if !first { out.append(byte: UInt8(ascii: ",")) }
            out.append(byte: name)
            first = false
        }
        flag(na.router, UInt8(ascii: "R"))
        flag(na.solicited, UInt8(ascii: "S"))
        flag(na.override, UInt8(ascii: "O"))
        out.append(byte: UInt8(ascii: "]"))
        if na.isUnsolicited(destination: network.destinationIP) { out.append(" unsolicited") }
        switch na.checksumValid {
        case true?: out.append(" cksum ok")
        case false?: colored("31", to: &out) { $0.append(" cksum BAD") }
        case nil: out.append(" cksum unverified")
        }
    }

    private func appendARP(_ arp: ARPPacket, link: LinkHeader, to out: inout OutputBuffer) {
        if options.verbosity == 0, let source = link.sourceMAC {
            out.append(source)
            if let destination = link.destinationMAC {
                out.append(" > ")
                out.append(destination)
            }
            out.append(": ")
        }
        switch arp.kind {
        case .announcement, .gratuitousRequest, .gratuitousReply:
            colored("33", to: &out) { out in
                out.append("GARP ")
                out.append(arp.senderIP)
                out.append(" is-at ")
                out.append(arp.senderMAC)
            }
            out.append(" (")
            out.append(arp.kind.rawValue)
            out.append(byte: UInt8(ascii: ")"))
        case .probe:
            out.append("ARP probe who-has ")
            out.append(arp.targetIP)
            out.append(" (RFC 5227)")
        case .request:
            out.append("ARP who-has ")
            out.append(arp.targetIP)
            out.append(" tell ")
            out.append(arp.senderIP)
        case .reply:
            out.append("ARP reply ")
            out.append(arp.senderIP)
            out.append(" is-at ")
            out.append(arp.senderMAC)
        case .other:
            out.append("ARP op ")
            out.append(decimal: arp.operation)
            out.append(" sender ")
            out.append(arp.senderIP)
            out.append(" target ")
            out.append(arp.targetIP)
        }
    }

    private func appendMalformed(_ error: DecodeError, to out: inout OutputBuffer) {
        colored("31", to: &out) { out in
            out.append(" malformed: ")
            out.append(error.description)
        }
    }

    private func appendProblems(_ problems: [Problem], to out: inout OutputBuffer) {
        // Malformed and bad checksums are already spelt out in the line; informational ones need -v.
        func shown(_ problem: Problem) -> Bool {
            problem != .malformed && problem != .badChecksum && (options.verbosity > 0 || !problem.isInformational)
        }
        guard problems.contains(where: shown) else { return }
        colored("31", to: &out) { out in
            out.append(" [")
            var first = true
            for problem in problems where shown(problem) {
                if !first { out.append(", ") }
                out.append(problem.rawValue)
                first = false
            }
            out.append(byte: UInt8(ascii: "]"))
        }
    }

    private func colored(_ code: StaticString, to out: inout OutputBuffer, _ body: (inout OutputBuffer) -> Void) {
        guard options.color else { return body(&out) }
        out.append("\u{1B}[")
        out.append(code)
        out.append(byte: UInt8(ascii: "m"))
        body(&out)
        out.append("\u{1B}[0m")
    }
}
