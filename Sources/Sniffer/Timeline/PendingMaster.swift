import ElectionModel

/// A master event decided but not yet emitted: it waits for the new master's address announcements
/// (`MasterChange` explains the wait), or, when `isContested`, for the claim to be confirmed.
struct PendingMaster: Sendable {
    var change: MasterChange
    /// The new master's first advert: the event's `ts`.
    var firstAdvert: Int64
    /// The router started advertising while a master that outranks it still advertised: only a
    /// lasting claim (split brain) or that master's end makes it a master change.
    var isContested: Bool
    /// It was contested when it began (a yielded claim that resumes keeps this): if the overlap becomes
    /// a split brain, the claim is its onset.
    let beganContested: Bool

    init(change: MasterChange, firstAdvert: Int64, isContested: Bool) {
        self.change = change
        self.firstAdvert = firstAdvert
        self.isContested = isContested
        beganContested = isContested
    }

    /// When the event can be emitted: at the end of the first announcement burst, at most
    /// `TimelineRules.announcementWait` after the first announcement; without one, that long after
    /// the first advert.
    func emissionTime(bursts: AnnouncementBursts, interval: Int64) -> Int64 {
        let wait = TimelineRules.announcementWait(interval: interval)
        guard let first = bursts.first, let last = bursts.last else { return firstAdvert + wait }
        return min(last + TimelineRules.burstGap, first + wait)
    }
}
