#if canImport(Glibc)
import Glibc
#endif

/// A health check as keepalived's vrrp_script: `/bin/sh -c COMMAND` every `interval`, in its own process
/// group (so a timeout kills the shell and everything it started), killed after `timeout`. Exit 0 is
/// success. The runtime polls it from its loop, so a slow check never delays a timer.
public final class CheckCommand {
    public let command: String
    public let interval: Int64
    public let timeout: Int64
    /// keepalived's `weight`: negative is subtracted from the priority while failing, positive added
    /// while succeeding, 0 puts the router in Fault while failing.
    public let weight: Int

    private var running: (pid: pid_t, started: Int64)?
    private var nextRun: Int64 = 0
    /// nil until the first run finished.
    public private(set) var succeeded: Bool?

    public init(command: String, interval: Int64, timeout: Int64, weight: Int) {
        self.command = command
        self.interval = interval
        self.timeout = timeout
        self.weight = weight
    }

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
                return record(status & 0x7F == 0 && (status >> 8) & 0xFF == 0)
            }
            if now - started >= timeout {
                kill(-pid, SIGKILL)
                waitpid(pid, &status, 0)
                running = nil
                return record(false)
            }
            return nil
        }
        guard now >= nextRun else { return nil }
        nextRun = now + interval
        guard let pid = spawn() else { return record(false) }
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

    private func record(_ success: Bool) -> Bool? {
        defer { succeeded = success }
        return succeeded == success ? nil : success
    }

    private func spawn() -> pid_t? {
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK))
        posix_spawnattr_setpgroup(&attributes, 0)
        var empty = sigset_t()
        sigemptyset(&empty)
        posix_spawnattr_setsigmask(&attributes, &empty)
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        var pid: pid_t = 0
        let arguments = ["/bin/sh", "-c", command]
        var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        let result = posix_spawn(&pid, "/bin/sh", &actions, &attributes, &argv, environ)
        return result == 0 ? pid : nil
    }
}
