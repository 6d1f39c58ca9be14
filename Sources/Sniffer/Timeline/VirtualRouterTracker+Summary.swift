import Codec
import ElectionModel

extension VirtualRouterTracker {
    /// The summary at `end`, the end of the capture (the analyser's time, which may be later than this
    /// virtual router's last packet).
    func summary(endingAt end: Int64) -> VirtualRouterSummary {
        let gaps = failoverGaps.sorted()
        let live = advertising.filter { isLive($0, at: end) }
        let master = reigning.flatMap { live.contains($0) ? $0 : nil }
        return VirtualRouterSummary(
            vr: id, lastSeen: lastSeen, master: master, advertising: live,
            addresses: addresses.sorted(),
            routers: routers.sorted { $0.address < $1.address }.map(Self.summary(of:)),
            failovers: failovers,
            gapMinimum: gaps.first, gapMedian: Self.median(ofSorted: gaps), gapMaximum: gaps.last,
            anomalies: anomalies, priorityChanges: priorityChanges,
            electionsAfterPriorityChange: electionsAfterPriorityChange,
            backupsHeard: routers.contains { $0.address != master },
            splitBrainOngoing: overlap?.isSplitBrain ?? false)
    }

    /// The status at `end`, appended to `statuses`: the summary's values, computed alike.
    func status(endingAt end: Int64, into statuses: inout VirtualRouterStatuses) {
        var live = 0
        for address in advertising where isLive(address, at: end) { live += 1 }
        let master = reigning.flatMap { advertising.contains($0) && isLive($0, at: end) ? $0 : nil }
        let first = statuses.routers.count
        for position in routers.indices {
            // Field by field: the record itself is large, and copying it retains all it holds.
            statuses.append(RouterStatus(
                address: routers[position].address, adverts: routers[position].adverts,
                priority: routers[position].priority, interval: routers[position].settings.interval,
                announcements: routers[position].announcements, checksumForm: routers[position].settings.checksumForm))
        }
        statuses.append(VirtualRouterStatus(vr: id, master: master, advertising: live,
                                            splitBrainOngoing: overlap?.isSplitBrain ?? false,
                                            routers: first..<statuses.routers.count))
    }

    /// Whether `address` advertises at `end`: within the liveness window at the end of the capture,
    /// whether or not a timer has ended its term yet (no packet came to run it).
    private func isLive(_ address: IPAddress, at end: Int64) -> Bool {
        guard let position = routers.position(of: address) else { return false }
        return max(end, lastSeen) - anchor(routers[position]) <= routers[position].aliveWindow
    }

    /// The middle value; with an even count the mean of the two middle ones (the usual definition: the
    /// median of two gaps is their mean, not the larger).
    static func median(ofSorted values: [Int64]) -> Int64? {
        guard !values.isEmpty else { return nil }
        let middle = values.count / 2
        if values.count % 2 == 1 { return values[middle] }
        let (low, high) = (values[middle - 1], values[middle])
        return low + (high - low) / 2
    }

    private static func summary(of record: RouterRecord) -> RouterSummary {
        let current = record.termStart.map { max(0, record.lastAdvert - $0) } ?? 0
        return RouterSummary(
            address: record.address, mac: record.mac, priority: record.priority, version: record.settings.version,
            interval: record.interval, authentication: record.settings.authentication.description,
            addresses: record.settings.addresses, adverts: record.adverts, firstAdvert: record.firstAdvert,
            lastAdvert: record.lastAdvert, isAdvertising: record.isAdvertising, masterTerms: record.terms,
            masterTime: record.masterTime + current, meanSpacing: record.spacing.average,
            jitter: record.spacing.jitter, maxSpacing: record.spacing.count > 0 ? record.spacing.maximum : nil,
            lateAdverts: record.lateAdverts, announcementBursts: record.bursts.sizes,
            announcementBurstCount: record.bursts.count, takeoverBursts: record.bursts.takeoverCount,
            announcements: record.announcements, checksumForm: record.settings.checksumForm, history: record.history)
    }
}
