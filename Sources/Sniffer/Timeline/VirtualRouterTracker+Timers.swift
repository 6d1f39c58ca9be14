import Codec
import ElectionModel

/// The tracker's timers: nothing here reads a clock; time only moves when the analyser calls `advance`.
extension VirtualRouterTracker {
    /// What is due next and when.
    enum Due {
        case emit(index: Int)
        /// An advertiser stopped while others still advertise: its term ends.
        case stop(IPAddress)
        /// The only advertiser stopped and nobody took over.
        case silence(IPAddress)
        /// The master resigned and nobody took over.
        case vacancy(IPAddress)
        /// Held announcements' lead is over: no new master claimed them.
        case release
        /// The announcement window of the master that remained after a split brain is over.
        case staleCheck(IPAddress)
    }

    /// Mutating only to be called in place (see `undecidedSince()`): `advance` asks it at every step.
    /// - Parameter includingRelease: whether the held announcements' release counts (see `releaseWakes`).
    mutating func nextDue(includingRelease: Bool = true) -> (time: Int64, due: Due)? {
        var next: (time: Int64, due: Due)?
        func consider(_ time: Int64, _ due: Due) {
            if next.map({ time < $0.time }) ?? true { next = (time, due) }
        }
        if includingRelease, let release = heldAnnouncementsDeadline { consider(release, .release) }
        if let check = staleCheck { consider(check.due, .staleCheck(check.master)) }
        for (index, master) in pending.enumerated() where !master.isContested {
            guard let position = routers.position(of: master.change.router) else { continue }
            consider(master.emissionTime(bursts: routers[position].bursts, interval: routers[position].interval),
                     .emit(index: index))
        }
        if advertising.count >= 2 {
            for address in advertising {
                guard let position = routers.position(of: address) else { continue }
                consider(anchor(routers[position]) + routers[position].aliveWindow, .stop(address))
            }
        } else if let address = advertising.first, let position = routers.position(of: address) {
            consider(anchor(routers[position]) + routers[position].silenceTimeout, .silence(address))
        } else if !silenceReported, let address = reigning, let position = routers.position(of: address),
                  routers[position].priority == 0 {
            consider(anchor(routers[position]) + routers[position].silenceTimeout, .vacancy(address))
        }
        return next
    }

    /// When the analyser must run `advance`: the next timer, leaving out the held announcements' release
    /// unless it `releaseWakes`.
    var nextDeadline: Int64? {
        mutating get { nextDue(includingRelease: releaseWakes)?.time }
    }

    /// Whether releasing the held announcements now could do more than credit them to the master
    /// reigning and advertising: resume that master's yielded claim (an event, and a new pending
    /// master). Otherwise the release needs no timer of its own: it only adds to one router's counts,
    /// and runs, in time order with the other timers, whenever the tracker is next advanced — by its
    /// next timer, its next packet (`hasOverdueRelease`) or the end of the input. With 64 groups
    /// whose masters share the virtual MAC, a timer for each gratuitous ARP was a third of the analysis.
    /// (Until then the credited router's `lastActivity` lags: the time-order horizon and the deadlines
    /// noted from it err early, as both may.)
    /// Mutating only to be read in place (see `undecidedSince()`).
    var releaseWakes: Bool {
        mutating get {
            // Cheapest first: a yielded claim is rare, and this is asked for every announcement held.
            guard !yieldedClaims.isEmpty, !heldAnnouncements.isEmpty, !advertising.isEmpty, let reigning,
                  yieldedClaims[reigning] != nil, let position = routers.position(of: reigning) else { return false }
            return !routers[position].isAdvertising
        }
    }

    /// Whether held announcements' lead is over at `time`: they are released before anything else of
    /// the tracker happens at `time`. Mutating only to be called in place.
    mutating func hasOverdueRelease(at time: Int64) -> Bool {
        heldAnnouncementsDeadline.map { $0 <= time } ?? false
    }

    /// The earliest `ts` an event not yet emitted may carry: a pending master event's first advert (a
    /// yielded claim may still resume), an overlap that may become a split brain (its start), a split
    /// brain that may end (at the last activity of the router that stops).
    ///
    /// Mutating only to be called in place: reading it through the array of trackers copied the
    /// whole tracker (retaining all its storage) at every call.
    mutating func undecidedSince() -> Int64? {
        var earliest: Int64?
        func consider(_ time: Int64) { earliest = min(earliest ?? time, time) }
        for master in pending { consider(master.firstAdvert) }
        for claim in yieldedClaims.values { consider(claim.firstAdvert) }
        if let overlap {
            if overlap.isSplitBrain {
                for address in advertising { if let position = routers.position(of: address) { consider(routers[position].lastActivity) } }
            } else {
                consider(overlap.start)
            }
        }
        return earliest
    }

    /// Runs every timer due at or before `time`, in order; returns `nextDeadline` after them (found on
    /// the way: asking again would go through every timer once more).
    mutating func advance(to time: Int64, events: inout [TimelineEvent]) -> Int64? {
        while let (when, due) = nextDue() {
            guard when <= time else {
                if case .release = due, !releaseWakes { return nextDue(includingRelease: false)?.time }
                return when
            }
            switch due {
            case .release:
                releaseHeldAnnouncements(upTo: when, events: &events)
            case .staleCheck(let master):
                staleCheck = nil
                if let record = routers[master], record.isAdvertising, advertising == [master] {
                    reportStaleAnnouncements(of: record, at: when, events: &events)
                }
            case .emit(let index):
                emitMaster(at: index, decidedAt: when, events: &events)
            case .stop(let address):
                stopAdvertising(address, at: routers[address]?.lastActivity ?? when, events: &events)
            case .silence(let address):
                let last = routers[address]?.lastAdvert ?? when
                emit(when, .silence(router: address, lastAdvert: last, resigned: false), into: &events)
                stopAdvertising(address, at: routers[address]?.lastActivity ?? last, events: &events)
                silenceReported = true
            case .vacancy(let address):
                let last = routers[address]?.lastAdvert ?? when
                emit(when, .silence(router: address, lastAdvert: last, resigned: true), into: &events)
                silenceReported = true
            }
        }
        return nil
    }

    /// Emits the master events whose wait is over at `time` (e.g. just confirmed).
    mutating func emitDue(at time: Int64, events: inout [TimelineEvent]) {
        while let index = pending.indices.first(where: { index in
            guard !pending[index].isContested, let position = routers.position(of: pending[index].change.router) else {
                return false
            }
            return pending[index].emissionTime(bursts: routers[position].bursts, interval: routers[position].interval)
                <= time
        }) {
            emitMaster(at: index, decidedAt: time, events: &events)
        }
    }

    /// At the end of the input: every decided master event goes out with what is known.
    mutating func flush(events: inout [TimelineEvent]) {
        releaseHeldAnnouncements(upTo: nil, events: &events)
        while let index = pending.firstIndex(where: { !$0.isContested }) {
            emitMaster(at: index, decidedAt: lastSeen, events: &events)
        }
    }

    private mutating func emitMaster(at index: Int, decidedAt time: Int64, events: inout [TimelineEvent]) {
        let master = pending.remove(at: index)
        var change = master.change
        guard let record = routers[change.router] else { return }
        if let first = record.bursts.first, first >= master.firstAdvert - TimelineRules.announcementLead {
            change.announcementDelay = first - master.firstAdvert
            change.burstSize = record.bursts.sizes.first
        }
        emit(master.firstAdvert, .master(change), into: &events)
        if change.isFailover {
            failovers += 1
            if let gap = change.gap { failoverGaps.append(gap) }
        }
        if change.followsPriorityChange { electionsAfterPriorityChange += 1 }
        reportedConflicts.removeAll()
        if record.isAdvertising { reportStaleAnnouncements(of: record, at: time, events: &events) }
    }

    /// Ends `address`'s term at `end` (its last advert, or its resignation) and settles what depended
    /// on it: the reigning master, the overlap, contested claims.
    mutating func stopAdvertising(_ address: IPAddress, at end: Int64, events: inout [TimelineEvent]) {
        routers.update(address) { $0.endTerm(at: end) }
        advertising.removeAll { $0 == address }
        // A contested claim that ends inside the overlap was a router yielding: no master change.
        if let index = pending.firstIndex(where: { $0.isContested && $0.change.router == address }) {
            yieldedClaims[address] = pending.remove(at: index)
        }
        if reigning == address, let successor = advertising.last { reigning = successor }
        guard advertising.count <= 1, let ended = overlap else { return }
        overlap = nil
        if ended.isSplitBrain {
            emit(end, .splitBrainEnd(routers: ended.routers, started: ended.start, duration: max(0, end - ended.start),
                                     stopped: address),
                 into: &events)
            // The router that yielded may have announced last; the one that remained must re-announce.
            if let survivor = advertising.first, let record = routers[survivor] {
                staleCheck = (survivor, end + TimelineRules.announcementWait(interval: record.interval))
            }
        }
        // The master that outranked a contested claimant is gone: the claimant is master now.
        if let survivor = advertising.first {
            reigning = survivor
            for index in pending.indices where pending[index].change.router == survivor {
                pending[index].isContested = false
            }
        }
    }

    /// A discontinuity in the capture: timers restart from `time`.
    mutating func captureResumed(at time: Int64) {
        resumedAt = max(resumedAt, time)
    }
}
