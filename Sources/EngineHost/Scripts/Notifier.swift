import Engine

/// keepalived's notify scripts of one instance or one `vrrp_sync_group`: on entering a state its own
/// script (`notify_master`, `notify_backup`, `notify_fault`, `notify_stop`) with no arguments, then
/// `notify` with keepalived's appended arguments `INSTANCE NAME STATE PRIORITY`, or for a group
/// `GROUP NAME STATE 0` (keepalived 2.2.7 appends priority 0 for a group: seen in the lab,
/// `sync-group-wait`). Started and never waited for, so a slow script never delays a timer.
public final class Notifier {
    public struct Scripts: Sendable, Hashable {
        public var master: CheckProgram?
        public var backup: CheckProgram?
        public var fault: CheckProgram?
        public var stop: CheckProgram?
        public var notify: CheckProgram?

        public init(master: CheckProgram? = nil, backup: CheckProgram? = nil, fault: CheckProgram? = nil,
                    stop: CheckProgram? = nil, notify: CheckProgram? = nil) {
            self.master = master
            self.backup = backup
            self.fault = fault
            self.stop = stop
            self.notify = notify
        }

        public var isEmpty: Bool { [master, backup, fault, stop, notify].allSatisfy { $0 == nil } }
    }

    /// keepalived's first `notify` argument: `INSTANCE` or `GROUP`.
    public let type: String
    public let name: String
    public let scripts: Scripts
    public let user: ScriptUser?
    private let launcher: any ScriptLauncher

    public convenience init(instance: String, scripts: Scripts, user: ScriptUser?, launcher: any ScriptLauncher = ProcessLauncher()) {
        self.init(type: "INSTANCE", name: instance, scripts: scripts, user: user, launcher: launcher)
    }

    public convenience init(group: String, scripts: Scripts, user: ScriptUser?, launcher: any ScriptLauncher = ProcessLauncher()) {
        self.init(type: "GROUP", name: group, scripts: scripts, user: user, launcher: launcher)
    }

    private init(type: String, name: String, scripts: Scripts, user: ScriptUser?, launcher: any ScriptLauncher) {
        self.type = type
        self.name = name
        self.scripts = scripts
        self.user = user
        self.launcher = launcher
    }

    /// Runs the scripts for entering `state` (Initialize is keepalived's STOP).
    public func entered(_ state: RouterState, priority: UInt8) {
        let (own, word): (CheckProgram?, String) = switch state {
        case .master: (scripts.master, "MASTER")
        case .backup: (scripts.backup, "BACKUP")
        case .fault: (scripts.fault, "FAULT")
        case .initialize: (scripts.stop, "STOP")
        }
        if let own { launcher.launch(own, extra: [], user: user) }
        if let notify = scripts.notify {
            launcher.launch(notify, extra: [type, name, word, "\(priority)"], user: user)
        }
    }
}
