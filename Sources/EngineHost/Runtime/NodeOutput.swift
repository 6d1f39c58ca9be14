import Codec
import ElectionModel
import Engine

/// Where the runtime says what happens; the CLI prints it with the timeline's printers. All times are
/// wall-clock nanoseconds.
public protocol NodeOutput: AnyObject {
    /// The machine's own events (its transitions with their cause, address restored, ...).
    func report(_ event: TimelineEvent)
    /// An advert heard from another router, when its sender or priority is new.
    func heard(_ advert: ReceivedAdvert, at wallTime: Int64)
    /// What the runtime did on its own: listening, leftovers removed, an address kept, a refusal.
    func note(_ text: String, at wallTime: Int64)
    /// State and counters (SIGUSR1 and at exit).
    func summary(state: RouterState, priority: UInt8, counters: RouterCounters, at wallTime: Int64)
}
