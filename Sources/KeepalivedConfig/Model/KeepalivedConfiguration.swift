/// What keepalived 2.2.7 makes of a configuration: the values it will run with, after its defaults
/// and its degradations (unknown keywords dropped, invalid values replaced by defaults).
public struct KeepalivedConfiguration: Sendable, Hashable {
    public var global = GlobalDefinitions()
    /// Only scripts that survive keepalived's checks (a `vrrp_script` without `script` is removed).
    public var scripts: [VRRPScript] = []
    public var instances: [VRRPInstance] = []
    public var syncGroups: [SyncGroup] = []

    public init() {}
}
