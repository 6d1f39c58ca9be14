/// `global_defs` as far as it changes VRRP behaviour.
public struct GlobalDefinitions: Sendable, Hashable {
    public var routerID: String?
    /// `vrrp_version`: the default for instances without `version`.
    public var vrrpVersion = 2
    public var scriptUser: String?
    public var enableScriptSecurity = false
    public var garpMasterDelay = 5
    public var garpMasterRepeat = 5
    public var garpMasterRefresh = 0

    public init() {}
}
