#if canImport(Glibc)
import Glibc
#endif

/// Starting a check or notify script as keepalived does: its own process group (a timeout kills all it
/// started), signals unblocked, standard streams on /dev/null, as `user` when one is given.
enum ScriptProcess {
    /// fork and exec (posix_spawn cannot change the user): everything the child needs is prepared
    /// before the fork, and the child only calls async-signal-safe functions. `extra` is appended to
    /// the program's arguments (keepalived's `notify` arguments). nil when the fork failed.
    static func spawn(_ program: CheckProgram, extra: [String] = [], user: ScriptUser?) -> pid_t? {
        let (path, arguments) = program.argv(appending: extra)
        var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        guard let file = strdup(path) else { return nil }
        defer {
            argv.forEach { free($0) }
            free(file)
        }
        var empty = sigset_t()
        sigemptyset(&empty)
        let uid = user?.uid, gid = user?.gid
        let pid = fork()
        if pid == 0 {
            setpgid(0, 0)
            sigprocmask(SIG_SETMASK, &empty, nil)
            let null = open("/dev/null", O_RDWR)
            for fd in Int32(0)...2 { dup2(null, fd) }
            if let uid, let gid {
                guard setgroups(0, nil) == 0, setgid(gid) == 0, setuid(uid) == 0 else { _exit(126) }
            }
            execv(file, &argv)
            _exit(127)
        }
        return pid > 0 ? pid : nil
    }
}
