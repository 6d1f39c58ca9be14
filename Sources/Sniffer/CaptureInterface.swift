import Codec

/// One interface a source captures from: a live device, a pcap file, or a pcapng IDB.
public struct CaptureInterface: Sendable, Hashable {
    /// The device name when known (live capture, pcapng `if_name`); nil for classic pcap files.
    public var name: String?
    public var linkType: LinkType
    /// The most bytes of any packet recorded; 0 means unlimited (pcapng).
    public var snapLength: Int
    public var timestampPrecision: TimestampPrecision

    public init(name: String?, linkType: LinkType, snapLength: Int, timestampPrecision: TimestampPrecision) {
        self.name = name
        self.linkType = linkType
        self.snapLength = snapLength
        self.timestampPrecision = timestampPrecision
    }
}
