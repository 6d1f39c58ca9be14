import Codec

/// Gratuitous ARPs, ARP replies and neighbour advertisements for the virtual addresses.
extension VirtualRouterTracker {
    private var virtualMAC: MACAddress { .virtualRouter(vrid: id.vrid, ipv6: id.family == .ipv6) }

    mutating func handleAnnouncement(_ announcement: AddressAnnouncement, at time: Int64, events: inout [TimelineEvent]) {
        advance(to: time, events: &events)
        lastSeen = max(lastSeen, time)
        guard let mac = announcement.mac else { return }
        if announcement.isUnsolicited, let sender = announcer(mac: mac, source: announcement.sender),
           routers[sender]?.isAdvertising == true {
            routers[sender]?.bursts.record(announcement.address, at: time)
        }
        if !advertising.isEmpty, let masterMACs = advertisingMACs, !masterMACs.contains(mac), mac != virtualMAC {
            let finding = AddressFinding(address: announcement.address, mac: mac, router: owner(of: mac), master: reigning)
            if reportedConflicts.insert(finding).inserted {
                emit(time, .conflict(finding), into: &events)
            }
        }
        lastAnnouncement[announcement.address] = mac
    }

    /// The router that sent an announcement: by the NA's source address, else by MAC; the virtual MAC
    /// stands for the reigning master.
    private func announcer(mac: MACAddress, source: IPAddress?) -> IPAddress? {
        if let source, routers[source] != nil { return source }
        if mac == virtualMAC { return reigning }
        return owner(of: mac)
    }

    private func owner(of mac: MACAddress) -> IPAddress? {
        routers.values.first { $0.mac == mac }?.address
    }

    /// The MACs of the routers advertising as master; nil when one of them has none on record (raw IP
    /// captures), since a conflict cannot then be told from the master itself.
    private var advertisingMACs: [MACAddress]? {
        var macs: [MACAddress] = []
        for address in advertising {
            guard let mac = routers[address]?.mac else { return nil }
            macs.append(mac)
        }
        return macs
    }

    /// Once a new master's announcement wait is over: every virtual address whose last announcement
    /// still points to another MAC leaves hosts sending to the wrong router.
    mutating func reportStaleAnnouncements(of master: RouterRecord, at time: Int64, events: inout [TimelineEvent]) {
        guard let masterMAC = master.mac else { return }
        for (address, mac) in lastAnnouncement.sorted(by: { $0.key < $1.key })
        where mac != masterMAC && mac != virtualMAC {
            let finding = AddressFinding(address: address, mac: mac, router: owner(of: mac), master: master.address)
            emit(time, .staleARP(finding), into: &events)
        }
    }
}
