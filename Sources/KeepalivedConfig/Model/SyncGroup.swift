/// A `vrrp_sync_group`: instances that change state together.
public struct SyncGroup: Sendable, Hashable {
    public var name: String
    public var members: [String] = []
    public var notifyMaster: [String]?
    public var notifyBackup: [String]?
    public var notifyFault: [String]?
    public var notifyStop: [String]?
    public var notify: [String]?
}
