import Foundation

/// One packet of tcpdump's text (`tcpdump -# -n -tttt [-v]`, TZ=GMT0, as tcpdump's TESTrun runs it).
struct TcpdumpPacket: Sendable {
    var number = 0
    var microseconds: Int64 = 0
    var ipVersion = 0
    var source = ""
    var destination = ""
    /// From the IP header in `-v` ("ttl 255" / "hlim 255") or tcpdump's "(ttl N)" note on VRRP.
    var ttl: Int?
    var vrrpVersion: Int?
    var type: Int?
    var vrid: Int?
    var priority: Int?
    var authType: Int?
    /// "10s" → (10, "s"); "1000cs" → (1000, "cs").
    var interval: (value: Int, unit: String)?
    var length: Int?
    /// "addrs(3):" → 3; "addrs:" → the number listed.
    var addressCount: Int?
    var addresses: [String]?
    var auth: String?
    /// tcpdump printed "[|vrrp]": it ran out of data before the end of what it prints.
    var truncated = false
    /// "(bad vrrp cksum X)": with -v tcpdump checks v2 plain and v3 with the pseudo-header.
    var badChecksum = false
    var text = ""
}

enum TcpdumpText {
    /// Splits the text into packets (a packet may continue on indented lines) and parses each.
    static func parse(_ text: String) -> [TcpdumpPacket] {
        var blocks: [String] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: true).map(String.init) {
            if line.range(of: #"^\s*\d+\s+\d{4}-\d\d-\d\d "#, options: .regularExpression) != nil {
                blocks.append(line)
            } else if !blocks.isEmpty {
                blocks[blocks.count - 1] += " " + line.trimmingCharacters(in: .whitespaces)
            }
        }
        return blocks.map(parsePacket)
    }

    static func parsePacket(_ block: String) -> TcpdumpPacket {
        var packet = TcpdumpPacket()
        packet.text = block
        let header = groups(#"^\s*(\d+)\s+(\d{4})-(\d\d)-(\d\d) (\d\d):(\d\d):(\d\d)\.(\d{6}) (IP6?) (.*)$"#, block)
        guard header.count == 11 else { return packet }
        packet.number = Int(header[1]!)!
        let fields = header[2...8].map { Int($0!)! }
        packet.microseconds = epochSeconds(year: fields[0], month: fields[1], day: fields[2], hour: fields[3],
                                           minute: fields[4], second: fields[5]) * 1_000_000 + Int64(fields[6])
        packet.ipVersion = header[9] == "IP6" ? 6 : 4
        var rest = header[10]!
        if rest.hasPrefix("(") {
            // -v: "(tos 0x0, ttl 255, ..., proto VRRP (112), length 48) 10.0.0.91 > ..."; nested parentheses.
            var depth = 0
            var end = rest.startIndex
            for index in rest.indices {
                if rest[index] == "(" { depth += 1 }
                if rest[index] == ")" { depth -= 1; if depth == 0 { end = index; break } }
            }
            let ipHeader = String(rest[rest.startIndex...end])
            if let ttl = groups(#"\b(?:ttl|hlim) (\d+)"#, ipHeader).dropFirst().first { packet.ttl = ttl.flatMap { Int($0) } }
            rest = String(rest[rest.index(after: end)...]).trimmingCharacters(in: .whitespaces)
        }
        let addressing = groups(#"^(\S+) > (\S+): (.*)$"#, rest)
        guard addressing.count == 4 else { return packet }
        packet.source = addressing[1]!
        packet.destination = addressing[2]!
        let vrrp = groups(#"^VRRPv(\d+), (.*)$"#, addressing[3]!)
        guard vrrp.count == 3 else { return packet }
        packet.vrrpVersion = Int(vrrp[1]!)
        for token in vrrp[2]!.components(separatedBy: ", ") {
            var token = token
            if token.contains("[|vrrp]") {
                packet.truncated = true
                token = token.replacingOccurrences(of: "[|vrrp]", with: "").trimmingCharacters(in: .whitespaces)
            }
            if token.hasPrefix("(bad vrrp cksum ") {
                packet.badChecksum = true
            } else if token == "Advertisement" {
                packet.type = 1
            } else if let type = groups(#"^unknown type \((\d+)\)$"#, token).last {
                packet.type = type.flatMap { Int($0) }
            } else if let ttl = groups(#"^\(ttl (\d+)\)$"#, token).last {
                packet.ttl = ttl.flatMap { Int($0) }
            } else if let vrid = groups(#"^vrid (\d+)$"#, token).last {
                packet.vrid = vrid.flatMap { Int($0) }
            } else if let priority = groups(#"^prio (\d+)$"#, token).last {
                packet.priority = priority.flatMap { Int($0) }
            } else if let auth = groups(#"^authtype (\S+)$"#, token).last {
                packet.authType = ["none": 0, "simple": 1, "ah": 2][auth!]
                    ?? groups(#"^unknown\((\d+)\)$"#, auth!).last.flatMap { $0.flatMap { Int($0) } }
            } else if let interval = Optional(groups(#"^intvl (\d+)(s|cs)$"#, token)), interval.count == 3 {
                packet.interval = (Int(interval[1]!)!, interval[2]!)
            } else if let length = groups(#"^length (\d+)$"#, token).last {
                packet.length = length.flatMap { Int($0) }
            } else if let list = Optional(groups(#"^addrs(?:\((\d+)\))?:(.*)$"#, token)), list.count == 3 {
                var rest = list[2]!.trimmingCharacters(in: .whitespaces)
                if let range = rest.range(of: #" ?auth "(.*)"$"#, options: .regularExpression) {
                    let auth = String(rest[range]).trimmingCharacters(in: .whitespaces)
                    packet.auth = String(auth.dropFirst(6).dropLast())
                    rest = String(rest[..<range.lowerBound])
                }
                let addresses = rest.isEmpty ? [] : rest.components(separatedBy: ",")
                packet.addressCount = list[1].flatMap { Int($0) } ?? addresses.count
                if !packet.truncated { packet.addresses = addresses }
            }
        }
        return packet
    }

    /// Capture groups of the first match (nil for a group that did not take part); [] for no match.
    static func groups(_ pattern: String, _ text: String) -> [String?] {
        guard let expression = try? NSRegularExpression(pattern: pattern),
              let match = expression.firstMatch(in: text, range: NSRange(text.startIndex..., in: text))
        else { return [] }
        return (0..<match.numberOfRanges).map { index in
            Range(match.range(at: index), in: text).map { String(text[$0]) }
        }
    }

    /// Seconds since 1970-01-01 UTC for a civil date (Howard Hinnant's days_from_civil).
    static func epochSeconds(year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        let days = era * 146_097 + doe - 719_468
        return Int64(days) * 86400 + Int64(hour * 3600 + minute * 60 + second)
    }
}
