#if canImport(Glibc)
import Glibc
#endif

/// The routers of one process (`--participate`: the flags' one, or every instance of a keepalived
/// file) in one loop: their VRRP sockets, one rtnetlink monitor and one signalfd shared by all, and one
/// timerfd set to the earliest deadline of any of them.
///
/// SIGTERM/SIGINT stop every router (a master sends priority 0); SIGUSR1 prints each one's state;
/// SIGHUP goes to `reload` when there is one (keepalived's reload), else it stops as SIGTERM does.
/// A router that stops on its own (refusing to join) leaves the others running; the process ends when
/// none runs, with the highest exit status.
public final class NodeHost {
    public private(set) var runtimes: [NodeRuntime]
    /// SIGHUP: given the routers running, stops those it drops and returns the routers to run from then
    /// on, the new ones started.
    public var reload: (([NodeRuntime]) -> [NodeRuntime])?
    /// keepalived's sync groups among the routers, settled after every turn.
    public var syncGroups: [SyncGroupRuntime] = []
    private let monitor: (any HostEventSource)?
    private let signals: SignalSource?
    private let clock: any NodeClock

    public init(runtimes: [NodeRuntime], monitor: (any HostEventSource)?, signals: SignalSource?, clock: any NodeClock) {
        self.runtimes = runtimes
        self.monitor = monitor
        self.signals = signals
        self.clock = clock
    }

    /// Starts every router; on an error the ones already started are stopped again.
    public func start() throws(HostError) {
        for (index, runtime) in runtimes.enumerated() {
            do throws(HostError) {
                try runtime.start()
            } catch {
                runtimes[..<index].forEach { $0.stop() }
                throw error
            }
        }
    }

    public var isStopped: Bool { runtimes.allSatisfy(\.isStopped) }

    /// The highest status of the routers that stopped.
    public var exitStatus: Int32 { runtimes.compactMap(\.exitStatus).max() ?? 0 }

    /// Runs until every router stopped; returns the exit status.
    /// The deadlines are waited for with a timerfd on the same monotonic clock (`DeadlineTimer`); where
    /// none can be made, poll's millisecond timeout, rounded up, stands in.
    public func run() -> Int32 {
        let timer = try? DeadlineTimer()
        while !isStopped {
            var descriptors = runtimes.filter { !$0.isStopped }.flatMap(\.descriptors)
            if let monitor { descriptors.append(monitor.descriptor) }
            if let signals { descriptors.append(signals.descriptor) }
            if let timer { descriptors.append(timer.descriptor) }
            var polled = descriptors.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
            let deadline = runtimes.filter { !$0.isStopped }.compactMap { $0.nextDeadline() }.min()
            let timeout: Int32
            if let timer {
                timer.set(deadline)
                timeout = -1
            } else {
                let wait = deadline.map { max(0, $0 - clock.now()) }
                timeout = wait.map { Int32(clamping: ($0 + 999_999) / 1_000_000) } ?? -1
            }
            _ = poll(&polled, nfds_t(polled.count), timeout)
            timer?.acknowledge()
            process(now: clock.now())
        }
        return exitStatus
    }

    /// Everything that is ready at `now`: signals, host events, then each router's adverts, checks and timers.
    public func process(now: Int64) {
        if let signals {
            for signal in signals.drain() {
                switch signal {
                case SIGHUP where reload != nil:
                    if let reload { runtimes = reload(runtimes.filter { !$0.isStopped }) }
                case SIGTERM, SIGINT, SIGHUP:
                    runtimes.filter { !$0.isStopped }.forEach { $0.stop() }
                    return
                case SIGUSR1:
                    runtimes.filter { !$0.isStopped }.forEach { $0.summarize() }
                default: break  // SIGCHLD: a check finished; polled below
                }
            }
        }
        let running = runtimes.filter { !$0.isStopped }
        if let monitor { for event in monitor.drain() { running.forEach { $0.hostEvent(event, now) } } }
        for runtime in running where !runtime.isStopped { runtime.process(now: now) }
        syncGroups.forEach { $0.settle(now: now) }
    }
}
