import Codec

/// One finding of the election analyser.
///
/// `ts` is when the thing happened (nanoseconds, on the analyser's monotonic clock: the packet
/// timestamps, shifted forward after a backwards clock step so that time never runs backwards). Some
/// events are only certain later than they happened — a master event waits for the first gratuitous ARP,
/// a split brain for its threshold — so events are emitted in the order they are decided, and `ts` may
/// be earlier than that of an event emitted before it.
public struct TimelineEvent: Sendable, Hashable {
    public var ts: Int64
    /// nil for capture-wide events (`capture-gap`).
    public var vr: VirtualRouterID?
    public var detail: Detail

    public init(ts: Int64, vr: VirtualRouterID?, detail: Detail) {
        self.ts = ts
        self.vr = vr
        self.detail = detail
    }

    public var kind: Kind { detail.kind }

    /// The `event` names of the JSON output (issue 3), also what `--fail-on` accepts.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        case master
        case resign
        case priority
        case splitBrain = "split-brain"
        case splitBrainEnd = "split-brain-end"
        case mismatch
        case collision
        case staleARP = "stale-arp"
        case conflict
        case silence
        case lateAdvert = "late-advert"
        case captureGap = "capture-gap"
        case flood
        case malformed
        // The engine's own router (`--participate`, `--what-if`).
        case backup
        case fault
        case initialize
        case peerIgnoresUs = "peer-ignores-us"
        case flapHold = "flap-hold"
        case addressRestored = "address-restored"
        case syncGroupSplit = "sync-group-split"
    }

    public enum Detail: Sendable, Hashable {
        case master(MasterChange)
        /// The router advertised priority 0 (RFC 5798 §6.4.3: the master is leaving). `priority` is the
        /// one it advertised before, nil when it was not heard earlier.
        case resign(router: IPAddress, priority: UInt8?)
        case priority(PriorityChange)
        /// Routers advertising as master together beyond `TimelineRules.splitBrainThreshold`; `ts` is when
        /// the overlap began, so the event is emitted one threshold later.
        case splitBrain(routers: [IPAddress])
        /// `ts` is the last advert of the router that stopped; `started` is the split brain's `ts`.
        /// `stopped` is the router whose going quiet ended the overlap; the others stay master.
        case splitBrainEnd(routers: [IPAddress], started: Int64, duration: Int64, stopped: IPAddress)
        case mismatch(Mismatch)
        case collision(Collision)
        /// After a master change, the last announcement of `address` still names another router's MAC.
        case staleARP(AddressFinding)
        /// A gratuitous ARP, ARP reply or neighbour advertisement for a virtual address from a MAC that
        /// belongs to no router advertising as master.
        case conflict(AddressFinding)
        /// The master stopped (`resigned`: it sent priority 0) and nobody took over within
        /// `TimelineRules.silenceTimeout`; `ts` is when that became certain.
        case silence(router: IPAddress, lastAdvert: Int64, resigned: Bool)
        case lateAdvert(router: IPAddress, spacing: Int64, interval: Int64)
        case captureGap(CaptureGap)
        /// The first unreadable VRRP packet of a sender with these findings (capture-wide: `vr` is nil);
        /// its repeats are counted in the analyser's `malformedTallies`.
        case malformed(MalformedVRRP)
        /// The engine's router became backup (startup, a better advert, a cleared fault).
        case backup(RouterTransition)
        /// The engine's router entered Fault (a master sent priority 0 first).
        case fault(RouterTransition)
        /// The engine's router stopped (back to Initialize).
        case initialize(RouterTransition)
        /// While we were master, `peer` (priority `peerPriority`, below ours) kept advertising: `adverts`
        /// of them, more than it would send if it heard us, so it drops our adverts (checksum form, auth,
        /// interval).
        case peerIgnoresUs(router: IPAddress, peer: IPAddress, peerPriority: UInt8, adverts: Int)
        /// Flap damping: `changes` state changes within `window` already, so the router stays backup
        /// instead of becoming master.
        case flapHold(router: IPAddress, changes: Int, window: Int64)
        /// Another program removed one of our virtual addresses while we were master; it was put back.
        case addressRestored(router: IPAddress, address: IPAddress)
        /// The engine's router could not follow its keepalived sync group: its members' states differ
        /// (`members`: each "NAME state").
        case syncGroupSplit(router: IPAddress, group: String, members: [String])
        /// Adverts past the analyser's bounds on routers and groups, counted instead of analysed.
        case flood(Flood)

        public var kind: Kind {
            switch self {
            case .master: .master
            case .resign: .resign
            case .priority: .priority
            case .splitBrain: .splitBrain
            case .splitBrainEnd: .splitBrainEnd
            case .mismatch: .mismatch
            case .collision: .collision
            case .staleARP: .staleARP
            case .conflict: .conflict
            case .silence: .silence
            case .lateAdvert: .lateAdvert
            case .captureGap: .captureGap
            case .malformed: .malformed
            case .backup: .backup
            case .fault: .fault
            case .initialize: .initialize
            case .peerIgnoresUs: .peerIgnoresUs
            case .flapHold: .flapHold
            case .addressRestored: .addressRestored
            case .syncGroupSplit: .syncGroupSplit
            case .flood: .flood
            }
        }
    }

    /// The one router the event is about (JSON `router`), if it is about one.
    public var router: IPAddress? {
        switch detail {
        case .master(let change): change.router
        case .resign(let router, _), .silence(let router, _, _), .lateAdvert(let router, _, _): router
        case .priority(let change): change.router
        case .staleARP(let finding), .conflict(let finding): finding.router
        case .backup(let change), .fault(let change), .initialize(let change): change.router
        case .peerIgnoresUs(let router, _, _, _), .flapHold(let router, _, _), .addressRestored(let router, _),
             .syncGroupSplit(let router, _, _): router
        case .malformed(let packet): packet.source
        case .splitBrain, .splitBrainEnd, .mismatch, .collision, .captureGap, .flood: nil
        }
    }

    /// The routers the event is about when it names several (JSON `routers`).
    public var routers: [IPAddress]? {
        switch detail {
        case .splitBrain(let routers), .splitBrainEnd(let routers, _, _, _): routers
        case .mismatch(let mismatch): mismatch.routers
        case .collision(let collision): collision.routers
        case .flood(let flood): flood.examples
        default: nil
        }
    }
}
