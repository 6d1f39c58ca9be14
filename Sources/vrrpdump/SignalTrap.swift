import Printers
import Dispatch
import ElectionModel
import Sniffer
#if canImport(Glibc)
import Glibc
#endif

/// Stops a capture on SIGINT or SIGTERM instead of dying, so the run can flush and report.
final class SignalTrap {
    private let sources: [DispatchSourceSignal]

    init(stopping stopper: CaptureStopper) {
        let handler: @Sendable () -> Void = { stopper.stop() }
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
}
