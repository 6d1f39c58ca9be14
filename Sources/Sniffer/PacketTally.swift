import Codec

/// End-of-run counts of what was decoded, as tcpdump's closing lines but per VRRP-relevant kind.
public struct PacketTally: Sendable, Hashable {
    public private(set) var total = 0
    public private(set) var vrrpV2 = 0
    public private(set) var vrrpV3 = 0
    public private(set) var vrrpOther = 0
    public private(set) var carp = 0
    public private(set) var arp = 0
    public private(set) var gratuitousARP = 0
    public private(set) var neighborAdvertisements = 0
    public private(set) var unsolicitedAdvertisements = 0
    public private(set) var other = 0
    /// Frames some layer of which could not be decoded (bad header, cut short, inconsistent count).
    public private(set) var malformed = 0
    /// Frames with a finding that is not merely informational, malformed ones included.
    public private(set) var withProblems = 0

    public init() {}

    /// `frame` counted alone.
    public init(_ frame: borrowing Frame) {
        count(frame)
    }

    /// Counts `frame`, its findings walked without building their array. (Counted into a tally of its
    /// own and added, a unique frame cost 70 instructions more.)
    public mutating func count(_ frame: borrowing Frame) {
        var malformation = false
        var problem = false
        frame.forEachProblem { found in
            if Self.isMalformation(found) { malformation = true }
            if !found.isInformational { problem = true }
        }
        countKind(frame)
        if malformation { malformed += 1 }
        if problem { withProblems += 1 }
    }

    public var vrrp: Int { vrrpV2 + vrrpV3 + vrrpOther }

    public mutating func count(_ frame: Frame, problems: [Problem]) {
        countKind(frame)
        if problems.contains(where: Self.isMalformation) { malformed += 1 }
        if problems.contains(where: { !$0.isInformational }) { withProblems += 1 }
    }

    private mutating func countKind(_ frame: Frame) {
        total += 1
        switch frame.network {
        case .arp(let arp):
            self.arp += 1
            if arp.isGratuitous { gratuitousARP += 1 }
        case .ipv4(_, let payload):
            count(payload, in: frame)
        case .ipv6(_, let payload):
            count(payload, in: frame)
        default:
            countUnread(frame)
        }
    }

    /// Counts the payload behind any AH header by walking it in place: taking `innermost` (a copy of
    /// the payload, retained and released) cost a unique frame more than the rest of its counting.
    private mutating func count(_ payload: IPPayload, in frame: Frame) {
        switch payload {
        case .authenticated(_, let inner):
            count(inner, in: frame)
        case .vrrp(let packet):
            switch packet.version {
            case 2: vrrpV2 += 1
            case 3: vrrpV3 += 1
            default: vrrpOther += 1
            }
        case .carp: carp += 1
        case .neighborAdvertisement(let na):
            neighborAdvertisements += 1
            if na.isUnsolicited(destination: frame.network.destinationIP) { unsolicitedAdvertisements += 1 }
        case .other, .malformed:
            countUnread(frame)
        }
    }

    /// A frame whose VRRP, CARP, NA or ARP could not be read: counted by the kind it claims.
    private mutating func countUnread(_ frame: Frame) {
        if frame.kind == .vrrp { vrrpOther += 1 } else if frame.kind == .arp { arp += 1 } else { other += 1 }
    }

    /// Adds the counts of `other`, `times` times: a frame counted once and seen again adds its own tally.
    public mutating func add(_ other: PacketTally, times: Int = 1) {
        total += other.total * times
        vrrpV2 += other.vrrpV2 * times
        vrrpV3 += other.vrrpV3 * times
        vrrpOther += other.vrrpOther * times
        carp += other.carp * times
        arp += other.arp * times
        gratuitousARP += other.gratuitousARP * times
        neighborAdvertisements += other.neighborAdvertisements * times
        unsolicitedAdvertisements += other.unsolicitedAdvertisements * times
        self.other += other.other * times
        malformed += other.malformed * times
        withProblems += other.withProblems * times
    }

    private static func isMalformation(_ problem: Problem) -> Bool {
        switch problem {
        case .malformed, .truncated, .emptyPayload, .countMismatch, .unknownVersion: true
        default: false
        }
    }
}
