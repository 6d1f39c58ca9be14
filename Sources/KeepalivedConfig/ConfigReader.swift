import Codec

/// keepalived 2.2.7's `process_stream` over the lexed lines, with its keyword handlers for the
/// blocks vrrpdump runs: the same degradations (unknown keyword ignored, bad value → default,
/// `vrrp_script` without `script` removed, track entry naming a missing script ignored, ...), each
/// reported with what keepalived will do about it.
public struct ConfigReader {
    private var lines: [ConfigLine]
    private var index = 0
    public private(set) var configuration = KeepalivedConfiguration()
    public private(set) var diagnostics: [Diagnostic] = []
    /// Scripts as declared, surviving or not, to explain track entries that name a removed one.
    private var removedScripts: Set<String> = []
    private var pendingTracks: [(instance: Int, name: String, weight: Int?, line: ConfigLine)] = []
    private var pendingSyncMembers: [(group: Int, name: String, line: ConfigLine)] = []

    /// Reads `path` and its includes. The result is what keepalived would run, plus every diagnostic.
    public static func read(_ path: String, files: any ConfigFiles) -> (KeepalivedConfiguration, [Diagnostic]) {
        var lexer = ConfigLexer(files: files)
        lexer.read(path)
        var reader = ConfigReader(lines: lexer.lines)
        reader.diagnostics = lexer.diagnostics
        reader.run()
        return (reader.configuration, reader.diagnostics.sorted { ($0.location ?? .init(file: "", line: 0, column: 0)) < ($1.location ?? .init(file: "", line: 0, column: 0)) })
    }

    init(lines: [ConfigLine]) { self.lines = lines }

    private enum Context { case top, global, script, instance, authentication, syncGroup }

    private mutating func run() {
        processStream(.top, level: 0, needBrace: false)
        resolveTracks()
        resolveSyncGroups()
    }

    // MARK: the block walker

    private mutating func processStream(_ context: Context, level: Int, needBrace: Bool) {
        var needBrace = needBrace
        while index < lines.count {
            let line = lines[index]
            index += 1
            if needBrace {
                needBrace = false
                if line.keyword == "{" && level > 0 { continue }
                warn(line, "Missing '{' at beginning of configuration block",
                     consequence: "keepalived reads the block's lines as keywords of the enclosing block")
            } else if line.keyword == "{" {
                warn(line, "Unexpected '{' - ignoring",
                     consequence: "the lines up to the next '}' belong to the enclosing block, and that '}' closes it")
                continue
            }
            if line.keyword == "}" && level > 0 { return }
            dispatch(context, line, level: level)
        }
    }

    /// Strips a trailing `{`: returns whether the block still needs its opening brace.
    private func needsBrace(_ line: ConfigLine) -> Bool { line.words.last?.text != "{" }

    private mutating func dispatch(_ context: Context, _ line: ConfigLine, level: Int) {
        switch context {
        case .top: top(line, level: level)
        case .global: global(line)
        case .script: script(line)
        case .instance: instance(line, level: level)
        case .authentication: authentication(line)
        case .syncGroup: syncGroup(line)
        }
    }

    private mutating func top(_ line: ConfigLine, level: Int) {
        switch line.keyword {
        case "global_defs":
            processStream(.global, level: level + 1, needBrace: needsBrace(line))
        case "vrrp_script":
            guard let name = parameter(line) else { return skipBlock(line) }
            configuration.scripts.append(VRRPScript(name: name))
            processStream(.script, level: level + 1, needBrace: needsBrace(line))
            closeScript(at: lines[index - 1])
        case "vrrp_instance":
            guard let name = parameter(line) else { return skipBlock(line) }
            configuration.instances.append(VRRPInstance(name: name, global: configuration.global, location: line.location()))
            processStream(.instance, level: level + 1, needBrace: needsBrace(line))
            closeInstance()
        case "vrrp_sync_group":
            guard let name = parameter(line) else { return skipBlock(line) }
            configuration.syncGroups.append(SyncGroup(name: name))
            processStream(.syncGroup, level: level + 1, needBrace: needsBrace(line))
        case let k where KeywordTables.topRefused.contains(k):
            refuse(line, "'\(k)' is not supported by vrrpdump")
            skipBlock(line)
        default:
            unknown(line, known: KeywordTables.topKnown)
        }
    }

    // MARK: global_defs

    private mutating func global(_ line: ConfigLine) {
        let k = line.keyword
        switch k {
        case "router_id":
            configuration.global.routerID = parameter(line)
        case "vrrp_version":
            if let v = number(line, in: 2...3) { configuration.global.vrrpVersion = v }
        case "script_user":
            configuration.global.scriptUser = parameter(line)
        case "enable_script_security":
            configuration.global.enableScriptSecurity = true
        case "vrrp_garp_master_delay":
            if let v = number(line, in: 0...Int(Int32.max)) { configuration.global.garpMasterDelay = v }
        case "vrrp_garp_master_repeat":
            if let v = number(line, in: 0...Int(Int32.max)) { configuration.global.garpMasterRepeat = v }
        case "vrrp_garp_master_refresh":
            if let v = number(line, in: 0...Int(Int32.max)) { configuration.global.garpMasterRefresh = v }
        case "notification_email":
            if valueBlock(line).isEmpty {
                warn(lines[index - 1], "Warning - empty notification_email block", consequence: "no mail is sent (vrrpdump sends none anyway)")
            }
        case _ where KeywordTables.globalIgnored.contains(k):
            skipBlock(line)
        case _ where KeywordTables.globalRefused.contains(k):
            refuse(line, "'\(k)' changes keepalived's behaviour in a way vrrpdump does not reproduce")
            skipBlock(line)
        case "old_unicast_checksum":
            warn(line, "Unknown keyword 'old_unicast_checksum'",
                 consequence: "in keepalived 2.2.7 old_unicast_checksum is a vrrp_instance keyword; in global_defs it is ignored")
        case "v3_checksum_as_v2":
            warn(line, "Unknown keyword 'v3_checksum_as_v2'",
                 consequence: "v3_checksum_as_v2 arrived in keepalived 2.2.8; 2.2.7 ignores it, so VRRPv3 adverts keep the RFC 5798 checksum (with the pseudo-header)")
        default:
            unknown(line, known: KeywordTables.globalKnown)
        }
    }

    // MARK: vrrp_script

    private mutating func script(_ line: ConfigLine) {
        guard let i = configuration.scripts.indices.last else { return }
        switch line.keyword {
        case "script":
            let words = line.quotedWords
            if words.first != "script" {
                let command = String(line.text.dropFirst("script".count))
                warn(line, "'script' is glued to its command: keepalived reads '\(line.text)' as one word and sets no script",
                     fix: "script \(command)",
                     consequence: "vrrp_script \(configuration.scripts[i].name) gets no script and is removed, so track_script entries naming it do nothing")
                return
            }
            configuration.scripts[i].command = Array(words.dropFirst())
        case "interval":
            if let v = number(line, in: 1...Int(Int32.max)) { configuration.scripts[i].intervalSeconds = v }
        case "timeout":
            if let v = number(line, in: 1...Int(Int32.max)) { configuration.scripts[i].timeoutSeconds = v }
        case "weight":
            if let v = number(line, in: -253...253) { configuration.scripts[i].weight = v }
        case "rise":
            if let v = number(line, in: 1...Int(Int32.max)) { configuration.scripts[i].rise = v }
        case "fall":
            if let v = number(line, in: 1...Int(Int32.max)) { configuration.scripts[i].fall = v }
        case "user":
            configuration.scripts[i].user = parameter(line)
        case "init_fail":
            refuse(line, "'init_fail' is not supported by vrrpdump")
        default:
            unknown(line, known: KeywordTables.scriptKnown)
        }
    }

    private mutating func closeScript(at end: ConfigLine) {
        guard let script = configuration.scripts.last else { return }
        if script.command.isEmpty {
            configuration.scripts.removeLast()
            removedScripts.insert(script.name)
            warn(end, "No script set for vrrp_script \(script.name) - removing",
                 consequence: "the check never runs; track_script entries naming \(script.name) are ignored")
            return
        }
        let joined = script.command.joined(separator: " ")
        if script.command.count == 1 && (joined.contains("/dev/tcp/") || joined.contains("/dev/udp/")) {
            warn(end, "vrrp_script \(script.name): '\(joined)' is not an executable file, so keepalived runs it with /bin/sh -c",
                 consequence: "/bin/sh is dash on Debian, which has no /dev/tcp or /dev/udp: the check fails every time, even with the service up")
        }
    }

    // MARK: vrrp_instance

    private mutating func instance(_ line: ConfigLine, level: Int) {
        guard let i = configuration.instances.indices.last else { return }
        let name = configuration.instances[i].name
        let k = line.keyword
        switch k {
        case "state":
            guard let v = parameter(line) else { return }
            switch v {
            case "MASTER": configuration.instances[i].state = .master
            case "BACKUP": configuration.instances[i].state = .backup
            default:
                configuration.instances[i].state = .backup
                warn(line, "(\(name)) unknown state '\(v)', defaulting to BACKUP",
                     fix: v.uppercased() == "MASTER" ? "state MASTER" : "state BACKUP",
                     consequence: "the instance starts as BACKUP (keepalived knows only MASTER and BACKUP)")
            }
        case "interface":
            configuration.instances[i].interface = parameter(line)
        case "virtual_router_id":
            if let v = number(line, in: 1...255) { configuration.instances[i].vrid = v }
        case "priority":
            priorityGiven = true
            if let v = number(line, in: 1...255) {
                configuration.instances[i].priority = v
            } else if line.words.count > 1 {
                warn(line, "(\(name)) Priority not valid! must be between 1 & 255. Using default 100",
                     consequence: "the instance runs with priority 100")
                configuration.instances[i].priority = 100
            }
        case "advert_int":
            if let v = decimal(line, in: 0.01...255) {
                configuration.instances[i].advertIntervalCentiseconds = Int((v * 100).rounded())
            }
        case "authentication":
            processStream(.authentication, level: level + 1, needBrace: needsBrace(line))
        case "virtual_ipaddress", "virtual_ipaddress_excluded":
            let entries = valueBlock(line).compactMap { address($0) }
            if k == "virtual_ipaddress" {
                configuration.instances[i].virtualAddresses += entries
            } else {
                configuration.instances[i].virtualAddressesExcluded += entries
            }
        case "track_script":
            for entry in valueBlock(line) {
                pendingTracks.append((i, entry.keyword, weightOption(entry), entry))
            }
        case "track_interface":
            for entry in valueBlock(line) {
                configuration.instances[i].trackInterfaces.append(TrackEntry(name: entry.keyword, weight: weightOption(entry) ?? 0))
            }
        case "unicast_peer":
            for entry in valueBlock(line) {
                if IPAddress(entry.keyword) != nil {
                    configuration.instances[i].unicastPeers.append(entry.keyword)
                } else {
                    warn(entry, "(\(name)) invalid unicast peer '\(entry.keyword)' - ignoring")
                }
            }
        case "unicast_src_ip":
            configuration.instances[i].unicastSource = parameter(line)
        case "nopreempt":
            configuration.instances[i].preempt = false
        case "preempt":
            configuration.instances[i].preempt = true
        case "preempt_delay":
            if let v = decimal(line, in: 0...1000) { configuration.instances[i].preemptDelaySeconds = v }
        case "garp_master_delay":
            if let v = number(line, in: 0...Int(Int32.max)) { configuration.instances[i].garpMasterDelay = v }
        case "garp_master_repeat":
            if let v = number(line, in: 0...Int(Int32.max)) { configuration.instances[i].garpMasterRepeat = v }
        case "garp_master_refresh":
            if let v = number(line, in: 0...Int(Int32.max)) { configuration.instances[i].garpMasterRefresh = v }
        case "notify_master": configuration.instances[i].notifyMaster = command(line)
        case "notify_backup": configuration.instances[i].notifyBackup = command(line)
        case "notify_fault": configuration.instances[i].notifyFault = command(line)
        case "notify_stop": configuration.instances[i].notifyStop = command(line)
        case "notify": configuration.instances[i].notify = command(line)
        case "version":
            if let v = number(line, in: 2...3) { configuration.instances[i].version = v }
        case "accept":
            configuration.instances[i].accept = true
        case "no_accept":
            configuration.instances[i].accept = false
        case "use_vmac":
            configuration.instances[i].useVirtualMAC = true
        case "lower_prio_no_advert":
            configuration.instances[i].lowerPriorityAnswer = line.words.count > 1 && ["false", "off", "no"].contains(line.words[1].text)
        case _ where KeywordTables.instanceIgnored.contains(k):
            break
        case _ where KeywordTables.instanceRefused.contains(k):
            refuse(line, "'\(k)' changes keepalived's behaviour in a way vrrpdump does not reproduce")
            skipBlock(line)
        default:
            unknown(line, known: KeywordTables.instanceKnown + ["authentication"])
        }
    }

    private mutating func authentication(_ line: ConfigLine) {
        guard let i = configuration.instances.indices.last else { return }
        switch line.keyword {
        case "auth_type":
            guard let v = parameter(line) else { return }
            switch v {
            case "PASS": pendingAuthType = "PASS"
            case "AH": refuse(line, "'auth_type AH' (IPsec AH authentication) is not supported by vrrpdump")
            default:
                warn(line, "unknown authentication type '\(v)'", fix: "auth_type PASS",
                     consequence: "\(configuration.instances[i].name) advertises with no authentication")
            }
        case "auth_pass":
            guard var v = parameter(line) else { return }
            if v.utf8.count > 8 {
                warn(line, "Truncating auth_pass to 8 characters",
                     consequence: "the password sent is '\(String(decoding: v.utf8.prefix(8), as: UTF8.self))'")
                v = String(decoding: v.utf8.prefix(8), as: UTF8.self)
            }
            pendingPassword = v
        default:
            unknown(line, known: KeywordTables.authenticationKnown)
        }
    }

    private var pendingAuthType: String?
    /// keepalived gives an instance without `priority` 255 when it starts as MASTER, else 100.
    private var priorityGiven = false
    private var pendingPassword: String?

    private mutating func closeInstance() {
        guard let i = configuration.instances.indices.last else { return }
        let instance = configuration.instances[i]
        if pendingAuthType == "PASS" {
            configuration.instances[i].authentication = .password(pendingPassword ?? "")
        }
        pendingAuthType = nil
        pendingPassword = nil
        if !priorityGiven && instance.state == .master {
            configuration.instances[i].priority = 255
            diagnostics.append(Diagnostic(.warning, at: instance.location, "(\(instance.name)) has no priority and starts as MASTER",
                consequence: "keepalived gives it priority 255: it owns the addresses, always wins and tracking never changes it"))
        }
        priorityGiven = false
        if instance.virtualAddresses.isEmpty {
            diagnostics.append(Diagnostic(.warning, at: instance.location, "(\(instance.name)) No VIP specified; at least one is sensible",
                                          consequence: "as master it adds no address: only its adverts say it is master"))
        }
        if instance.vrid == nil {
            diagnostics.append(Diagnostic(.error, at: instance.location, "(\(instance.name)) has no valid virtual_router_id",
                                          consequence: "keepalived does not run this instance"))
        }
        if instance.interface == nil {
            diagnostics.append(Diagnostic(.error, at: instance.location, "(\(instance.name)) has no interface",
                                          consequence: "vrrpdump does not guess keepalived's default interface"))
        }
    }

    // MARK: vrrp_sync_group

    private mutating func syncGroup(_ line: ConfigLine) {
        guard let g = configuration.syncGroups.indices.last else { return }
        let k = line.keyword
        switch k {
        case "group":
            for entry in valueBlock(line) { pendingSyncMembers.append((g, entry.keyword, entry)) }
        case "notify_master": configuration.syncGroups[g].notifyMaster = command(line)
        case "notify_backup": configuration.syncGroups[g].notifyBackup = command(line)
        case "notify_fault": configuration.syncGroups[g].notifyFault = command(line)
        case "notify": configuration.syncGroups[g].notify = command(line)
        case "notify_stop", "smtp_alert": break
        case _ where KeywordTables.syncGroupRefused.contains(k):
            refuse(line, "'\(k)' in a vrrp_sync_group is not supported by vrrpdump")
            skipBlock(line)
        default:
            unknown(line, known: KeywordTables.syncGroupKnown)
        }
    }

    // MARK: resolution after the whole file, as keepalived does it

    private mutating func resolveTracks() {
        for track in pendingTracks {
            let name = configuration.instances[track.instance].name
            if let script = configuration.scripts.first(where: { $0.name == track.name }) {
                configuration.instances[track.instance].trackScripts.append(
                    TrackEntry(name: track.name, weight: track.weight ?? script.weight))
            } else {
                let why = removedScripts.contains(track.name)
                    ? "vrrp_script \(track.name) was removed (it has no script), so this entry does nothing: that check can never change \(name)'s priority"
                    : "no vrrp_script is called \(track.name), so this entry does nothing"
                warn(track.line, "(\(name)) track script \(track.name) not found, ignoring...", consequence: why)
            }
        }
    }

    private mutating func resolveSyncGroups() {
        for member in pendingSyncMembers {
            if configuration.instances.contains(where: { $0.name == member.name }) {
                configuration.syncGroups[member.group].members.append(member.name)
            } else {
                warn(member.line, "Virtual router \(member.name) specified in sync group \(configuration.syncGroups[member.group].name) doesn't exist - ignoring")
            }
        }
    }

    // MARK: helpers

    private mutating func warn(_ line: ConfigLine, _ message: String, fix: String? = nil, consequence: String? = nil) {
        diagnostics.append(Diagnostic(.warning, at: line.location(), message, fix: fix, consequence: consequence))
    }

    private mutating func refuse(_ line: ConfigLine, _ message: String) {
        diagnostics.append(Diagnostic(.error, at: line.location(), message,
                                      consequence: "vrrpdump cannot run this file as keepalived would"))
    }

    private mutating func unknown(_ line: ConfigLine, known: [String]) {
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
    private mutating func parameter(_ line: ConfigLine) -> String? {
        guard line.words.count > 1, line.words[1].text != "{" else {
            diagnostics.append(Diagnostic(.error, at: line.location(),
                "Configuration line starting `\(line.keyword)` is missing a parameter",
                consequence: "keepalived refuses to start with this file"))
            return nil
        }
        return line.words[1].text
    }

    /// keepalived's `read_unsigned`/`read_int`: the whole word must be a number in range.
    private mutating func number(_ line: ConfigLine, in range: ClosedRange<Int>) -> Int? {
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

    private mutating func decimal(_ line: ConfigLine, in range: ClosedRange<Double>) -> Double? {
        guard let text = parameter(line) else { return nil }
        guard let v = Double(text), range.contains(v) else {
            warn(line, "invalid number '\(text)'", consequence: "\(line.keyword) keeps its default")
            return nil
        }
        return v
    }

    private func weightOption(_ entry: ConfigLine) -> Int? {
        guard let at = entry.words.firstIndex(where: { $0.text == "weight" }), at + 1 < entry.words.count else { return nil }
        return Int(entry.words[at + 1].text)
    }

    private func command(_ line: ConfigLine) -> String? {
        let words = line.quotedWords.dropFirst()
        return words.isEmpty ? nil : words.joined(separator: " ")
    }

    private mutating func address(_ entry: ConfigLine) -> VirtualAddressEntry? {
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
        if let at = entry.words.firstIndex(where: { $0.text == "dev" }), at + 1 < entry.words.count {
            result.device = entry.words[at + 1].text
        }
        return result
    }

    /// keepalived's `alloc_value_block`: one entry per line up to the `}`.
    private mutating func valueBlock(_ line: ConfigLine) -> [ConfigLine] {
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
    private mutating func skipBlock(_ line: ConfigLine) {
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
