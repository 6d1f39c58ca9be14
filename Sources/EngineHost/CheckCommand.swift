#if canImport(Glibc)
import Glibc
#endif

/// A health check as keepalived's vrrp_script: its program every `interval`, in its own process group
/// (so a timeout kills the shell and everything it started), killed after `timeout`, as `user` when
/// one is given. Exit 0 is success; `rise`/`fall` debounce the verdict. The runtime polls it from its
/// loop, so a slow check never delays a timer.
public final class CheckCommand {
    /// How notes name it: the flag's command, or the vrrp_script's name.
    public let command: String
    public let program: CheckProgram
    public let interval: Int64
    public let timeout: Int64
    /// keepalived's `weight`: negative is subtracted from the priority while failing, positive added
    /// while succeeding, 0 puts the router in Fault while failing.
    public let weight: Int
    public let user: ScriptUser?

    private var running: (pid: pid_t, started: Int64)?
    private var nextRun: Int64 = 0
    private var verdict: RiseFall

    /// `--check COMMAND`: `/bin/sh -c COMMAND` as the node's own user, rise and fall 1.
    public convenience init(command: String, interval: Int64, timeout: Int64, weight: Int) {
        self.init(name: command, program: .shell(command), interval: interval, timeout: timeout, weight: weight)
    }

    public init(name: String, program: CheckProgram, interval: Int64, timeout: Int64, weight: Int,
                riseFall: RiseFall = RiseFall(), user: ScriptUser? = nil) {
        command = name
        self.program = program
        self.interval = interval
        self.timeout = timeout
        self.weight = weight
        verdict = riseFall
        self.user = user
    }

    /// nil until the first run decided.
    public var succeeded: Bool? { verdict.verdict }

    /// When the loop must look at the check again.
    public var deadline: Int64 {
        running.map { $0.started + timeout } ?? nextRun
    }

    /// Starts a due run, reaps a finished one, kills one past its timeout. Returns the new verdict when
    /// it changed.
    public func poll(now: Int64) -> Bool? {
        if let (pid, started) = running {
            var status: Int32 = 0
            let reaped = waitpid(pid, &status, WNOHANG)
            if reaped == pid {
                running = nil
                return verdict.record(status & 0x7F == 0 && (status >> 8) & 0xFF == 0)
            }
            if now - started >= timeout {
                kill(-pid, SIGKILL)
                waitpid(pid, &status, 0)
                running = nil
                return verdict.record(false)
            }
            return nil
        }
        guard now >= nextRun else { return nil }
        nextRun = now + interval
        guard let pid = ScriptProcess.spawn(program, user: user) else { return verdict.record(false) }
        running = (pid, now)
        return nil
    }

    /// Kills a run in progress (on stop).
    public func cancel() {
        guard let (pid, _) = running else { return }
        kill(-pid, SIGKILL)
        var status: Int32 = 0
        waitpid(pid, &status, 0)
        running = nil
    }
}
