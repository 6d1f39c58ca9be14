import CLinux
#if canImport(Glibc)
import Glibc
#endif

/// A timerfd on CLOCK_MONOTONIC set to an absolute deadline, polled with the sockets: it wakes the loop
/// to the nanosecond, where poll's own timeout would round every wait up to a whole millisecond and
/// make a 10 ms advert interval drift by up to 10 %.
public final class DeadlineTimer {
    public let descriptor: Int32

    public init() throws(HostError) {
        descriptor = timerfd_create(CLOCK_MONOTONIC, Int32(TFD_NONBLOCK | TFD_CLOEXEC))
        guard descriptor >= 0 else { throw HostError.lastError("timerfd") }
    }

    deinit { close(descriptor) }

    /// Arms the timer for `deadline` (MonotonicClock nanoseconds), or disarms it with nil.
    public func set(_ deadline: Int64?) {
        var spec = itimerspec()
        if let deadline {
            // A zero it_value would disarm; a deadline already past fires at once.
            let at = max(deadline, 1)
            spec.it_value.tv_sec = Int(at / 1_000_000_000)
            spec.it_value.tv_nsec = Int(at % 1_000_000_000)
        }
        timerfd_settime(descriptor, Int32(TFD_TIMER_ABSTIME), &spec, nil)
    }

    /// Clears the expiry count so the descriptor stops being readable.
    public func acknowledge() {
        var count: UInt64 = 0
        _ = read(descriptor, &count, 8)
    }
}
