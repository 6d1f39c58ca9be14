import EngineHost
import KeepalivedConfig

/// The vrrp_scripts an instance tracks, run as keepalived 2.2.7 runs them on this host: directly when
/// the first word is an executable file (else `/bin/sh -c`), every `interval`, killed after `timeout`
/// (unset: the interval), as `user` / `script_user` / `keepalived_script` when that user exists (else
/// root, with keepalived's warning), rise/fall debounced, and with `enable_script_security` a script
/// whose path a non-root user could change is not run. One check per vrrp_script, whatever the number
/// of instances tracking it, each with its own weight, as keepalived shares a script's result. Each
/// finding is a line for standard error; an error (a named user that does not exist) refuses the run.
/// Notify scripts run the same way, as `script_user`.
struct KeepalivedScripts {
    private(set) var lines: [String] = []
    private(set) var failed = false
    /// A notify script was set up: with the checks, what makes keepalived say SECURITY VIOLATION.
    private var notifies = false
    /// A script ran although a non-root user could change it (only without enable_script_security).
    private var insecure = false
    /// The checks made, each with the instances tracking it; on a reload first those of the run so far,
    /// so a script that did not change keeps running as it was.
    private var made: [(check: CheckCommand, instances: [String])]

    init(reusing running: [CheckCommand] = []) {
        made = running.map { ($0, []) }
    }

    /// One line per script several instances track: it runs once for all of them.
    var sharing: [String] {
        made.filter { $0.instances.count > 1 }.map { entry in
            "note: vrrp_script \(entry.check.command) runs once for \(entry.instances.joined(separator: ", ")), each with its own weight, as keepalived shares a script's result"
        }
    }

    mutating func checks(for instance: VRRPInstance, in configuration: KeepalivedConfiguration) -> [TrackedCheck] {
        let global = configuration.global
        var checks: [TrackedCheck] = []
        for entry in instance.trackScripts {
            guard let script = configuration.scripts.first(where: { $0.name == entry.name }) else { continue }
            let label = "(\(instance.name)) vrrp_script \(script.name)"
            guard let user = user(own: script.user, global: global, label: label) else { continue }
            let program = program(script.command, label: label)
            switch program {
            case .exec(let path, _):
                if let unsafe = ScriptSecurity.unsafeComponent(of: path) {
                    if global.enableScriptSecurity {
                        lines.append("warning: \(label): unsafe permissions found for script '\(path)' (\(unsafe)) - disabling, as keepalived does: the entry does nothing")
                        continue
                    }
                    lines.append("warning: \(label): unsafe permissions found for script '\(path)' (\(unsafe)); keepalived runs it anyway without enable_script_security (SECURITY VIOLATION)")
                    insecure = true
                }
            case .shell(let line):
                lines.append("note: \(label): '\(line)' is not an executable file, so /bin/sh -c runs it, as keepalived does")
            }
            let second = Int64(1_000_000_000)
            let interval = Int64(script.intervalSeconds) * second
            let timeout = script.timeoutSeconds > 0 ? Int64(script.timeoutSeconds) * second : interval
            lines.append("note: \(label): runs '\(program)' every \(script.intervalSeconds) s as \(user), weight \(entry.weight), rise \(script.rise), fall \(script.fall)")
            let settings = CheckCommand.Settings(name: script.name, program: program, interval: interval, timeout: timeout,
                                                 rise: script.rise, fall: script.fall, user: user)
            checks.append(TrackedCheck(check(settings, for: instance.name), weight: entry.weight))
        }
        return checks
    }

    /// keepalived 2.2.7's line after reading a file that runs any script without
    /// `enable_script_security` (its check_vrrp_script_security): the scripts still run.
    func securityViolation(_ global: GlobalDefinitions) -> [String] {
        guard !global.enableScriptSecurity, notifies || made.contains(where: { !$0.instances.isEmpty }) else { return [] }
        return ["warning: SECURITY VIOLATION - scripts are being executed but script_security not enabled."
                    + (insecure ? " There are insecure scripts." : "")
                    + " (keepalived's warning: the scripts run, without the path checks enable_script_security adds)"]
    }

    /// The check with these settings, made once and shared.
    private mutating func check(_ settings: CheckCommand.Settings, for instance: String) -> CheckCommand {
        guard let index = made.firstIndex(where: { $0.check.settings == settings }) else {
            let check = CheckCommand(settings)
            made.append((check, [instance]))
            return check
        }
        if !made[index].instances.contains(instance) { made[index].instances.append(instance) }
        return made[index].check
    }

    /// The instance's notify scripts (nil without any), run as `script_user`, else keepalived_script, else root.
    mutating func notifier(for instance: VRRPInstance, global: GlobalDefinitions) -> Notifier? {
        notifier([instance.notifyMaster, instance.notifyBackup, instance.notifyFault, instance.notifyStop, instance.notify],
                 label: "(\(instance.name)) notify scripts", global: global) { Notifier(instance: instance.name, scripts: $0, user: $1) }
    }

    /// A `vrrp_sync_group`'s own notify scripts (nil without any), run as an instance's are.
    mutating func notifier(for group: SyncGroup, global: GlobalDefinitions) -> Notifier? {
        notifier([group.notifyMaster, group.notifyBackup, group.notifyFault, group.notifyStop, group.notify],
                 label: "vrrp_sync_group \(group.name) notify scripts", global: global) { Notifier(group: group.name, scripts: $0, user: $1) }
    }

    /// `words`: notify_master, notify_backup, notify_fault, notify_stop and notify; who runs them is said in a note.
    private mutating func notifier(_ words: [[String]?], label: String, global: GlobalDefinitions,
                                   make: (Notifier.Scripts, ScriptUser) -> Notifier) -> Notifier? {
        let programs = words.map { $0.map { program($0, label: label) } }
        let scripts = Notifier.Scripts(master: programs[0], backup: programs[1], fault: programs[2], stop: programs[3], notify: programs[4])
        guard !scripts.isEmpty, let user = user(own: nil, global: global, label: label) else { return nil }
        lines.append("note: \(label): run as \(user)")
        notifies = true
        return make(scripts, user)
    }

    /// What keepalived runs for a script's words, with its warning when a name was looked up on PATH.
    private mutating func program(_ words: [String], label: String) -> CheckProgram {
        let program = CheckProgram.keepalived(words)
        if case .exec(let path, _) = program, let first = words.first, !first.contains("/") {
            lines.append("warning: \(label): WARNING - script `\(first)` resolved by path search to `\(path)`. Please specify full path. (keepalived's warning)")
        }
        return program
    }

    /// The script's own `user`, else `script_user`, else keepalived_script when it exists, else root (said).
    private mutating func user(own: String?, global: GlobalDefinitions, label: String) -> ScriptUser? {
        if let name = own ?? global.scriptUser {
            guard let user = ScriptUser.named(name) else {
                lines.append("error: \(label): user '\(name)' does not exist")
                failed = true
                return nil
            }
            if user.uid == 0 { lines.append("note: \(label): run as root (\(own != nil ? "its user" : "script_user") \(name))") }
            return user
        }
        if let user = ScriptUser.named("keepalived_script") { return user }
        lines.append("warning: \(label): WARNING - default user 'keepalived_script' for script execution does not exist - please create. (keepalived then runs it as root, and so does vrrpdump)")
        return ScriptUser(name: "root", uid: 0, gid: 0)
    }
}
