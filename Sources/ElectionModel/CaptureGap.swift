/// Something the capture itself missed; never reported as a master failure.
public enum CaptureGap: Sendable, Hashable {
    /// No packet from anyone for `duration`, longer than every advertising master's silence timeout
    /// (so the capture, not all the routers at once, most likely stopped seeing traffic); `ts` is the
    /// last packet before it.
    case noPackets(duration: Int64)
    /// The caller reported packets dropped by the kernel (libpcap's `ps_drop` grew).
    case kernelDrops(count: UInt64)
    /// Timestamps went back by `backwards` (beyond `TimelineRules.reorderTolerance`); the analyser's
    /// clock does not follow them back, so later event times are shifted forward by that much.
    case clockStep(backwards: Int64)

    public var reason: String {
        switch self {
        case .noPackets: "no-packets"
        case .kernelDrops: "kernel-drops"
        case .clockStep: "clock-step"
        }
    }
}
