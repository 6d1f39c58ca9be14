import Codec
import ElectionModel

/// Gratuitous ARPs, ARP replies and neighbour advertisements for the virtual addresses.
extension VirtualRouterTracker {
    private var virtualMAC: MACAddress { .virtualRouter(vrid: id.vrid, ipv6: id.family == .ipv6) }

    /// The caller has run the timers up to `time`, overdue releases included. Returns a deadline to note
    /// when `nextDeadline` may have moved earlier, nil otherwise: `nextDeadline` when a master event
    /// waits for announcements or a term resumed; the release of the held announcements when this one
    /// is the first held and the release `releaseWakes` (the only timer it adds: going through them
    /// all for every hold was a twentieth of a run of 64 groups); otherwise an announcement only keeps
    /// a master alive longer.
    mutating func handleAnnouncement(_ announcement: AddressAnnouncement, at time: Int64,
                                     events: inout [TimelineEvent]) -> Int64? {
        lastSeen = max(lastSeen, time)
        guard let mac = announcement.mac else { return nil }
        var resumed = false
        var releaseDue: Int64?
        if announcement.isUnsolicited, announcement.sender == nil, mac == virtualMAC {
            // Whose it is depends on whether a term begins within the lead: decided on release.
            if heldAnnouncements.count < HeldAnnouncement.limit {
                heldAnnouncements.append(HeldAnnouncement(address: announcement.address, time: time))
            }
            if heldAnnouncements.count == 1, releaseWakes { releaseDue = heldAnnouncementsDeadline }
        } else if announcement.isUnsolicited {
            resumed = credit(announcement.address, mac: mac, source: announcement.sender, at: time, events: &events)
        }
        if !advertising.isEmpty, mac != virtualMAC, isMasterMAC(mac) == false {
            let finding = AddressFinding(address: announcement.address, mac: mac, router: owner(of: mac), master: reigning)
            if reportedConflicts.insert(finding).inserted {
                emit(time, .conflict(finding), into: &events)
            }
        }
        lastAnnouncement.updateValue(mac, forKey: announcement.address)
        emitDue(at: time, events: &events)
        return resumed || !pending.isEmpty ? nextDeadline : releaseDue
    }

    /// Credits an unsolicited announcement sent at `time` to the router that sent it. Returns whether a
    /// yielded claim resumed.
    private mutating func credit(_ address: IPAddress, mac: MACAddress, source: IPAddress?, at time: Int64,
                                 events: inout [TimelineEvent]) -> Bool {
        guard let position = announcer(mac: mac, source: source) else { return false }
        var resumed = false
        if !routers[position].isAdvertising, let claim = yieldedClaims.removeValue(forKey: routers[position].address),
           !advertising.isEmpty {
            resume(claim, at: time, events: &events)
            resumed = true
        }
        if routers[position].isAdvertising {
            routers[position].bursts.record(address, at: time)
            routers[position].announcements += 1
            routers[position].history.noteAnnouncement(address, at: time)
            routers[position].lastActivity = max(routers[position].lastActivity, time)
        }
        return resumed
    }

    /// An announcement of this group's address made before any router claimed it (the analyser kept it).
    mutating func holdAnnouncement(_ held: HeldAnnouncement, mac: MACAddress) {
        heldAnnouncements.append(held)
        lastAnnouncement.updateValue(mac, forKey: held.address)
    }

    /// When the oldest held announcement's lead is over.
    var heldAnnouncementsDeadline: Int64? { heldAnnouncements.first.map { $0.time + TimelineRules.announcementLead } }

    /// Credits the held announcements whose lead is over at `time` (all of them when nil) to the master
    /// reigning now: no term began within their lead.
    mutating func releaseHeldAnnouncements(upTo time: Int64?, events: inout [TimelineEvent]) {
        while let held = heldAnnouncements.first, time.map({ held.time + TimelineRules.announcementLead <= $0 }) ?? true {
            heldAnnouncements.removeFirst()
            _ = credit(held.address, mac: virtualMAC, source: nil, at: held.time, events: &events)
        }
    }

    /// `router`'s term begins now: the held announcements (all within their lead) were its own, sent
    /// just before its first advert.
    mutating func creditHeldAnnouncements(to router: IPAddress) {
        guard !heldAnnouncements.isEmpty, let position = routers.position(of: router) else { return }
        for held in heldAnnouncements {
            routers[position].bursts.record(held.address, at: held.time)
            routers[position].announcements += 1
            routers[position].history.noteAnnouncement(held.address, at: held.time)
        }
        heldAnnouncements.removeAll()
    }

    /// A router whose contested claim seemed to end announces the virtual addresses again: only a master
    /// does that (keepalived repeats its burst after `garp_master_delay`), so it never yielded — e.g. its
    /// adverts were suppressed while it stayed master. Its claim stands, from its first advert.
    private mutating func resume(_ claim: PendingMaster, at time: Int64, events: inout [TimelineEvent]) {
        let router = claim.change.router
        routers.update(router) { $0.resumeTerm(at: time) }
        advertising.append(router)
        if overlap == nil {
            overlap = Overlap(start: claim.firstAdvert, routers: advertising)
        } else {
            overlap?.add(router)
        }
        var confirmed = claim
        confirmed.isContested = false
        pending.append(confirmed)
        confirmSplitBrain(at: time, events: &events)
    }

    /// The position of the router that sent an announcement: by the NA's source address, else by MAC;
    /// the virtual MAC stands for the reigning master.
    private func announcer(mac: MACAddress, source: IPAddress?) -> Int? {
        if let source, let position = routers.position(of: source) { return position }
        if mac == virtualMAC { return reigning.flatMap(routers.position(of:)) }
        return routers.firstIndex { $0.mac == mac }
    }

    private func owner(of mac: MACAddress) -> IPAddress? {
        routers.firstIndex { $0.mac == mac }.map { routers[$0].address }
    }

    /// Whether `mac` belongs to a router advertising as master; nil when one of them has no MAC on
    /// record (raw IP captures), since a conflict cannot then be told from the master itself.
    private func isMasterMAC(_ mac: MACAddress) -> Bool? {
        var found = false
        for address in advertising {
            guard let position = routers.position(of: address), let own = routers[position].mac else { return nil }
            found = found || own == mac
        }
        return found
    }

    /// Once a new master's announcement wait is over: every virtual address whose last announcement
    /// still points to the MAC of a router no longer master leaves hosts sending to the wrong router.
    mutating func reportStaleAnnouncements(of master: RouterRecord, at time: Int64, events: inout [TimelineEvent]) {
        for (address, mac) in zip(lastAnnouncement.keys, lastAnnouncement.values).sorted(by: { $0.0 < $1.0 })
        where mac != virtualMAC && isMasterMAC(mac) == false {
            let finding = AddressFinding(address: address, mac: mac, router: owner(of: mac), master: master.address)
            emit(time, .staleARP(finding), into: &events)
        }
    }
}
