import Codec

/// Diagnostics and keepalived's value readers: parameters, numbers, addresses, value blocks, skipping.
extension ConfigReader {
    mutating func warn(_ line: ConfigLine, _ message: String, fix: String? = nil, consequence: String? = nil) {
        diagnostics.append(Diagnostic(.warning, at: line.location(), message, fix: fix, consequence: consequence))
    }

    mutating func refuse(_ line: ConfigLine, _ message: String) {
        diagnostics.append(Diagnostic(.error, at: line.location(), message,
                                      consequence: "vrrpdump cannot run this file as keepalived would"))
    }

    mutating func unknown(_ line: ConfigLine, known: [String]) {
        let word = line.keyword
        let rest = line.words.dropFirst().map(\.text)
        guard let fix = KeywordFix.glued(word, rest: rest, known: known) else {
            warn(line, "Unknown keyword '\(word)'", consequence: "keepalived ignores this line")
            return
        }
        warn(line, "Unknown keyword '\(word)': '\(fix.keyword)' needs a space before its value",
             fix: fix.line, consequence: Self.consequence(ofIgnoring: fix.keyword, instance: configuration.instances.last?.name))
    }

    /// What is lost when keepalived ignores a glued keyword, in plain words.
    static func consequence(ofIgnoring keyword: String, instance: String?) -> String {
        let who = instance ?? "the instance"
        switch keyword {
        case "router_id": return "router_id is not set: keepalived uses the host name"
        case "auth_type": return "\(who) advertises with no authentication (auth_pass alone does not enable it)"
        case "auth_pass": return "no password is set; without auth_type PASS \(who) advertises with no authentication"
        case "state": return "the state stays BACKUP"
        case "priority": return "the priority stays 100"
        case "virtual_router_id": return "\(who) has no virtual_router_id and does not run"
        case "advert_int": return "the advertisement interval stays 1 s"
        case "interval": return "the script runs at the default interval, every 1 s"
        case "weight": return "the script's weight stays 0: when it fails the tracking instance goes to FAULT instead of lowering its priority"
        case "rise", "fall": return "\(keyword) stays 1"
        case "timeout": return "the script has no timeout of its own"
        case "script": return "the script is not set and the vrrp_script is removed"
        default: return "keepalived ignores this line, so \(keyword) keeps its default"
        }
    }

    /// The keyword's first parameter; keepalived 2.2.7 stops at a missing one ("missing a parameter"), so it is an error.
    mutating func parameter(_ line: ConfigLine) -> String? {
        guard line.words.count > 1, line.words[1].text != "{" else {
            diagnostics.append(Diagnostic(.error, at: line.location(),
                "Configuration line starting `\(line.keyword)` is missing a parameter",
                consequence: "keepalived refuses to start with this file"))
            return nil
        }
        return line.words[1].text
    }

    /// keepalived's `read_unsigned`/`read_int`: the whole word must be a number in range.
    mutating func number(_ line: ConfigLine, in range: ClosedRange<Int>) -> Int? {
        guard let text = parameter(line) else { return nil }
        guard let v = Int(text.drop { $0 == " " || $0 == "\t" }) else {
            warn(line, "invalid number '\(text)'", consequence: "\(line.keyword) keeps its default")
            return nil
        }
        guard range.contains(v) else {
            warn(line, "number '\(text)' outside range [\(range.lowerBound), \(range.upperBound)]",
                 consequence: "\(line.keyword) keeps its default")
            return nil
        }
        return v
    }

    mutating func decimal(_ line: ConfigLine, in range: ClosedRange<Double>) -> Double? {
        guard let text = parameter(line) else { return nil }
        guard let v = Double(text), range.contains(v) else {
            warn(line, "invalid number '\(text)'", consequence: "\(line.keyword) keeps its default")
            return nil
        }
        return v
    }

    func weightOption(_ entry: ConfigLine) -> Int? {
        guard let at = entry.words.firstIndex(where: { $0.text == "weight" }), at + 1 < entry.words.count else { return nil }
        return Int(entry.words[at + 1].text)
    }

    /// A notify command's words as keepalived splits them (the first: the program, or a line for /bin/sh).
    func command(_ line: ConfigLine) -> [String]? {
        let words = Array(line.quotedWords.dropFirst())
        return words.isEmpty ? nil : words
    }

    mutating func address(_ entry: ConfigLine) -> VirtualAddressEntry? {
        let parts = entry.keyword.split(separator: "/", maxSplits: 1)
        guard let first = parts.first, IPAddress(first) != nil else {
            warn(entry, "VRRP parsed invalid IP \(entry.keyword). skipping IP...",
                 consequence: "this address is not a virtual address")
            return nil
        }
        var result = VirtualAddressEntry(address: String(first))
        if parts.count == 2 {
            guard let length = Int(parts[1]), length >= 0, length <= (IPAddress(first)?.isIPv6 == true ? 128 : 32) else {
                warn(entry, "VRRP parsed invalid IP \(entry.keyword). skipping IP...",
                     consequence: "this address is not a virtual address")
                return nil
            }
            result.prefixLength = length
        }
        // keepalived 2.2.7's options of an address line: `dev`, `label` and `no_track` are honoured, `-nodad` is
        // what the node does anyway (IPv6 addresses go on with IFA_F_NODAD), the others change the
        // address in ways the node does not reproduce; an unknown word gets keepalived's warning.
        var index = 1
        while index < entry.words.count {
            let word = entry.words[index].text
            let value = index + 1 < entry.words.count ? entry.words[index + 1].text : nil
            let takesValue = ["dev", "scope", "broadcast", "brd", "label", "peer", "preferred_lft", "track_group"].contains(word)
            if takesValue, value == nil {
                // keepalived 2.2.7 then drops the address (its -d dump in the lab).
                warn(entry, "No \(word) parameter specified for \(entry.keyword)", consequence: "this address is not a virtual address")
                return nil
            }
            switch word {
            case "dev":
                result.device = value
                index += 1
            case "label":
                result.label = value
                index += 1
            case "no_track": result.noTrack = true
            case "-nodad": break
            case "scope", "broadcast", "brd", "peer", "preferred_lft", "track_group":
                refuse(entry, "'\(word)' on a virtual address is not supported by vrrpdump")
                index += 1
            case "use_vmac", "home", "noprefixroute", "mngtmpaddr", "autojoin":
                refuse(entry, "'\(word)' on a virtual address is not supported by vrrpdump")
            default:
                warn(entry, "Unknown configuration entry '\(word)' for ip address - ignoring",
                     consequence: "keepalived ignores the word; the address is used")
            }
            index += 1
        }
        return result
    }

    /// keepalived's `alloc_value_block`: one entry per line up to the `}`.
    mutating func valueBlock(_ line: ConfigLine) -> [ConfigLine] {
        var entries: [ConfigLine] = []
        var needBrace = true
        if line.words.count > 1 {
            if line.words[1].text == "{" { needBrace = false } else {
                warn(line, "Block \(line.keyword) has extra parameters \(line.words[1].text) ...")
            }
        }
        while index < lines.count {
            let entry = lines[index]
            index += 1
            if needBrace {
                needBrace = false
                if entry.keyword == "{" { continue }
                warn(entry, "'{' missing from beginning of block \(line.keyword)")
            }
            if entry.keyword == "}" { break }
            entries.append(entry)
        }
        return entries
    }

    /// Skips the block a refused or ignored keyword opens, if it has one.
    mutating func skipBlock(_ line: ConfigLine) {
        var depth = 0
        if line.words.last?.text == "{" {
            depth = 1
        } else if index < lines.count, lines[index].keyword == "{" {
            depth = 1
            index += 1
        }
        while depth > 0 && index < lines.count {
            let word = lines[index].keyword
            if word == "{" { depth += 1 } else if word == "}" { depth -= 1 }
            index += 1
        }
    }
}
