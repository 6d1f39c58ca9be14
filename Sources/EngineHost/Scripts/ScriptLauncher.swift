#if canImport(Glibc)
import Glibc
#endif

/// Where notify scripts are started; tests record them instead.
public protocol ScriptLauncher: AnyObject {
    func launch(_ program: CheckProgram, extra: [String], user: ScriptUser?)
}

/// Starts each script as its own process (`ScriptProcess`) and reaps the finished ones at the next start.
public final class ProcessLauncher: ScriptLauncher {
    private var children: [pid_t] = []

    public init() {}

    public func launch(_ program: CheckProgram, extra: [String], user: ScriptUser?) {
        children.removeAll { pid in
            var status: Int32 = 0
            return waitpid(pid, &status, WNOHANG) != 0
        }
        if let pid = ScriptProcess.spawn(program, extra: extra, user: user) { children.append(pid) }
    }
}
