import Codec
import ElectionModel

/// Gratuitous ARPs, ARP replies and neighbour advertisements for the virtual addresses.
extension VirtualRouterTracker {
    private var virtualMAC: MACAddress { .virtualRouter(vrid: id.vrid, ipv6: id.family == .ipv6) }

    /// The caller has run the timers up to `time`. Returns whether `nextDeadline` may have moved
    /// earlier: only when a master event waits for announcements or a term resumed; otherwise an
    /// announcement only keeps a master alive longer.
    mutating func handleAnnouncement(_ announcement: AddressAnnouncement, at time: Int64,
                                     events: inout [TimelineEvent]) -> Bool {
        lastSeen = max(lastSeen, time)
        guard let mac = announcement.mac else { return false }
        var resumed = false
        if announcement.isUnsolicited, let position = announcer(mac: mac, source: announcement.sender) {
            if !routers[position].isAdvertising, let claim = yieldedClaims.removeValue(forKey: routers[position].address),
               !advertising.isEmpty {
                resume(claim, at: time, events: &events)
                resumed = true
            }
            if routers[position].isAdvertising {
                routers[position].bursts.record(announcement.address, at: time)
                routers[position].announcements += 1
                routers[position].history.noteAnnouncement(announcement.address, at: time)
                routers[position].lastActivity = time
            }
        }
        if !advertising.isEmpty, mac != virtualMAC, isMasterMAC(mac) == false {
            let finding = AddressFinding(address: announcement.address, mac: mac, router: owner(of: mac), master: reigning)
            if reportedConflicts.insert(finding).inserted {
                emit(time, .conflict(finding), into: &events)
            }
        }
        lastAnnouncement.updateValue(mac, forKey: announcement.address)
        emitDue(at: time, events: &events)
        return resumed || !pending.isEmpty
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
