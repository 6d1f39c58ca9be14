import ElectionModel
import Printers
import Sniffer

/// Notices growth of libpcap's kernel drop counter, at most once per tick of packet time, on the
/// capture's own thread (libpcap handles are not shared with the timer thread).
struct DropCounter {
    private var reported: UInt32 = 0
    /// nil before the first check (`timestamp &- .min` would wrap negative and never pass).
    private var lastCheck: Int64?

    /// The drops since the last report; `timestamp` nil checks regardless of time (end of the run).
    mutating func newDrops(_ statistics: @autoclosure () -> CaptureStatistics?, at timestamp: Int64?) -> UInt64? {
        if let timestamp {
            if let lastCheck, timestamp &- lastCheck < TimelineSession.tick { return nil }
            lastCheck = timestamp
        }
        guard let dropped = statistics()?.droppedByKernel, dropped != reported else { return nil }
        defer { reported = dropped }
        return UInt64(dropped &- reported)  // the counter is 32 bits and may wrap
    }
}
