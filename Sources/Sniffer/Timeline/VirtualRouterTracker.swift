import Codec
import ElectionModel

/// Follows the elections of one virtual router (one group of one VRID on one segment and family):
/// who advertises as master, why that changed, and what is wrong. State is per router, never per packet.
///
/// On the wire a master is whoever sends adverts with non-zero priority; backups are silent. Each
/// router therefore has a term of advertising, and the tracker keeps, besides those terms, the
/// *reigning* master: the one that became master last and still advertises (or, when none does, the
/// last one), against which the next router's cause and gap are judged.
struct VirtualRouterTracker: Sendable {
    let id: VirtualRouterID
    var routers = RouterTable()
    /// Routers advertising now, in the order their terms began.
    var advertising: [IPAddress] = []
    var reigning: IPAddress?
    var overlap: Overlap?
    var pending: [PendingMaster] = []
    /// Contested claims whose router went quiet, taken for yielding; kept (one per router) in case its
    /// announcements show otherwise.
    var yieldedClaims: [IPAddress: PendingMaster] = [:]
    /// A silence event was reported for the reigning master and nobody has advertised since.
    var silenceReported = false
    /// The last time the capture was discontinuous (gap, drops, clock step): no spacing, late advert
    /// or failover gap is measured across it, and no timer runs from before it.
    var resumedAt: Int64 = .min
    /// Announcements from the shared virtual MAC not yet credited to a router (`TimelineRules.announcementLead`).
    var heldAnnouncements: [HeldAnnouncement] = []
    /// After a split brain healed: the master that remained, and when its announcement window ends; if
    /// the virtual addresses still point elsewhere then, hosts keep sending to the router that yielded.
    var staleCheck: (master: IPAddress, due: Int64)?
    /// The MAC each virtual address was last announced with.
    var lastAnnouncement = AddressMap<MACAddress>()
    var reportedConflicts: Set<AddressFinding> = []
    var mismatches = MismatchDetector()
    /// The union of the routers' virtual address lists.
    private(set) var addresses: Set<IPAddress> = [] {
        didSet { addressBits = Self.bits(of: addresses) }
    }
    /// One bit per address of `addresses` (by a hash of it): an offered address whose bit is clear is
    /// not among them, which a flood of forged groups asks of every group of the VRID at every advert.
    private var addressBits: UInt64 = 0
    var anomalies: [TimelineEvent.Kind: Int] = [:]
    var failoverGaps: [Int64] = []
    /// Master changes other than `initial`.
    var failovers = 0
    var priorityChanges = 0
    var electionsAfterPriorityChange = 0
    var lastSeen: Int64 = .min

    init(id: VirtualRouterID) {
        self.id = id
    }

    /// Whether a router offering `offered`, whose `bits(of:)` are `offeredBits`, belongs to this group:
    /// no list to tell, or a shared address. The bits, worked out once per advert rather than once per
    /// group, turn most groups away. Small sets are scanned, which beats hashing every address.
    /// Mutating only to be called in place: reading `addresses` through the array of trackers retained
    /// and released it, for every group of the VRID at every advert of a flood.
    mutating func sharesAddress(with offered: AddressList, bits offeredBits: UInt64) -> Bool {
        // No bits: no offered address (each sets one).
        if offeredBits == 0 || addresses.isEmpty { return true }
        guard addressBits & offeredBits != 0 else { return false }
        if addresses.count <= 4 { return addresses.contains { offered.contains($0) } }
        return offered.contains(where: addresses.contains)
    }

    /// One bit per address (by a hash of it), as `addressBits` keeps them.
    static func bits(of addresses: some Sequence<IPAddress>) -> UInt64 {
        addresses.reduce(0) { $0 | 1 << (($1.folded &* 0x9E37_79B9_7F4A_7C15) >> 58) }
    }

    /// When a router's last advert counts from: a capture discontinuity restarts every timer.
    func anchor(_ router: RouterRecord) -> Int64 { max(router.lastActivity, resumedAt) }

    mutating func emit(_ ts: Int64, _ detail: TimelineEvent.Detail, into events: inout [TimelineEvent]) {
        let event = TimelineEvent(ts: ts, vr: id, detail: detail)
        // Anomalies: everything but the election itself (and a split brain's end, counted with its start).
        if ![.master, .priority, .resign, .splitBrainEnd].contains(event.kind) {
            anomalies[event.kind, default: 0] += 1
        }
        events.append(event)
    }

    /// Handles one advert from `source`, whose record is at `known` if the router has advertised
    /// before; `settings` is nil when the advert was cut short by the snap length (its timing and
    /// priority still count, its address list and auth do not). The caller has run the timers up to
    /// `time`. Returns whether `nextDeadline` may have moved earlier.
    mutating func handleAdvert(from source: IPAddress, knownAt known: Int?, mac: MACAddress?, priority: UInt8,
                               settings: AdvertSettings?, at time: Int64, events: inout [TimelineEvent]) -> Bool {
        lastSeen = max(lastSeen, time)
        if let position = known, let timing = routers[position].steadyAdvert(priority: priority, settings: settings,
                                                                               mac: mac, at: time, resumedAt: resumedAt) {
            if case .late(let spacing) = timing {
                emit(time, .lateAdvert(router: source, spacing: spacing, interval: routers[position].interval),
                     into: &events)
            }
            guard overlap != nil || !pending.isEmpty else { return false }
            let confirmed = confirmSplitBrain(at: time, events: &events)
            emitDue(at: time, events: &events)
            // A steady advert only pushes its own timers later; a confirmed split brain uncontests
            // claims, whose emission may be due sooner.
            return confirmed
        }
        guard let settingsNow = settings ?? known.map({ routers[$0].settings }) else { return false }
        let position = known
            ?? routers.add(RouterRecord(address: source, mac: mac, settings: settingsNow, priority: priority, at: time))
        let previousAdvert = known.map { routers[$0].lastAdvert }
        let settingsChanged = known == nil || routers[position].adopt(settingsNow, at: time)
        let becameOwner = priority == 255 && !routers[position].claimedOwnership
        if let mac { routers[position].mac = mac }
        routers[position].adverts += 1
        routers[position].history.notePriority(priority, at: time)
        routers[position].claimedOwnership = routers[position].claimedOwnership || priority == 255
        if settingsChanged {
            addresses.formUnion(settingsNow.addresses)
        }
        if settingsChanged || becameOwner {
            for mismatch in mismatches.check(routers[position], against: routers) {
                emit(time, .mismatch(mismatch), into: &events)
            }
        }
        if priority == 0 {
            resign(at: position, at: time, events: &events)
        } else {
            advertise(at: position, priority: priority, previousAdvert: previousAdvert, at: time, events: &events)
        }
        confirmSplitBrain(at: time, events: &events)
        emitDue(at: time, events: &events)
        return true
    }

    /// Priority 0: the router is leaving (RFC 5798 §6.4.3); a backup takes over after its skew time.
    private mutating func resign(at position: Int, at time: Int64, events: inout [TimelineEvent]) {
        let source = routers[position].address
        emit(time, .resign(router: source, priority: routers[position].lastActivePriority), into: &events)
        routers[position].priority = 0
        routers[position].noteAdvert(at: time)
        if routers[position].isAdvertising {
            stopAdvertising(source, at: time, events: &events)
        } else if advertising.isEmpty {
            // A master the capture never heard as master (the capture began just before it left).
            reigning = source
        }
        silenceReported = false
    }

    private mutating func advertise(at position: Int, priority: UInt8, previousAdvert: Int64?, at time: Int64,
                                    events: inout [TimelineEvent]) {
        let source = routers[position].address
        var rose = false
        if let old = routers[position].lastActivePriority, old != priority {
            rose = priority > old
            priorityChanges += 1
            var outlook: PriorityChange.Outlook?
            if priority < old, routers[position].isAdvertising, reigning == source {
                outlook = self.outlook(for: priority, of: source)
                routers[position].lastPriorityDrop = time
            }
            emit(time, .priority(PriorityChange(router: source, from: old, to: priority, outlook: outlook)), into: &events)
        }
        routers[position].priority = priority
        routers[position].lastActivePriority = priority
        if routers[position].isAdvertising {
            if case .late(let spacing) = routers[position].measureAdvert(at: time, resumedAt: resumedAt) {
                emit(time, .lateAdvert(router: source, spacing: spacing, interval: routers[position].interval),
                     into: &events)
            }
        } else {
            routers[position].noteAdvert(at: time)
            claim(source, priority: priority, rose: rose, previousAdvert: previousAdvert, at: time, events: &events)
        }
    }

    /// What a master's priority drop to `priority` means, from the best priority any other router of
    /// the group last advertised.
    private func outlook(for priority: UInt8, of source: IPAddress) -> PriorityChange.Outlook {
        let best = routers.filter { $0.address != source }.compactMap(\.lastActivePriority).max()
        guard let best else { return .unknown }
        return priority >= best ? .tooSmallToFailOver : .failoverExpected
    }

    /// `source` starts advertising as master: decide the cause against the reigning master. `rose`: this
    /// advert raised its priority.
    private mutating func claim(_ source: IPAddress, priority: UInt8, rose: Bool, previousAdvert: Int64?, at time: Int64,
                                events: inout [TimelineEvent]) {
        pruneQuietAdvertisers(at: time, events: &events)
        var previous = reigning
        var cause = MasterCause.initial
        var gap: Int64?
        var outage: Int64?
        var contested = false
        var followsDrop = false
        var followsRise = false
        var contenders: [IPAddress] = []
        if let racer = simultaneousClaim(against: source, priority: priority, at: time) {
            // Equal-priority backups that timed out together: one election, judged against the master
            // before them, not a failover from the router that lost the tie-break.
            previous = pending[racer].change.previous
            contenders = [pending[racer].change.router, source]
            if source < pending[racer].change.router {
                pending[racer].change.contenders = contenders
                pending[racer].change.cause = .tieBreak
                contested = true
            } else {
                pending.remove(at: racer)
            }
        }
        if !contenders.isEmpty, !contested, let previous, let prior = routers[previous] {
            cause = .tieBreak
            gap = prior.lastAdvert >= resumedAt ? max(0, time - prior.lastAdvert) : nil
        } else if !contenders.isEmpty {
            cause = .tieBreak
        } else if let previous, let prior = routers[previous] {
            let last = previous == source ? previousAdvert ?? time : prior.lastAdvert
            gap = last >= resumedAt ? max(0, time - last) : nil
            if silenceReported {
                cause = .recovered
                outage = gap
                gap = nil
            } else if prior.priority == 0 && !prior.isAdvertising {
                cause = .resigned
            } else if previous != source, prior.isAdvertising, time - anchor(prior) <= prior.aliveWindow {
                if priority > prior.priority {
                    cause = .preempted
                    followsDrop = prior.lastPriorityDrop.map { time - $0 <= prior.silenceTimeout } ?? false
                    followsRise = rose && !followsDrop
                } else if priority == prior.priority && source > previous {
                    cause = .tieBreak
                } else {
                    // It cannot hear the master that outranks it: its master-down timer fired.
                    cause = .masterDown
                    contested = true
                }
            } else {
                cause = .masterDown
            }
        }
        routers.update(source) { $0.beginTerm(at: time) }
        creditHeldAnnouncements(to: source)
        yieldedClaims[source] = nil
        advertising.append(source)
        if advertising.count >= 2 {
            if overlap == nil { overlap = Overlap(start: time, routers: advertising) } else { overlap?.add(source) }
        }
        if !contested { reigning = source }
        silenceReported = false
        let change = MasterChange(router: source, priority: priority, previous: previous, cause: cause, gap: gap,
                                  followsPriorityDrop: followsDrop, followsPriorityRise: followsRise, outage: outage,
                                  contenders: contested ? [] : contenders)
        pending.append(PendingMaster(change: change, firstAdvert: time, isContested: contested))
    }

    /// The pending claim of a router of equal priority that started advertising within
    /// `TimelineRules.simultaneousClaim` before `source` (both backups' master-down timers fired
    /// together): the two are one election, decided by tie-break.
    private func simultaneousClaim(against source: IPAddress, priority: UInt8, at time: Int64) -> Int? {
        pending.lastIndex { claim in
            !claim.isContested && claim.change.router != source && claim.change.priority == priority
                && claim.change.cause != .initial && claim.change.contenders.isEmpty
                && time - claim.firstAdvert <= TimelineRules.simultaneousClaim
        }
    }

    /// Ends the terms of advertisers whose adverts stopped more than an alive window ago, so that a
    /// newcomer is not taken to overlap with a master that is gone.
    private mutating func pruneQuietAdvertisers(at time: Int64, events: inout [TimelineEvent]) {
        for address in advertising {
            guard let record = routers[address], time - anchor(record) > record.aliveWindow else { continue }
            stopAdvertising(address, at: record.lastActivity, events: &events)
        }
    }

    /// Two or more routers still acting as master beyond the threshold: report the split brain, and the
    /// contested claims within it as master changes. Returns whether it did (now).
    @discardableResult
    mutating func confirmSplitBrain(at time: Int64, events: inout [TimelineEvent]) -> Bool {
        // Runs at every advert while masters overlap: positions, no copies of the records,
        // and no array of them either: this ran for every advert of 64 overlapping groups.
        guard let start = overlap?.start, overlap?.isSplitBrain == false, advertising.count >= 2 else { return false }
        // The election winner is the router every other one must hear to yield: its interval sets the pace.
        var winner: Int?
        for address in advertising {
            guard let position = routers.position(of: address) else { continue }
            if let best = winner,
               (routers[position].priority, routers[position].address) <= (routers[best].priority, routers[best].address) {
                continue
            }
            winner = position
        }
        let threshold = TimelineRules.splitBrainThreshold(interval: winner.map { routers[$0].interval } ?? TimelineRules.second)
        // Evidence, not the benefit of the doubt: two of them acted as master after the threshold.
        guard time - start > threshold,
              advertising.count(where: { address in
                  routers.position(of: address).map { routers[$0].lastActivity - start > threshold } ?? false
              }) >= 2,
              var current = overlap else { return false }
        current.isSplitBrain = true
        overlap = current
        emit(current.start, .splitBrain(routers: current.routers), into: &events)
        // A contested claim outlasting the threshold is the split brain's onset, not a failover.
        for index in pending.indices where pending[index].beganContested {
            pending[index].isContested = false
            pending[index].change.cause = .splitBrain
            pending[index].change.gap = nil
        }
        return true
    }

    mutating func noteCollision() {
        anomalies[.collision, default: 0] += 1
    }
}
