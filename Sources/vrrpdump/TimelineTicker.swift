import Printers
import Dispatch
import ElectionModel
import Sniffer
#if canImport(Glibc)
import Glibc
#endif

/// The wall clock in nanoseconds since the epoch: a live capture's "now" when no packet says it.
func wallClock() -> Int64 {
    var now = timespec()
    clock_gettime(CLOCK_REALTIME, &now)
    return Int64(now.tv_sec) * 1_000_000_000 + Int64(now.tv_nsec)
}

/// A live capture's timer: lets the analyser's time pass every `every` nanoseconds so that
/// master-down and silence are reported as they happen, even when no packet arrives.
final class TimelineTicker {
    private let timer: DispatchSourceTimer

    init(every interval: Int64, output: TimelineOutput, stopper: CaptureStopper) {
        timer = DispatchSource.makeTimerSource(queue: .global())
        timer.schedule(deadline: .now() + .nanoseconds(Int(interval)), repeating: .nanoseconds(Int(interval)))
        timer.setEventHandler {
            // A closed pipe ends the run as it would in the capture loop.
            do { try output.advance(to: wallClock()) } catch { stopper.stop() }
        }
        timer.resume()
    }

    func cancel() { timer.cancel() }
}
