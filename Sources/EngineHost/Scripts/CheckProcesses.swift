#if canImport(Glibc)
import Glibc
#endif

/// Where a check's runs are started and watched: child processes (`ChildProcesses`), or a test's fake.
public protocol CheckProcesses: AnyObject {
    /// Starts a run of `program` as `user`; nil when it could not be started.
    func start(_ program: CheckProgram, user: ScriptUser?) -> pid_t?
    /// Whether the run succeeded (exit status 0) once it ended; nil while it still runs.
    func result(of run: pid_t) -> Bool?
    /// Kills the run (its whole process group) and reaps it.
    func kill(_ run: pid_t)
}

/// Each run a child process in its own process group (`ScriptProcess`), reaped without blocking.
public final class ChildProcesses: CheckProcesses {
    public init() {}

    public func start(_ program: CheckProgram, user: ScriptUser?) -> pid_t? {
        ScriptProcess.spawn(program, user: user)
    }

    public func result(of run: pid_t) -> Bool? {
        var status: Int32 = 0
        guard waitpid(run, &status, WNOHANG) == run else { return nil }
        return status & 0x7F == 0 && (status >> 8) & 0xFF == 0
    }

    public func kill(_ run: pid_t) {
        Glibc.kill(-run, SIGKILL)
        var status: Int32 = 0
        waitpid(run, &status, 0)
    }
}
