/// The files of several routers meant to form one virtual router, checked against each other the way
/// keepalived 2.2.7 will meet them on the wire: instances pair up by virtual router ID.
public struct PairCheck {
    /// One router: the file it was read from and what keepalived makes of it.
    public struct Router {
        public let file: String
        public let configuration: KeepalivedConfiguration

        public init(file: String, configuration: KeepalivedConfiguration) {
            self.file = file
            self.configuration = configuration
        }
    }

    /// One instance of one router.
    struct Member {
        let file: String
        let instance: VRRPInstance
        let scripts: [VRRPScript]

        var label: String { "\(file) \(instance.name)" }
    }

    public private(set) var diagnostics: [Diagnostic] = []
    /// Plain-language predictions, one line each ("VRID 51: master ... priority 100; backup ...").
    public private(set) var verdicts: [String] = []

    public init(_ routers: [Router]) {
        var groups: [Int: [Member]] = [:]
        for router in routers {
            for instance in router.configuration.instances {
                guard let vrid = instance.vrid else { continue }
                groups[vrid, default: []].append(Member(file: router.file, instance: instance, scripts: router.configuration.scripts))
            }
        }
        checkNames(routers)
        for vrid in groups.keys.sorted() {
            guard let members = groups[vrid], Set(members.map(\.file)).count > 1 else { continue }
            check(vrid: vrid, members)
        }
    }

    /// Same instance name, different VRID: almost always a typo, and they never meet.
    private mutating func checkNames(_ routers: [Router]) {
        var seen: [String: (String, Int)] = [:]
        for router in routers {
            for instance in router.configuration.instances {
                guard let vrid = instance.vrid else { continue }
                if let (file, other) = seen[instance.name], other != vrid, file != router.file {
                    diagnostics.append(Diagnostic(.error, at: instance.location,
                        "\(instance.name) has virtual_router_id \(vrid) here but \(other) in \(file)",
                        consequence: "they are different virtual routers: each becomes master of its own"))
                }
                seen[instance.name] = (router.file, vrid)
            }
        }
    }

    private mutating func check(vrid: Int, _ members: [Member]) {
        let first = members[0]
        var splitBrain: [String] = []
        for other in members.dropFirst() {
            let a = first.instance, b = other.instance
            let at = b.location
            if a.version != b.version {
                splitBrain.append("versions differ (\(a.version) and \(b.version))")
                diagnostics.append(Diagnostic(.error, at: at, "VRID \(vrid): \(first.label) speaks VRRPv\(a.version), \(other.label) VRRPv\(b.version)",
                    consequence: "each drops the other's adverts, so both become master (split brain)"))
            }
            if a.authentication != b.authentication {
                splitBrain.append("authentication differs (\(a.authentication) and \(b.authentication))")
                diagnostics.append(Diagnostic(.error, at: at,
                    "VRID \(vrid): authentication differs: \(first.label) uses \(a.authentication), \(other.label) \(b.authentication)",
                    consequence: "keepalived drops adverts whose authentication does not match its own, so both become master (split brain)"))
            }
            if a.advertIntervalCentiseconds != b.advertIntervalCentiseconds {
                let text = "VRID \(vrid): advert_int differs: \(Self.seconds(a.advertIntervalCentiseconds)) in \(first.label), \(Self.seconds(b.advertIntervalCentiseconds)) in \(other.label)"
                if a.version == 2 && b.version == 2 {
                    splitBrain.append("advert_int differs")
                    diagnostics.append(Diagnostic(.error, at: at, text,
                        consequence: "keepalived drops VRRPv2 adverts with another interval, so both become master (split brain)"))
                } else {
                    diagnostics.append(Diagnostic(.warning, at: at, text,
                        consequence: "a VRRPv3 backup adopts the master's interval; the timers differ until it does"))
                }
            }
            let va = a.virtualAddresses.map(\.text).sorted(), vb = b.virtualAddresses.map(\.text).sorted()
            if va != vb {
                splitBrain.append("virtual addresses differ")
                diagnostics.append(Diagnostic(.error, at: at,
                    "VRID \(vrid): virtual addresses differ: \(first.label) has \(va.joined(separator: ", ")), \(other.label) has \(vb.joined(separator: ", "))",
                    consequence: "keepalived drops adverts whose address list does not match its own, so both become master and each holds its own address (split brain)"))
            }
        }
        if !splitBrain.isEmpty {
            verdicts.append("VRID \(vrid): split brain: every router will be master (\(splitBrain.joined(separator: "; ")))")
            return
        }
        predictMaster(vrid: vrid, members)
    }

    private mutating func predictMaster(vrid: Int, _ members: [Member]) {
        let ranked = members.sorted { $0.instance.priority > $1.instance.priority }
        let priorities = ranked.map(\.instance.priority)
        if Set(priorities).count != priorities.count {
            diagnostics.append(Diagnostic(.warning, at: ranked[1].instance.location,
                "VRID \(vrid): equal priorities (\(priorities.map(String.init).joined(separator: ", ")))",
                consequence: "the master is whichever has the higher primary IP address, not something the files decide"))
        }
        let master = ranked[0]
        var line = "VRID \(vrid): master \(master.label) priority \(master.instance.priority)"
        for backup in ranked.dropFirst() { line += "; backup \(backup.label) priority \(backup.instance.priority)" }
        verdicts.append(line)
        guard ranked.count > 1 else { return }
        let runnerUp = ranked[1].instance.priority
        var anyTrack = false
        for member in ranked {
            for track in member.instance.trackScripts {
                anyTrack = true
                verdicts.append("VRID \(vrid): " + Self.effect(of: track, on: member, isMaster: member.label == master.label,
                                                              master: master.instance.priority, runnerUp: runnerUp))
            }
        }
        if !anyTrack {
            verdicts.append("VRID \(vrid): no track_script is in effect: only a dead router or keepalived stopping moves the master")
        }
    }

    /// Whether one check can move the master, with keepalived's arithmetic (clamped 1...254; 255 never moves).
    static func effect(of track: TrackEntry, on member: Member, isMaster: Bool, master: Int, runnerUp: Int) -> String {
        let p = member.instance.priority
        let name = "\(member.label) check \(track.name) (weight \(track.weight))"
        if p == 255 { return "\(name): priority 255 is never changed by tracking: it cannot move the master" }
        if track.weight == 0 { return "\(name): failing puts \(member.instance.name) in FAULT" + (isMaster ? ", which moves the master" : "") }
        let changed = min(254, max(1, p + track.weight))
        if isMaster && track.weight < 0 {
            return changed < runnerUp ? "\(name): failing drops the master to \(changed) < \(runnerUp): moves the master"
                                      : "\(name): failing drops the master to \(changed), not below \(runnerUp): does not move the master"
        }
        if !isMaster && track.weight > 0 {
            return changed > master ? "\(name): succeeding raises it to \(changed) > \(master): takes over as master"
                                    : "\(name): succeeding raises it to \(changed), not above \(master): does not move the master"
        }
        return isMaster ? "\(name): succeeding raises the master to \(changed): keeps it master"
                        : "\(name): failing lowers a backup to \(changed): does not move the master"
    }

    /// `1 s`, `0.5 s`.
    public static func seconds(_ centiseconds: Int) -> String {
        centiseconds % 100 == 0 ? "\(centiseconds / 100) s" : "\(Double(centiseconds) / 100) s"
    }
}
