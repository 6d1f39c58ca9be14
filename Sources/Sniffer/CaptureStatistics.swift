/// libpcap's counters for a live capture, as `pcap_stats` reports them.
public struct CaptureStatistics: Sendable, Hashable {
    /// Packets the kernel handed to the capture (after the kernel filter).
    public var received: UInt32
    /// Packets dropped because the capture buffer was full.
    public var droppedByKernel: UInt32
    /// Packets the interface or its driver dropped; not every driver counts them.
    public var droppedByInterface: UInt32

    public init(received: UInt32, droppedByKernel: UInt32, droppedByInterface: UInt32) {
        self.received = received
        self.droppedByKernel = droppedByKernel
        self.droppedByInterface = droppedByInterface
    }
}
