import CPcap
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Asks a source's `forEach` to return, from any thread or a signal handler's dispatch source.
///
/// Sendable on its own so a SIGINT/SIGTERM handler can hold it without holding the source.
public final class CaptureStopper: Sendable {
    private let requested = Atomic<Bool>(false)
    /// `pcap_breakloop` only sets a flag and writes an eventfd, which is safe from any thread.
    nonisolated(unsafe) private let live: PcapHandle?
    /// A self-pipe whose read end a file source polls with its input, so a read blocked on a pipe
    /// that stays open (`-r -`) wakes when asked to stop; -1 for live sources.
    private let wakeRead: Int32
    private let wakeWrite: Int32

    init(live: PcapHandle? = nil) {
        self.live = live
        var ends: [Int32] = [-1, -1]
        if live == nil, pipe(&ends) == 0 {
            for end in ends { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
        }
        wakeRead = ends[0]
        wakeWrite = ends[1]
    }

    deinit {
        if wakeRead >= 0 { close(wakeRead) }
        if wakeWrite >= 0 { close(wakeWrite) }
    }

    /// Becomes readable once `stop()` was called; -1 when there is none.
    var wakeDescriptor: Int32 { wakeRead }

    /// Makes `forEach` return after the packet in hand; a blocked live capture wakes at once.
    public func stop() {
        requested.store(true, ordering: .relaxed)
        if let live { pcap_breakloop(live.pointer) }
        if wakeWrite >= 0 {
            var byte: UInt8 = 1
            _ = write(wakeWrite, &byte, 1)  // async-signal-safe; one byte is enough to wake
        }
    }

    /// Whether `stop()` was called (a signal asked the run to end).
    public var isStopRequested: Bool { requested.load(ordering: .relaxed) }
}
