import CLinux
#if canImport(Glibc)
import Glibc
#endif

/// The signals the node acts on, blocked and read through a signalfd so they arrive in the loop like
/// packets: SIGTERM/SIGINT stop, SIGUSR1 dumps state, SIGCHLD wakes the loop for a finished check.
public final class SignalSource {
    public let descriptor: Int32
    private var mask = sigset_t()

    public init() throws(HostError) {
        sigemptyset(&mask)
        for signal in [SIGTERM, SIGINT, SIGUSR1, SIGCHLD, SIGHUP] { sigaddset(&mask, signal) }
        guard sigprocmask(SIG_BLOCK, &mask, nil) == 0 else { throw HostError.lastError("block signals") }
        descriptor = signalfd(-1, &mask, Int32(SFD_NONBLOCK | SFD_CLOEXEC))
        guard descriptor >= 0 else { throw HostError.lastError("signalfd") }
    }

    deinit { close(descriptor) }

    /// The signals that arrived since the last call.
    public func drain() -> [Int32] {
        var signals: [Int32] = []
        var info = signalfd_siginfo()
        while read(descriptor, &info, MemoryLayout<signalfd_siginfo>.size) == MemoryLayout<signalfd_siginfo>.size {
            signals.append(Int32(info.ssi_signo))
        }
        return signals
    }
}
