#if canImport(Glibc)
import Glibc
#endif

/// keepalived's `vrrp_rt_priority` and `vrrp_no_swap` for the node: on a busy host a timer that fires
/// on time is worth nothing if the process waits behind a compiler for the CPU, so an operator may run
/// the node real-time (SCHED_RR) and locked in memory. Neither is the default, as in keepalived.
public enum ProcessScheduling {
    /// The most CPU time the node may use real-time without blocking before the kernel sends SIGXCPU
    /// (RLIMIT_RTTIME soft limit), and kills it (the hard limit): a runaway loop must not freeze the
    /// host. keepalived's default is 10 ms; a flood of adverts read in one wake-up can take longer than
    /// that here, so the node allows 100 ms, then 200 ms.
    public static let realtimeSoftLimitMicroseconds: rlim_t = 100_000
    public static let realtimeHardLimitMicroseconds: rlim_t = 200_000

    /// Switches the whole process to SCHED_RR at `priority` (1…99), with RLIMIT_RTTIME set first.
    public static func realtime(priority: Int32) throws(HostError) {
        var limit = rlimit(rlim_cur: realtimeSoftLimitMicroseconds, rlim_max: realtimeHardLimitMicroseconds)
        guard setrlimit(__rlimit_resource_t(__RLIMIT_RTTIME.rawValue), &limit) == 0 else {
            throw HostError.lastError("setrlimit RLIMIT_RTTIME")
        }
        var parameters = sched_param(sched_priority: priority)
        guard sched_setscheduler(0, SCHED_RR, &parameters) == 0 else {
            throw HostError.lastError("SCHED_RR at priority \(priority) (needs CAP_SYS_NICE)")
        }
    }

    /// Locks the pages the node uses in memory, so a timer never waits on a page coming back from swap.
    /// MCL_ONFAULT locks each page when it is first touched instead of faulting in every mapping at
    /// once (the whole binary, every reserved stack), which would triple the node's resident size.
    public static func lockMemory() throws(HostError) {
        guard mlockall(MCL_CURRENT | MCL_FUTURE | MCL_ONFAULT) == 0 else {
            throw HostError.lastError("mlockall (needs CAP_IPC_LOCK)")
        }
    }
}
