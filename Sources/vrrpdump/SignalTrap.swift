import Printers
import Dispatch
import ElectionModel
import Sniffer
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Stops a capture on SIGINT or SIGTERM instead of dying, so the run can flush and report; and makes
/// sure it ends within a second whatever it was doing: if what remains after the capture stopped
/// (analysis, summaries, `--report`) takes longer than `grace`, or a second signal comes, the process
/// exits at once with what it has already written and a line saying the output is cut short.
final class SignalTrap: Sendable {
    /// Time left, after a signal, to finish normally.
    static let grace: DispatchTimeInterval = .milliseconds(800)

    /// The exit status of a run cut short.
    static let cutShortStatus: Int32 = 1

    /// Signals received so far, shared by the SIGINT and SIGTERM handlers.
    private final class Count: Sendable {
        let value = Atomic<Int>(0)
    }

    nonisolated(unsafe) private let sources: [DispatchSourceSignal]

    init(stopping stopper: CaptureStopper) {
        let signals = Count()
        let handler: @Sendable () -> Void = {
            stopper.stop()
            let (_, count) = signals.value.add(1, ordering: .relaxed)
            if count == 1 {
                DispatchQueue.global().asyncAfter(deadline: .now() + Self.grace) { Self.abandon() }
            } else {
                Self.abandon()
            }
        }
        sources = [SIGINT, SIGTERM].map { signo in
            signal(signo, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signo, queue: .global())
            source.setEventHandler(handler: handler)
            source.resume()
            return source
        }
    }

    func cancel() {
        for source in sources { source.cancel() }
    }

    /// Ends the process now: the run did not finish in time after a signal. What was written stays;
    /// buffered output is lost, which the message says.
    private static func abandon() {
        let message = "vrrpdump: interrupted: still finishing after a signal, stopped; output cut short\n"
        _ = message.withCString { write(STDERR_FILENO, $0, strlen($0)) }
        _exit(cutShortStatus)
    }
}
