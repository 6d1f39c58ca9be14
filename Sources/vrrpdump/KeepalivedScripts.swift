import EngineHost
import KeepalivedConfig

/// The vrrp_scripts an instance tracks, run as keepalived 2.2.7 runs them on this host: directly when
/// the first word is an executable file (else `/bin/sh -c`), every `interval`, killed after `timeout`
/// (unset: the interval), as `user` / `script_user` / `keepalived_script` when that user exists (else
/// root, with keepalived's warning), rise/fall debounced, and with `enable_script_security` a script
/// whose path a non-root user could change is not run. Each finding is a line for standard error;
/// an error (a named user that does not exist) refuses the run. Notify scripts run the same way, as
/// `script_user`.
struct KeepalivedScripts {
    private(set) var lines: [String] = []
    private(set) var failed = false

    mutating func checks(for instance: VRRPInstance, in configuration: KeepalivedConfiguration) -> [CheckCommand] {
        let global = configuration.global
        var checks: [CheckCommand] = []
        for entry in instance.trackScripts {
            guard let script = configuration.scripts.first(where: { $0.name == entry.name }) else { continue }
            let label = "(\(instance.name)) vrrp_script \(script.name)"
            guard let user = user(own: script.user, global: global, label: label) else { continue }
            let program = CheckProgram.keepalived(script.command)
            switch program {
            case .exec(let path, _):
                if let unsafe = ScriptSecurity.unsafeComponent(of: path) {
                    if global.enableScriptSecurity {
                        lines.append("warning: \(label): unsafe permissions found for script '\(path)' (\(unsafe)) - disabling, as keepalived does: the entry does nothing")
                        continue
                    }
                    lines.append("warning: \(label): unsafe permissions found for script '\(path)' (\(unsafe)); keepalived runs it anyway without enable_script_security (SECURITY VIOLATION)")
                }
            case .shell(let line):
                lines.append("note: \(label): '\(line)' is not an executable file, so /bin/sh -c runs it, as keepalived does")
            }
            let second = Int64(1_000_000_000)
            let interval = Int64(script.intervalSeconds) * second
            let timeout = script.timeoutSeconds > 0 ? Int64(script.timeoutSeconds) * second : interval
            lines.append("note: \(label): runs '\(program)' every \(script.intervalSeconds) s as \(user), weight \(entry.weight), rise \(script.rise), fall \(script.fall)")
            checks.append(CheckCommand(name: script.name, program: program, interval: interval, timeout: timeout, weight: entry.weight,
                                       riseFall: RiseFall(rise: script.rise, fall: script.fall), user: user))
        }
        return checks
    }

    /// The instance's notify scripts (nil without any), run as `script_user`, else keepalived_script, else root.
    mutating func notifier(for instance: VRRPInstance, global: GlobalDefinitions) -> Notifier? {
        func program(_ words: [String]?) -> CheckProgram? { words.map { CheckProgram.keepalived($0) } }
        let scripts = Notifier.Scripts(master: program(instance.notifyMaster), backup: program(instance.notifyBackup),
                                       fault: program(instance.notifyFault), stop: program(instance.notifyStop),
                                       notify: program(instance.notify))
        guard !scripts.isEmpty else { return nil }
        let label = "(\(instance.name)) notify scripts"
        guard let user = user(own: nil, global: global, label: label) else { return nil }
        lines.append("note: \(label): run as \(user)")
        return Notifier(instance: instance.name, scripts: scripts, user: user)
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
