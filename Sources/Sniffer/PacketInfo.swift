import Codec

/// What a source knows about one packet besides its bytes.
public struct PacketInfo: Sendable, Hashable {
    /// Nanoseconds since the Unix epoch (good until 2262).
    public var timestamp: Int64
    /// Bytes present in the packet view; at most `originalLength`.
    public var capturedLength: Int
    /// The packet's length on the wire.
    public var originalLength: Int
    /// Index into the source's `interfaces`.
    public var interface: Int
    public var linkType: LinkType

    public init(timestamp: Int64, capturedLength: Int, originalLength: Int, interface: Int, linkType: LinkType) {
        self.timestamp = timestamp
        self.capturedLength = capturedLength
        self.originalLength = originalLength
        self.interface = interface
        self.linkType = linkType
    }
}
