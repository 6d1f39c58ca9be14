import Codec
import ElectionModel

extension VirtualRouterTracker {
    var summary: VirtualRouterSummary {
        let gaps = failoverGaps.sorted()
        let master = reigning.flatMap { advertising.contains($0) ? $0 : nil }
        return VirtualRouterSummary(
            vr: id, lastSeen: lastSeen, master: master, advertising: advertising,
            addresses: addresses.sorted(),
            routers: routers.sorted { $0.address < $1.address }.map(Self.summary(of:)),
            failovers: failovers,
            gapMinimum: gaps.first, gapMedian: gaps.isEmpty ? nil : gaps[gaps.count / 2], gapMaximum: gaps.last,
            anomalies: anomalies, priorityChanges: priorityChanges,
            electionsAfterPriorityDrop: electionsAfterPriorityDrop,
            backupsHeard: routers.contains { $0.address != master },
            splitBrainOngoing: overlap?.isSplitBrain ?? false)
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
            announcementBurstCount: record.bursts.count, announcements: record.announcements,
            checksumForm: record.settings.checksumForm, history: record.history)
    }
}
