import Codec
import ElectionModel

/// One VRRP router as a value: the RFC 9568 §6.4 / RFC 3768 §6.4 state machine plus keepalived's Fault
/// state, preempt delay and announcement bursts. Pure: time is the `now` passed in (nanoseconds, any
/// monotonic clock), effects are the returned actions, which the edge (or the what-if replay) carries
/// out in order.
public struct VRRPRouter: Sendable {
    public let config: RouterConfig
    /// The virtual router reported in events.
    public let vr: VirtualRouterID
    public private(set) var state: RouterState = .initialize
    public private(set) var counters = RouterCounters()
    /// The effective priority (tracking applied).
    public private(set) var priority: UInt8
    /// Master_Adver_Interval, nanoseconds: ours in version 2, the master's in version 3.
    public private(set) var masterAdverInterval: Int64
    /// The router last accepted as master (or resigning), and when its last advert came.
    public private(set) var master: IPAddress?
    private var lastMasterAdvert: Int64?
    /// The master's last advert had priority 0: our Master_Down_Timer runs for Skew_Time only.
    private var masterResigned = false
    /// A preempting backup heard a lower-priority master since its last accepted advert.
    private var lowerMasterHeard = false
    private var deadlines: [RouterTimer: Int64] = [:]
    /// When the state changed, within the flap window.
    private var changes: [Int64] = []
    private var holding = false
    /// While master: adverts from each lower-priority peer this term.
    private var lowerPeerAdverts: [IPAddress: Int] = [:]

    public init(config: RouterConfig, segment: Segment = Segment(interface: nil, vlan: nil)) {
        self.config = config
        vr = VirtualRouterID(segment: segment, family: config.family, vrid: config.vrid)
        priority = config.priority
        masterAdverInterval = config.interval
    }

    public var isOwner: Bool { config.priority == 255 }

    /// Skew_Time for our priority and the current Master_Adver_Interval.
    public var skewTime: Int64 { VRRPTimers.skew(priority: priority, interval: masterAdverInterval, version: config.version) }

    /// Master_Down_Interval for our priority and the current Master_Adver_Interval.
    public var masterDownInterval: Int64 {
        VRRPTimers.masterDownInterval(priority: priority, interval: masterAdverInterval, version: config.version)
    }

    /// When `timer` is due, if armed.
    public func deadline(_ timer: RouterTimer) -> Int64? { deadlines[timer] }

    /// The timer due first, if any is armed.
    public var nextTimer: (timer: RouterTimer, at: Int64)? {
        deadlines.min { ($0.value, $0.key.rawValue) < ($1.value, $1.key.rawValue) }.map { ($0.key, $0.value) }
    }

    public mutating func handle(_ input: RouterInput, now: Int64) -> [RouterAction] {
        var actions: [RouterAction] = []
        switch input {
        case .startup:
            guard state == .initialize else { break }
            if isOwner { becomeMaster(.initial, now, &actions) } else { enterBackup(.startup, peer: nil, now, &actions) }
        case .shutdown:
            leave(for: .initialize, cause: .shutdown, now, &actions)
        case .advert(let advert):
            receive(advert, now, &actions)
        case .timer(let timer):
            guard let due = deadlines[timer], now >= due else {
                counters.staleTimers += 1
                break
            }
            deadlines[timer] = nil
            fire(timer, now, &actions)
        case .effectivePriority(let wanted):
            setPriority(wanted, now, &actions)
        case .fault(true):
            leave(for: .fault, cause: .fault, now, &actions)
        case .fault(false):
            guard state == .fault else { break }
            if isOwner {
                becomeMaster(.initial, now, &actions)
            } else {
                masterAdverInterval = config.interval
                enterBackup(.faultCleared, peer: nil, now, &actions)
            }
        case .addressRemoved(let address):
            guard state == .master, let virtual = addedAddresses.first(where: { $0.address == address }) else { break }
            actions.append(.addAddresses([virtual]))
            actions.append(.announce([address]))
            report(.addressRestored(router: config.sourceAddress, address: address), now, &actions)
        case .linkFlapped:
            if state == .master { announceBurst(now, &actions) }
        case .syncGroup(.master):
            if state == .backup { becomeMaster(.syncGroup, now, &actions) }
        case .syncGroup(.backup):
            guard state == .master, !isOwner else { break }
            cancel(.adver, &actions)
            cancel(.announce, &actions)
            actions.append(.removeAddresses(addedAddresses))
            enterBackup(.syncGroup, peer: nil, now, &actions)
        case .syncGroup(.initialize), .syncGroup(.fault):
            break  // the runtime turns a member's fault into this router's fault
        }
        return actions
    }

    // MARK: Timers

    private mutating func fire(_ timer: RouterTimer, _ now: Int64, _ actions: inout [RouterAction]) {
        switch timer {
        case .adver:
            guard state == .master else { return }
            send(priority, &actions)
            arm(.adver, at: now + config.interval, &actions)
        case .masterDown:
            guard state == .backup else { return }
            let cause: MasterCause = masterResigned ? .resigned : lowerMasterHeard ? .preempted : .masterDown
            tryMaster(cause, now, &actions)
        case .preemptDelay:
            guard state == .backup, lowerMasterHeard else { return }
            tryMaster(.preempted, now, &actions)
        case .announce:
            guard state == .master else { return }
            burst(&actions)
            if let refresh = config.announcements.garpRefresh { arm(.announce, at: now + refresh, &actions) }
        }
    }

    private mutating func arm(_ timer: RouterTimer, at time: Int64, _ actions: inout [RouterAction]) {
        deadlines[timer] = time
        actions.append(.arm(timer, at: time))
    }

    private mutating func cancel(_ timer: RouterTimer, _ actions: inout [RouterAction]) {
        if deadlines.removeValue(forKey: timer) != nil { actions.append(.cancel(timer)) }
    }

    // MARK: Receiving

    private mutating func receive(_ advert: ReceivedAdvert, _ now: Int64, _ actions: inout [RouterAction]) {
        counters.received += 1
        if let reason = ReceiveCheck.dropReason(advert, config: config) {
            counters.drops[reason, default: 0] += 1
            return
        }
        if Set(advert.packet.addresses) != Set(config.virtualAddresses.map(\.address)) { counters.addressListMismatch += 1 }
        switch state {
        case .backup: backupReceives(advert, now, &actions)
        case .master: masterReceives(advert, now, &actions)
        case .initialize, .fault: break
        }
    }

    private mutating func backupReceives(_ advert: ReceivedAdvert, _ now: Int64, _ actions: inout [RouterAction]) {
        let theirs = advert.packet.priority
        master = advert.source
        lastMasterAdvert = now
        if theirs == 0 {
            masterResigned = true
            lowerMasterHeard = false
            cancel(.preemptDelay, &actions)
            arm(.masterDown, at: now + skewTime, &actions)
        } else if !config.preempt || theirs >= priority {
            masterResigned = false
            lowerMasterHeard = false
            learnInterval(advert.packet)
            cancel(.preemptDelay, &actions)
            arm(.masterDown, at: now + masterDownInterval, &actions)
        } else {
            masterResigned = false
            lowerMasterHeard = true
            guard config.preemptDelay > 0 else {
                // RFC: discard, so the Master_Down_Timer expires and we take over.
                counters.lowerPriorityDiscarded += 1
                return
            }
            // keepalived's preempt_delay: follow the lower master until the delay has passed.
            learnInterval(advert.packet)
            if deadlines[.preemptDelay] == nil { arm(.preemptDelay, at: now + config.preemptDelay, &actions) }
            arm(.masterDown, at: now + masterDownInterval, &actions)
        }
    }

    private mutating func masterReceives(_ advert: ReceivedAdvert, _ now: Int64, _ actions: inout [RouterAction]) {
        let theirs = advert.packet.priority
        if theirs == 0 {
            send(priority, &actions)
            arm(.adver, at: now + config.interval, &actions)
            return
        }
        let higher = theirs > priority
        if higher || (theirs == priority && advert.source > config.sourceAddress) {
            cancel(.adver, &actions)
            cancel(.announce, &actions)
            learnInterval(advert.packet)
            dropAddresses(&actions)
            master = advert.source
            lastMasterAdvert = now
            masterResigned = false
            lowerMasterHeard = false
            enterBackup(higher ? .higherPriority : .tieBreak, peer: advert.source, now, &actions)
            return
        }
        let heard = lowerPeerAdverts[advert.source, default: 0] + 1
        lowerPeerAdverts[advert.source] = heard
        if heard == config.peerIgnoresUsAfter + 1 {
            report(.peerIgnoresUs(router: config.sourceAddress, peer: advert.source, peerPriority: theirs, adverts: heard),
                   now, &actions)
        }
        if config.lowerPriorityAnswer {
            send(priority, &actions)
            arm(.adver, at: now + config.interval, &actions)
        }
    }

    /// Version 3 follows the master's interval; version 2 dropped any other interval already.
    private mutating func learnInterval(_ packet: VRRPPacket) {
        if config.version == 3 { masterAdverInterval = VRRPTimers.interval(centiseconds: packet.intervalCentiseconds) }
    }

    // MARK: Transitions

    private mutating func tryMaster(_ cause: MasterCause, _ now: Int64, _ actions: inout [RouterAction]) {
        changes.removeAll { $0 <= now - config.flapWindow }
        if let oldest = changes.first, changes.count >= config.flapLimit {
            counters.flapHolds += 1
            arm(.masterDown, at: oldest + config.flapWindow + 1, &actions)
            if !holding {
                holding = true
                report(.flapHold(router: config.sourceAddress, changes: changes.count, window: config.flapWindow), now, &actions)
            }
            return
        }
        becomeMaster(cause, now, &actions)
    }

    private mutating func becomeMaster(_ cause: MasterCause, _ now: Int64, _ actions: inout [RouterAction]) {
        holding = false
        cancel(.masterDown, &actions)
        cancel(.preemptDelay, &actions)
        // RFC order (advert, then announcements), with the addresses added last: the segment learns the
        // new master first, and adding them (slow over netlink, IPv6 most) delays no frame.
        send(priority, &actions)
        announceBurst(now, &actions)
        if !addedAddresses.isEmpty { actions.append(.addAddresses(addedAddresses)) }
        arm(.adver, at: now + config.interval, &actions)
        let repeats = config.announcements.garpRepeat
        let change = MasterChange(router: config.sourceAddress, priority: priority,
                                  previous: cause == .initial ? nil : master, cause: cause,
                                  gap: cause == .initial ? nil : lastMasterAdvert.map { now - $0 },
                                  announcementDelay: repeats > 0 ? 0 : nil, burstSize: repeats > 0 ? repeats : nil)
        lowerPeerAdverts = [:]
        enter(.master, now, &actions)
        report(.master(change), now, &actions)
    }

    private mutating func enterBackup(_ cause: TransitionCause, peer: IPAddress?, _ now: Int64, _ actions: inout [RouterAction]) {
        arm(.masterDown, at: now + masterDownInterval, &actions)
        enter(.backup, now, &actions)
        report(.backup(RouterTransition(router: config.sourceAddress, priority: priority, cause: cause, peer: peer)), now, &actions)
    }

    /// Shutdown (to Initialize) or Fault: a master resigns with priority 0 and drops its addresses.
    private mutating func leave(for target: RouterState, cause: TransitionCause, _ now: Int64, _ actions: inout [RouterAction]) {
        switch state {
        case .master:
            cancel(.adver, &actions)
            cancel(.announce, &actions)
            send(0, &actions)
            dropAddresses(&actions)
        case .backup:
            cancel(.masterDown, &actions)
            cancel(.preemptDelay, &actions)
        case .fault:
            // Stopping leaves Fault; a second fault changes nothing.
            guard target == .initialize else { return }
        case .initialize:
            // Nothing to stop before startup; a fault before startup still counts.
            guard target == .fault else { return }
        }
        enter(target, now, &actions)
        let change = RouterTransition(router: config.sourceAddress, priority: priority, cause: cause)
        report(target == .fault ? .fault(change) : .initialize(change), now, &actions)
    }

    private mutating func enter(_ next: RouterState, _ now: Int64, _ actions: inout [RouterAction]) {
        state = next
        changes.append(now)
        actions.append(.notify(next))
    }

    private mutating func setPriority(_ wanted: UInt8, _ now: Int64, _ actions: inout [RouterAction]) {
        guard !isOwner else { return }
        let clamped = min(254, max(1, wanted))
        guard clamped != priority else { return }
        let change = PriorityChange(router: config.sourceAddress, from: priority, to: clamped, outlook: nil)
        priority = clamped
        report(.priority(change), now, &actions)
        // A master tells the others at once, so a better backup can preempt without waiting an interval.
        if state == .master {
            send(priority, &actions)
            arm(.adver, at: now + config.interval, &actions)
        }
    }

    // MARK: Output

    private mutating func send(_ advertised: UInt8, _ actions: inout [RouterAction]) {
        counters.sent += 1
        actions.append(.sendAdvert(priority: advertised))
    }

    /// The first burst at once; the second after `garpDelay`, then refreshes.
    private mutating func announceBurst(_ now: Int64, _ actions: inout [RouterAction]) {
        burst(&actions)
        let settings = config.announcements
        if settings.garpDelay > 0 {
            arm(.announce, at: now + settings.garpDelay, &actions)
        } else if let refresh = settings.garpRefresh {
            arm(.announce, at: now + refresh, &actions)
        }
    }

    private func burst(_ actions: inout [RouterAction]) {
        let addresses = (config.virtualAddresses + config.excludedAddresses).map(\.address)
        for _ in 0..<max(0, config.announcements.garpRepeat) { actions.append(.announce(addresses)) }
    }

    /// What a master adds and removes: its virtual addresses (unless it owns them) and the excluded ones.
    private var addedAddresses: [VirtualAddress] { (isOwner ? [] : config.virtualAddresses) + config.excludedAddresses }

    private func dropAddresses(_ actions: inout [RouterAction]) {
        if !addedAddresses.isEmpty { actions.append(.removeAddresses(addedAddresses)) }
    }

    private func report(_ detail: TimelineEvent.Detail, _ now: Int64, _ actions: inout [RouterAction]) {
        actions.append(.report(TimelineEvent(ts: now, vr: vr, detail: detail)))
    }
}
