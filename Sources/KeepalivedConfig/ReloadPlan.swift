/// What a reload (SIGHUP) does to the running instances, as keepalived does it: an instance whose
/// settings did not change keeps running (a master stays master); a changed one is stopped (priority 0)
/// and started again; a removed one stops; an added one starts. An instance counts as changed when its
/// block, a vrrp_script it tracks, its sync group or `global_defs` changed; where it stands in the file
/// does not count.
public struct ReloadPlan: Sendable, Hashable {
    public var kept: [String] = []
    public var restarted: [String] = []
    public var stopped: [String] = []
    public var started: [String] = []

    public init(kept: [String] = [], restarted: [String] = [], stopped: [String] = [], started: [String] = []) {
        self.kept = kept
        self.restarted = restarted
        self.stopped = stopped
        self.started = started
    }

    /// The plan from the instances running (`old`, those named in `running`) to `new`'s instances named
    /// in `wanted` (all of them when nil).
    public init(from old: KeepalivedConfiguration, running: [String], to new: KeepalivedConfiguration, wanted: String?) {
        let next = new.instances.filter { wanted == nil || $0.name == wanted }.map(\.name)
        for name in running {
            guard next.contains(name) else {
                stopped.append(name)
                continue
            }
            if Self.settings(of: name, in: old) == Self.settings(of: name, in: new) { kept.append(name) } else { restarted.append(name) }
        }
        started = next.filter { !running.contains($0) }
    }

    /// Everything that decides how an instance runs, without source locations.
    private struct Settings: Hashable {
        var instance: VRRPInstance?
        var scripts: [VRRPScript]
        var groups: [SyncGroup]
        var global: GlobalDefinitions
    }

    private static func settings(of name: String, in configuration: KeepalivedConfiguration) -> Settings {
        var instance = configuration.instances.first { $0.name == name }
        instance?.location = SourceLocation(file: "", line: 0, column: 0)
        let tracked = Set(instance?.trackScripts.map(\.name) ?? [])
        return Settings(instance: instance, scripts: configuration.scripts.filter { tracked.contains($0.name) },
                        groups: configuration.syncGroups.filter { $0.members.contains(name) }, global: configuration.global)
    }
}
