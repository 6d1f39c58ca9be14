import Codec

/// keepalived 2.2.7's `process_stream` over the lexed lines, with its keyword handlers for the
/// blocks vrrpdump runs: the same degradations (unknown keyword ignored, bad value → default,
/// `vrrp_script` without `script` removed, track entry naming a missing script ignored, ...), each
/// reported with what keepalived will do about it.
public struct ConfigReader {
    var lines: [ConfigLine]
    var index = 0
    var configuration = KeepalivedConfiguration()
    var diagnostics: [Diagnostic] = []
    /// Scripts as declared, surviving or not, to explain track entries that name a removed one.
    var removedScripts: Set<String> = []
    /// Where each vrrp_script opened, for "is not used".
    var scriptLines: [String: ConfigLine] = [:]
    var pendingTracks: [(instance: Int, name: String, weight: Int?, line: ConfigLine)] = []
    var pendingSyncMembers: [(group: Int, name: String, line: ConfigLine)] = []
    /// `track_interface` entries with a weight, which a sync group member does not honour.
    var weightedInterfaces: [(instance: Int, name: String, line: ConfigLine)] = []
    /// The current instance's `authentication` block, applied when the instance closes (`auth_pass`
    /// alone does not enable authentication).
    var pendingAuthType: String?
    var pendingPassword: String?
    /// keepalived gives an instance without `priority` 255 when it starts as MASTER, else 100.
    var priorityGiven = false

    /// Reads `path` and its includes. The result is what keepalived would run, plus every diagnostic.
    public static func read(_ path: String, files: any ConfigFiles) -> (KeepalivedConfiguration, [Diagnostic]) {
        var lexer = ConfigLexer(files: files)
        lexer.read(path)
        var reader = ConfigReader(lines: lexer.lines)
        reader.diagnostics = lexer.diagnostics
        reader.run()
        let none = SourceLocation(file: "", line: 0, column: 0)
        return (reader.configuration, reader.diagnostics.sorted { ($0.location ?? none) < ($1.location ?? none) })
    }

    init(lines: [ConfigLine]) { self.lines = lines }

    enum Context { case top, global, script, instance, authentication, syncGroup }

    mutating func run() {
        processStream(.top, level: 0, needBrace: false)
        resolveSyncGroups()
        resolveTracks()
        removeUnusedScripts()
    }

    // MARK: the block walker

    mutating func processStream(_ context: Context, level: Int, needBrace: Bool) {
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
    func needsBrace(_ line: ConfigLine) -> Bool { line.words.last?.text != "{" }

    mutating func dispatch(_ context: Context, _ line: ConfigLine, level: Int) {
        switch context {
        case .top: top(line, level: level)
        case .global: global(line)
        case .script: script(line)
        case .instance: instance(line, level: level)
        case .authentication: authentication(line)
        case .syncGroup: syncGroup(line)
        }
    }

    mutating func top(_ line: ConfigLine, level: Int) {
        switch line.keyword {
        case "global_defs":
            processStream(.global, level: level + 1, needBrace: needsBrace(line))
        case "vrrp_script":
            guard let name = parameter(line) else { return skipBlock(line) }
            configuration.scripts.append(VRRPScript(name: name))
            scriptLines[name] = line
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

    // MARK: resolution after the whole file, as keepalived does it

    mutating func resolveTracks() {
        for track in pendingTracks {
            let name = configuration.instances[track.instance].name
            if let script = configuration.scripts.first(where: { $0.name == track.name }) {
                let weight = track.weight ?? script.weight
                // keepalived 2.2.7 (without sync_group_tracking_weight, which vrrpdump refuses): a sync
                // group member ignores a script with a weight; seen in the lab, `sync-group-wait`.
                if weight != 0, isSyncGroupMember(name) {
                    warn(track.line, "(\(name)) ignoring tracked script \(track.name) with weights due to SYNC group",
                         consequence: "\(name) is in a vrrp_sync_group, so \(track.name) never changes its priority (only weight 0 works there)")
                    continue
                }
                configuration.instances[track.instance].trackScripts.append(TrackEntry(name: track.name, weight: weight))
            } else {
                let why = removedScripts.contains(track.name)
                    ? "vrrp_script \(track.name) was removed (it has no script), so this entry does nothing: that check can never change \(name)'s priority"
                    : "no vrrp_script is called \(track.name), so this entry does nothing"
                warn(track.line, "(\(name)) track script \(track.name) not found, ignoring...", consequence: why)
            }
        }
    }

    /// keepalived 2.2.7 removes a vrrp_script no instance tracks ("Warning - script X is not used"; its
    /// configuration dump no longer lists it).
    mutating func removeUnusedScripts() {
        let tracked = Set(configuration.instances.flatMap { $0.trackScripts.map(\.name) })
        for script in configuration.scripts where !tracked.contains(script.name) {
            guard let line = scriptLines[script.name] else { continue }
            warn(line, "Warning - script \(script.name) is not used", consequence: "keepalived removes it: it never runs")
        }
        configuration.scripts.removeAll { !tracked.contains($0.name) }
    }

    /// Whether a vrrp_sync_group resolved so far lists the instance.
    func isSyncGroupMember(_ instance: String) -> Bool {
        configuration.syncGroups.contains { $0.members.contains(instance) }
    }

    mutating func resolveSyncGroups() {
        for member in pendingSyncMembers {
            if let i = configuration.instances.firstIndex(where: { $0.name == member.name }) {
                configuration.syncGroups[member.group].members.append(member.name)
                // keepalived 2.2.7's dump shows every sync group member wanting BACKUP, `state MASTER` or not
                // (its priority 255 for no priority stays): `kadump.py`, comparison case p-sync-group-weights.
                configuration.instances[i].state = .backup
            } else {
                warn(member.line, "Virtual router \(member.name) specified in sync group \(configuration.syncGroups[member.group].name) doesn't exist - ignoring")
            }
        }
        // keepalived 2.2.7's dump: a member still tracks the interface, with weight 0 (Fault while down).
        for entry in weightedInterfaces {
            let name = configuration.instances[entry.instance].name
            guard isSyncGroupMember(name),
                  let t = configuration.instances[entry.instance].trackInterfaces.firstIndex(where: { $0.name == entry.name }) else { continue }
            configuration.instances[entry.instance].trackInterfaces[t].weight = 0
            warn(entry.line, "(\(name)) ignoring \(entry.name) tracked interface weight due to SYNC group",
                 consequence: "\(name) is in a vrrp_sync_group, so \(entry.name) going down puts it in FAULT instead of changing its priority")
        }
    }

}
