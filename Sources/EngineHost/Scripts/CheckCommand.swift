/// A health check as keepalived's vrrp_script: its program every `interval`, in its own process group
/// (so a timeout kills the shell and everything it started), killed after `timeout`, as `user` when
/// one is given. Exit 0 is success; `rise`/`fall` debounce the verdict. The host polls each check once
/// per turn of its loop, however many routers track it (`TrackedCheck`), so a slow check never delays
/// a timer and a shared one runs once per interval.
public final class CheckCommand {
    /// What makes two checks the same one: a reload keeps a check whose settings did not change.
    public struct Settings: Sendable, Hashable {
        /// How notes name it: the flag's command, or the vrrp_script's name.
        public var name: String
        public var program: CheckProgram
        public var interval: Int64
        public var timeout: Int64
        public var rise: Int
        public var fall: Int
        public var user: ScriptUser?

        public init(name: String, program: CheckProgram, interval: Int64, timeout: Int64, rise: Int = 1, fall: Int = 1,
                    user: ScriptUser? = nil) {
            self.name = name
            self.program = program
            self.interval = interval
            self.timeout = timeout
            self.rise = rise
            self.fall = fall
            self.user = user
        }
    }

    public let settings: Settings
    private let processes: any CheckProcesses
    private var running: (pid: Int32, started: Int64)?
    private var nextRun: Int64 = 0
    private var verdict: RiseFall

    /// `--check COMMAND`: `/bin/sh -c COMMAND` as the node's own user, rise and fall 1.
    public convenience init(command: String, interval: Int64, timeout: Int64) {
        self.init(Settings(name: command, program: .shell(command), interval: interval, timeout: timeout))
    }

    public init(_ settings: Settings, processes: any CheckProcesses = ChildProcesses()) {
        self.settings = settings
        self.processes = processes
        verdict = RiseFall(rise: settings.rise, fall: settings.fall)
    }

    public var command: String { settings.name }

    /// nil until the first run decided.
    public var succeeded: Bool? { verdict.verdict }

    /// When the loop must look at the check again.
    public var deadline: Int64 {
        running.map { $0.started + settings.timeout } ?? nextRun
    }

    /// Starts a due run, reaps a finished one, kills one past its timeout. Returns the new verdict when
    /// it changed.
    @discardableResult
    public func poll(now: Int64) -> Bool? {
        if let (pid, started) = running {
            if let success = processes.result(of: pid) {
                running = nil
                return verdict.record(success)
            }
            if now - started >= settings.timeout {
                processes.kill(pid)
                running = nil
                return verdict.record(false)
            }
            return nil
        }
        guard now >= nextRun else { return nil }
        nextRun = now + settings.interval
        guard let pid = processes.start(settings.program, user: settings.user) else { return verdict.record(false) }
        running = (pid, now)
        return nil
    }

    /// Kills a run in progress (when no router tracks it any more).
    public func cancel() {
        guard let (pid, _) = running else { return }
        processes.kill(pid)
        running = nil
    }
}
