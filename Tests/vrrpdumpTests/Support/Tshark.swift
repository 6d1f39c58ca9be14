import Foundation

/// One frame of `tshark -T fields`: field name → value (several occurrences joined by ",").
struct TsharkRow: Sendable {
    let values: [String: String]

    var frame: Int { Int(values["frame.number"] ?? "") ?? 0 }
    var epoch: Double { Double(values["frame.time_epoch"] ?? "") ?? .nan }

    subscript(_ field: String) -> String? {
        guard let value = values[field], !value.isEmpty else { return nil }
        return value
    }

    /// Every occurrence of a field, in order.
    func all(_ field: String) -> [String] {
        self[field]?.split(separator: ",", omittingEmptySubsequences: false).map(String.init) ?? []
    }

    func first(_ field: String) -> String? { all(field).first }
}

/// tshark's `-T fields` output, run in the test on the same file vrrpdump reads.
struct Tshark {
    let tool: PeerTool

    /// The fields compared (names checked against `tshark -G fields`, Wireshark 4.0).
    static let fields = [
        "frame.number", "frame.time_epoch", "frame.len", "frame.cap_len",
        "eth.src", "eth.dst", "sll.src.eth", "ieee8021ad.id", "vlan.id",
        "ip.src", "ip.dst", "ip.ttl", "ip.proto", "ip.len", "ip.hdr_len", "ipv6.src", "ipv6.dst", "ipv6.hlim", "ipv6.plen",
        "ah.spi", "ah.sequence", "ah.next_header",
        "vrrp.version", "vrrp.type", "vrrp.virt_rtr_id", "vrrp.prio", "vrrp.addr_count",
        "vrrp.auth_type", "vrrp.adver_int", "vrrp.short_adver_int", "vrrp.ip_addr", "vrrp.ipv6_addr",
        "vrrp.auth_string", "vrrp.checksum", "vrrp.checksum.status",
        "arp.opcode", "arp.src.hw_mac", "arp.src.proto_ipv4", "arp.dst.hw_mac", "arp.dst.proto_ipv4",
        "arp.isgratuitous",
        "icmpv6.type", "icmpv6.nd.na.target_address", "icmpv6.nd.na.flag.r", "icmpv6.nd.na.flag.s",
        "icmpv6.nd.na.flag.o", "icmpv6.opt.linkaddr", "icmpv6.checksum.status",
    ]

    static let carpFields = [
        "frame.number", "carp.version", "carp.type", "carp.vhid", "carp.advskew", "carp.adver_int",
        "carp.demotion", "carp.counter", "carp.checksum.status",
    ]

    /// The preference that makes tshark check VRRPv3/IPv4 checksums without the pseudo-header.
    static let v3ChecksumAsInV2 = "vrrp.v3_checksum_as_in_v2:TRUE"
    /// Lets the CARP heuristic see IP protocol 112 before the VRRP dissector takes it.
    static let heuristicsFirst = "ip.try_heuristic_first:TRUE"

    struct Failure: Error, CustomStringConvertible {
        let outcome: ProcessOutcome
        var description: String { outcome.summary }
    }

    /// Field and preference names this tshark does not know (a different Wireshark version would
    /// otherwise make every run fail, or silently compare empty columns).
    func unknownNames() throws -> [String] {
        let fieldList = try tool.run(["-G", "fields"])
        let known = Set(fieldList.stdoutLines.compactMap { line -> String? in
            let columns = line.split(separator: "\t", omittingEmptySubsequences: false)
            return columns.count > 2 && columns[0] == "F" ? String(columns[2]) : nil
        })
        var unknown = (Self.fields + Self.carpFields).filter { !known.contains($0) }
        let preferences = try tool.run(["-G", "defaultprefs"]).stdoutText
        for preference in [Self.v3ChecksumAsInV2, Self.heuristicsFirst] {
            let name = String(preference.prefix { $0 != ":" })
            if !preferences.contains("#\(name):") { unknown.append("preference \(name)") }
        }
        return unknown
    }

    /// Whether tshark failed because it cannot read the file (as opposed to a bad command).
    static func cannotRead(_ failure: Failure) -> Bool {
        let text = failure.outcome.stderrText
        return ["isn't a capture file", "appears to be damaged", "cut short", "unknown file type",
                "doesn't support", "not supported", "Unsupported"].contains { text.contains($0) }
    }

    /// Runs tshark on `file` and returns one row per frame, in frame order.
    func rows(of file: URL, fields: [String] = Tshark.fields, preferences: [String] = []) throws -> [TsharkRow] {
        var arguments = ["-n", "-r", file.path, "-T", "fields", "-E", "separator=/t", "-E", "occurrence=a",
                         "-E", "aggregator=,", "-E", "header=n"]
        for preference in preferences { arguments += ["-o", preference] }
        for field in fields { arguments += ["-e", field] }
        let outcome = try tool.run(arguments)
        guard outcome.exitedNormally, outcome.status == 0 else { throw Failure(outcome: outcome) }
        return outcome.stdoutLines.map { line in
            let columns = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            var values: [String: String] = [:]
            for (index, field) in fields.enumerated() where index < columns.count {
                values[field] = columns[index]
            }
            return TsharkRow(values: values)
        }
    }
}
