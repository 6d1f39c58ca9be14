#if canImport(Glibc)
import Glibc
#endif

/// The routers of one process (`--participate`: the flags' one, or every instance of a keepalived
/// file) in one loop: their VRRP sockets, one rtnetlink monitor and one signalfd shared by all, and one
/// timerfd set to the earliest deadline of any of them.
///
/// SIGTERM/SIGINT stop every router (a master sends priority 0); SIGUSR1 prints each one's state;
/// SIGHUP goes to `reload` when there is one (keepalived's reload). Without one (the flags' router)
/// there is nothing to reload: each router says so and goes on, as a daemon must not die of SIGHUP.
/// A router that stops on its own (refusing to join) leaves the others running; the process ends when
/// none runs, with the highest exit status.
public final class NodeHost {
    public private(set) var runtimes: [NodeRuntime]
    /// SIGHUP: given the routers running, stops those it drops and returns the routers to run from then
    /// on, the new ones started.
    public var reload: (([NodeRuntime]) -> [NodeRuntime])?
    /// keepalived's sync groups among the routers, settled after every turn.
    public var syncGroups: [SyncGroupRuntime] = []
    /// The checks polled so far: one no router tracks any more is cancelled.
    private var knownChecks: [CheckCommand] = []
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

    /// The routers not stopped yet.
    private var running: [NodeRuntime] { runtimes.filter { !$0.isStopped } }

    /// The highest status of the routers that stopped.
    public var exitStatus: Int32 { runtimes.compactMap(\.exitStatus).max() ?? 0 }

    /// Runs until every router stopped; returns the exit status.
    /// The deadlines are waited for with a timerfd on the same monotonic clock (`DeadlineTimer`); where
    /// none can be made, poll's millisecond timeout, rounded up, stands in.
    public func run() -> Int32 {
        let timer = try? DeadlineTimer()
        while !isStopped {
            var descriptors = running.flatMap(\.descriptors)
            if let monitor { descriptors.append(monitor.descriptor) }
            if let signals { descriptors.append(signals.descriptor) }
            if let timer { descriptors.append(timer.descriptor) }
            var polled = descriptors.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
            let deadline = (running.compactMap { $0.nextDeadline() } + trackedChecks.map(\.deadline)).min()
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

    /// What SIGHUP says without a `reload`.
    public static let nothingToReload = "SIGHUP: nothing to reload (no --config)"

    /// Everything that is ready at `now`: signals, host events, the checks (each once, however many
    /// routers track it), then each router's adverts, check verdicts and timers.
    public func process(now: Int64) {
        defer { cancelUntrackedChecks() }
        if let signals {
            for signal in signals.drain() {
                switch signal {
                case SIGHUP:
                    if let reload {
                        runtimes = reload(running)
                    } else {
                        running.forEach { $0.note(Self.nothingToReload) }
                    }
                case SIGTERM, SIGINT:
                    running.forEach { $0.stop() }
                    syncGroups.forEach { $0.settle(now: now) }  // their STOP
                    return
                case SIGUSR1:
                    running.forEach { $0.summarize() }
                default: break  // SIGCHLD: a check finished; polled below
                }
            }
        }
        // The routers running at the start of the turn; one may stop during it (refusing to join).
        let routers = running
        if let monitor { for event in monitor.drain() { routers.forEach { $0.hostEvent(event, now) } } }
        let checks = trackedChecks
        knownChecks += checks.filter { check in !knownChecks.contains { $0 === check } }
        checks.forEach { $0.poll(now: now) }
        for runtime in routers where !runtime.isStopped {
            runtime.process(now: now)
            // A member's change reaches the rest of its sync group before they act on their own timers,
            // as keepalived syncs a group at once.
            syncGroups.forEach { $0.settle(now: now) }
        }
    }

    /// The checks the running routers track, each once.
    private var trackedChecks: [CheckCommand] {
        var seen = Set<ObjectIdentifier>()
        return running.flatMap { $0.options.checks.map(\.check) }
            .filter { seen.insert(ObjectIdentifier($0)).inserted }
    }

    /// A check whose routers all stopped (SIGTERM, a reload) has its run in progress killed.
    private func cancelUntrackedChecks() {
        let tracked = Set(trackedChecks.map(ObjectIdentifier.init))
        for check in knownChecks where !tracked.contains(ObjectIdentifier(check)) { check.cancel() }
        knownChecks.removeAll { !tracked.contains(ObjectIdentifier($0)) }
    }
}
