#if canImport(Glibc)
import Glibc
#endif

/// Where the node's timers read "now", in nanoseconds. Injected so the runtime is tested without waiting.
public protocol NodeClock: Sendable {
    func now() -> Int64
}

/// CLOCK_MONOTONIC: never stepped by NTP or an administrator, so timers neither fire early nor hang
/// after a wall-clock step. Chosen over CLOCK_BOOTTIME on purpose: after a system suspend a backup's
/// master-down timer resumes where it stopped instead of looking overdue, so the node listens for the
/// current master again before it takes over, rather than claiming master the instant the host wakes
/// (keepalived uses CLOCK_MONOTONIC too). Packet timestamps in the output stay wall-clock.
public struct MonotonicClock: NodeClock {
    public init() {}

    public func now() -> Int64 {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return Int64(spec.tv_sec) * 1_000_000_000 + Int64(spec.tv_nsec)
    }
}

/// Wall-clock nanoseconds since the epoch, for the timestamps printed next to events.
public func wallClockNanoseconds() -> Int64 {
    var spec = timespec()
    clock_gettime(CLOCK_REALTIME, &spec)
    return Int64(spec.tv_sec) * 1_000_000_000 + Int64(spec.tv_nsec)
}
