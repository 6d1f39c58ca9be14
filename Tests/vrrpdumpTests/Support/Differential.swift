import Foundation

/// One field on which vrrpdump and a peer decoder disagree.
struct FieldDifference: Sendable, CustomStringConvertible {
    let file: String
    /// The peer's frame number (1-based), or nil for a whole-file difference.
    let frame: Int?
    let field: String
    let vrrpdump: String
    let peer: String

    var description: String {
        "\(file)\(frame.map { " frame \($0)" } ?? ""): \(field): vrrpdump=\(vrrpdump) peer=\(peer)"
    }
}

/// A difference the tests accept, with the reason; every use is printed with the test output.
struct PeerException: Sendable {
    let id: String
    let reason: String
    /// Whether this exception covers the difference (the record is vrrpdump's, when it printed one).
    let covers: @Sendable (FieldDifference, DumpRecord?) -> Bool
}

/// Field maps: both sides are reduced to the same names (tshark's where there is one) and values
/// (decimal numbers, lists joined by ",") so that a plain dictionary comparison finds every
/// difference.
enum FieldMap {
    static let absent = "(absent)"

    /// Compares two maps over the union of their keys.
    static func differences(file: String, frame: Int, ours: [String: String], theirs: [String: String]) -> [FieldDifference] {
        Set(ours.keys).union(theirs.keys).sorted().compactMap { key in
            let a = ours[key] ?? absent
            let b = theirs[key] ?? absent
            return a == b ? nil : FieldDifference(file: file, frame: frame, field: key, vrrpdump: a, peer: b)
        }
    }

    /// vrrpdump's record in the shared names.
    static func ours(_ r: DumpRecord) -> [String: String] {
        var m: [String: String] = ["kind": r.kind]
        if let len = r.len { m["frame.len"] = String(len) }
        if let caplen = r.caplen { m["frame.cap_len"] = String(caplen) }
        if !r.vlan.isEmpty { m["vlan.id"] = r.vlan.map(String.init).joined(separator: ",") }
        if let mac = r.srcMac { m["src_mac"] = mac }
        if let mac = r.dstMac { m["eth.dst"] = mac }
        if let ip = r.ip {
            m["ip.version"] = String(ip.version)
            m["ip.src"] = ip.src
            m["ip.dst"] = ip.dst
            m["ip.ttl"] = String(ip.ttl)
        }
        if let ah = r.ah {
            m["ah.spi"] = String(ah.spi)
            m["ah.sequence"] = String(ah.seq)
            m["ah.next_header"] = String(ah.nextHeader)
        }
        if let v = r.vrrp {
            m["vrrp.version"] = String(v.version)
            m["vrrp.type"] = String(v.type)
            m["vrrp.virt_rtr_id"] = String(v.vrid)
            m["vrrp.prio"] = String(v.priority)
            m["vrrp.addr_count"] = String(v.count)
            m["vrrp.interval_cs"] = String(v.intervalCs)
            if let authType = v.authType {
                m["vrrp.auth_type"] = String(authType)
                if authType == 1, let text = v.auth { m["vrrp.auth_string"] = text }
            }
            if !v.addrs.isEmpty { m["vrrp.addrs"] = v.addrs.joined(separator: ",") }
            if let value = v.checksumValue { m["vrrp.checksum"] = String(value) }
            m["vrrp.checksum.status"] = tsharkChecksumStatus(v, ipVersion: r.ip?.version, v3AsV2: false)
            m["vrrp.checksum.status[v3_checksum_as_in_v2]"] = tsharkChecksumStatus(v, ipVersion: r.ip?.version, v3AsV2: true)
        }
        if let c = r.carp {
            m["carp.version"] = String(c.version)
            m["carp.type"] = String(c.type)
            m["carp.vhid"] = String(c.vhid)
            m["carp.advskew"] = String(c.advskew)
            m["carp.adver_int"] = String(c.advbase)
            m["carp.demotion"] = String(c.demote)
            m["carp.counter"] = String(c.counter)
            m["carp.checksum.status"] = c.checksum == "valid" ? "1" : "0"
        }
        if let a = r.arp {
            m["arp.opcode"] = String(a.op)
            if let mac = a.senderMac { m["arp.src.hw_mac"] = mac }
            m["arp.src.proto_ipv4"] = a.senderIp
            if let mac = a.targetMac { m["arp.dst.hw_mac"] = mac }
            m["arp.dst.proto_ipv4"] = a.targetIp
            m["arp.isgratuitous"] = a.gratuitous ? "1" : "0"
        }
        if let n = r.na {
            m["icmpv6.nd.na.target_address"] = n.target
            m["icmpv6.nd.na.flag.r"] = n.router ? "1" : "0"
            m["icmpv6.nd.na.flag.s"] = n.solicited ? "1" : "0"
            m["icmpv6.nd.na.flag.o"] = n.override ? "1" : "0"
            if let tlla = n.tlla { m["icmpv6.opt.linkaddr"] = tlla }
            m["icmpv6.checksum.status"] = n.checksum == "valid" ? "1" : n.checksum == "invalid" ? "0" : "2"
        }
        return m
    }

    /// The `vrrp.checksum.status` tshark must show (1 good, 0 bad, 2 unverified) given vrrpdump's
    /// verdict. tshark 4.0 (epan/dissectors/packet-vrrp.c) checks version 3 with the pseudo-header
    /// (the packet's own source and destination), every other version plain; with
    /// `vrrp.v3_checksum_as_in_v2:TRUE` it checks v3 over IPv4 plain but still v3 over IPv6 with
    /// the pseudo-header. So: valid pseudo-header ⇔ default good; valid plain (v3/IPv4) ⇔ good
    /// with the preference; v2 always plain; the 224.0.0.18 pseudo-header form (old keepalived
    /// unicast) is good in neither mode; unverifiable (truncated) ⇔ unverified.
    static func tsharkChecksumStatus(_ v: DumpRecord.VRRP, ipVersion: Int?, v3AsV2: Bool) -> String {
        switch v.checksum {
        case "unverified": return "2"
        case "valid":
            let tsharkForm = v.version == 3 && !(v3AsV2 && ipVersion == 4) ? "pseudo-header" : "plain"
            return v.checksumForm == tsharkForm ? "1" : "0"
        default: return "0"
        }
    }

    /// tshark's frame in the shared names. `v2Mode` is the same frame decoded with
    /// `vrrp.v3_checksum_as_in_v2:TRUE`.
    static func theirs(_ row: TsharkRow, v2Mode: TsharkRow?) -> [String: String] {
        var m: [String: String] = [:]
        if row["carp.vhid"] != nil {
            m["kind"] = "carp"
        } else if row["vrrp.version"] != nil {
            m["kind"] = "vrrp"
        } else if row["arp.opcode"] != nil {
            m["kind"] = "arp"
        } else if row.all("icmpv6.type").contains("136") {
            m["kind"] = "na"
        } else {
            m["kind"] = "other"
        }
        m["frame.len"] = row["frame.len"]
        m["frame.cap_len"] = row["frame.cap_len"]
        // An 802.1ad outer tag is ieee8021ad.id to tshark; 802.1Q tags are vlan.id (outer first).
        let tags = row.all("ieee8021ad.id") + row.all("vlan.id")
        if !tags.isEmpty { m["vlan.id"] = tags.joined(separator: ",") }
        m["src_mac"] = row.first("eth.src") ?? row.first("sll.src.eth")
        m["eth.dst"] = row.first("eth.dst")
        if let src = row.first("ip.src") {
            m["ip.version"] = "4"
            m["ip.src"] = src
            m["ip.dst"] = row.first("ip.dst")
            m["ip.ttl"] = row.first("ip.ttl")
        } else if let src = row.first("ipv6.src") {
            m["ip.version"] = "6"
            m["ip.src"] = src
            m["ip.dst"] = row.first("ipv6.dst")
            m["ip.ttl"] = row.first("ipv6.hlim")
        }
        if let spi = row.first("ah.spi") {
            m["ah.spi"] = decimal(spi)
            m["ah.sequence"] = row.first("ah.sequence")
            m["ah.next_header"] = row.first("ah.next_header")
        }
        if let version = row["vrrp.version"] {
            m["vrrp.version"] = version
            m["vrrp.type"] = row["vrrp.type"]
            m["vrrp.virt_rtr_id"] = row["vrrp.virt_rtr_id"]
            m["vrrp.prio"] = row["vrrp.prio"]
            m["vrrp.addr_count"] = row["vrrp.addr_count"]
            if version == "3" {
                m["vrrp.interval_cs"] = row["vrrp.short_adver_int"]
            } else {
                m["vrrp.interval_cs"] = row["vrrp.adver_int"].flatMap(Int.init).map { String($0 * 100) }
                m["vrrp.auth_type"] = row["vrrp.auth_type"]
            }
            m["vrrp.auth_string"] = row["vrrp.auth_string"]
            let addrs = row.all("vrrp.ip_addr") + row.all("vrrp.ipv6_addr")
            if !addrs.isEmpty { m["vrrp.addrs"] = addrs.joined(separator: ",") }
            m["vrrp.checksum"] = row["vrrp.checksum"].map(decimal)
            m["vrrp.checksum.status"] = row["vrrp.checksum.status"]
            m["vrrp.checksum.status[v3_checksum_as_in_v2]"] = v2Mode?["vrrp.checksum.status"]
        }
        if row["carp.vhid"] != nil {
            for field in ["carp.version", "carp.type", "carp.vhid", "carp.advskew", "carp.adver_int",
                          "carp.demotion", "carp.counter", "carp.checksum.status"] {
                m[field] = row[field]
            }
        }
        if let opcode = row["arp.opcode"] {
            m["arp.opcode"] = opcode
            m["arp.src.hw_mac"] = row["arp.src.hw_mac"]
            m["arp.src.proto_ipv4"] = row["arp.src.proto_ipv4"]
            m["arp.dst.hw_mac"] = row["arp.dst.hw_mac"]
            m["arp.dst.proto_ipv4"] = row["arp.dst.proto_ipv4"]
            m["arp.isgratuitous"] = ["1", "True", "true"].contains(row["arp.isgratuitous"] ?? "") ? "1" : "0"
        }
        if m["kind"] == "na" {
            m["icmpv6.nd.na.target_address"] = row.first("icmpv6.nd.na.target_address")
            m["icmpv6.nd.na.flag.r"] = row.first("icmpv6.nd.na.flag.r").map(bit)
            m["icmpv6.nd.na.flag.s"] = row.first("icmpv6.nd.na.flag.s").map(bit)
            m["icmpv6.nd.na.flag.o"] = row.first("icmpv6.nd.na.flag.o").map(bit)
            m["icmpv6.opt.linkaddr"] = row.first("icmpv6.opt.linkaddr")
            m["icmpv6.checksum.status"] = row.first("icmpv6.checksum.status")
        }
        return m.compactMapValues { $0 }
    }

    /// "0xc0000205" or "3221225989" → "3221225989".
    static func decimal(_ text: String) -> String {
        if text.hasPrefix("0x"), let value = UInt64(text.dropFirst(2), radix: 16) { return String(value) }
        return text
    }

    static func bit(_ text: String) -> String {
        ["1", "True", "true"].contains(text) ? "1" : ["0", "False", "false"].contains(text) ? "0" : text
    }
}

/// Results filled in by several threads.
private final class ParallelResults<R>: @unchecked Sendable {
    let lock = NSLock()
    var values: [Int: R] = [:]
    var next = 0
}

/// Maps `body` over `items` on a few threads (2 cores are shared), keeping the order.
func parallelMap<T: Sendable, R: Sendable>(_ items: [T], width: Int = 2, _ body: @escaping @Sendable (T) -> R) -> [R] {
    let results = ParallelResults<R>()
    let group = DispatchGroup()
    for _ in 0..<max(1, min(width, items.count)) {
        DispatchQueue.global().async(group: group) {
            while true {
                results.lock.lock()
                let index = results.next
                results.next += 1
                results.lock.unlock()
                guard index < items.count else { return }
                let value = body(items[index])
                results.lock.lock()
                results.values[index] = value
                results.lock.unlock()
            }
        }
    }
    group.wait()
    return (0..<items.count).map { results.values[$0]! }
}
