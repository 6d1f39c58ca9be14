import EngineHost
import KeepalivedConfig

/// The file's `vrrp_sync_group`s over the instances running (by name), each with its own notify
/// scripts; a group with fewer than two of its members running (`--instance` picked one) has nothing to
/// keep together.
enum KeepalivedSyncGroups {
    static func runtimes(_ loaded: ParticipateConfigFile.Loaded, running: [String: NodeRuntime]) -> [SyncGroupRuntime] {
        loaded.configuration.syncGroups.compactMap { group in
            let members = group.members.compactMap { name in running[name].map { (name: name, runtime: $0) } }
            return members.count >= 2 ? SyncGroupRuntime(name: group.name, members: members, notifier: loaded.groupNotifiers[group.name]) : nil
        }
    }
}
