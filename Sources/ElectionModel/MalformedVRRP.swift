import Codec

/// A VRRP packet (IP protocol 112) whose message could not be read: too short, empty, cut by the snap
/// length. It names no virtual router, so it is a capture-wide finding, by sender and findings.
public struct MalformedVRRP: Sendable, Hashable {
    public var source: IPAddress
    /// The frame's findings (`Problem`), in their fixed order: `empty-payload` (the IP header declares
    /// nothing), `truncated` (the capture cut it), `malformed`, and what the IP header shows
    /// (`ttl-not-255`, `unicast-destination`).
    public var problems: [Problem]

    public init(source: IPAddress, problems: [Problem]) {
        self.source = source
        self.problems = problems
    }
}

/// How many malformed VRRP packets one sender sent with the same findings, for the summary.
public struct MalformedTally: Sendable, Hashable {
    public var packet: MalformedVRRP
    public var count: Int
    public var first: Int64
    public var last: Int64

    public init(packet: MalformedVRRP, count: Int, first: Int64, last: Int64) {
        self.packet = packet
        self.count = count
        self.first = first
        self.last = last
    }
}
