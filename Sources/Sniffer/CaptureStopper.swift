import CPcap
import Synchronization

/// Asks a source's `forEach` to return, from any thread or a signal handler's dispatch source.
///
/// Sendable on its own so a SIGINT/SIGTERM handler can hold it without holding the source.
public final class CaptureStopper: Sendable {
    private let requested = Atomic<Bool>(false)
    /// `pcap_breakloop` only sets a flag and writes an eventfd, which is safe from any thread.
    nonisolated(unsafe) private let live: PcapHandle?

    init(live: PcapHandle? = nil) {
        self.live = live
    }

    /// Makes `forEach` return after the packet in hand; a blocked live capture wakes at once.
    public func stop() {
        requested.store(true, ordering: .relaxed)
        if let live { pcap_breakloop(live.pointer) }
    }

    var isStopRequested: Bool { requested.load(ordering: .relaxed) }
}
