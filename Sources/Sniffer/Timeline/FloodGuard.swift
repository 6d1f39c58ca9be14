import Codec
import ElectionModel

/// Applies `FloodLimits`: admits routers into groups and new groups while the bounds allow, and counts
/// the adverts it turns away, per VRID, into one `flood` event per episode. Every structure here is
/// bounded by the limits, so a flood costs a constant per advert.
struct FloodGuard: Sendable {
    private struct Episode: Sendable {
        /// The VRID (group 0 of its domain); nil for the capture-wide flood.
        var vr: VirtualRouterID?
        var limit: Flood.Limit
        var first: Int64
        var last: Int64
        var adverts = 0
        var sources: Set<IPAddress> = []
        var moreSources = false
        var examples: [IPAddress] = []

        private static let reserveAt = 16

        init(vr: VirtualRouterID?, limit: Flood.Limit, at time: Int64) {
            self.vr = vr
            self.limit = limit
            first = time
            last = time
        }

        mutating func count(_ source: IPAddress, at time: Int64) {
            adverts += 1
            last = max(last, time)
            // Once the count of sources stopped, no look-up: a flood is all new sources.
            guard !moreSources else { return }
            guard sources.count < FloodLimits.countedSources else {
                moreSources = !sources.contains(source)
                return
            }
            // Room for every counted source once a flood shows: growing the set step by step rehashed it.
            if sources.count == Self.reserveAt { sources.reserveCapacity(FloodLimits.countedSources) }
            guard sources.insert(source).inserted else { return }
            if examples.count < FloodLimits.examples { examples.append(source) }
        }

        var flood: Flood {
            let bound = switch limit {
            case .routers: FloodLimits.routersPerGroup
            case .groups: FloodLimits.groupsPerVRID
            case .virtualRouters: FloodLimits.virtualRouters
            }
            return Flood(limit: limit, bound: bound, adverts: adverts, sources: sources.count,
                         moreSources: moreSources, examples: examples, duration: last - first)
        }
    }

    /// Routers admitted per tracker position.
    private var members: [Int] = []
    /// Floods going on, per VRID, at the slot their `CollisionDomain` names; nil: ended (the slot is
    /// reused by the same domain's next flood).
    private var episodes: [Episode?] = []
    /// Adverts of VRIDs past every bound, even that on the domains with a flood of their own.
    private var shared: Episode?
    /// No episode ends before this.
    private var nextDeadline: Int64?

    /// Whether the group at `tracker` takes one more router.
    func admitsRouter(into tracker: Int) -> Bool {
        tracker >= members.count || members[tracker] < FloodLimits.routersPerGroup
    }

    /// Whether a VRID with `groups` groups may get another, with `virtualRouters` in all; the bound
    /// that stops it otherwise.
    func boundOnNewGroup(groups: Int, virtualRouters: Int) -> Flood.Limit? {
        if groups >= FloodLimits.groupsPerVRID { return .groups }
        if virtualRouters >= FloodLimits.virtualRouters { return .virtualRouters }
        return nil
    }

    mutating func admit(into tracker: Int) {
        if tracker >= members.count { members += repeatElement(0, count: tracker - members.count + 1) }
        members[tracker] += 1
    }

    /// Counts an advert of `source` turned away by `limit`: in the flood of its VRID at slot `flood`,
    /// which it sets for the VRID's first, or in the capture-wide one when `shared` (or when too many
    /// VRIDs have a flood). `domain` names the VRID; it is needed only when `namesFlood(at:)`.
    mutating func turnAway(_ source: IPAddress, in domain: VirtualRouterID?, shared: Bool, flood slot: inout Int?,
                           limit: Flood.Limit, at time: Int64) {
        if shared || (slot == nil && episodes.count >= FloodLimits.floodedVRIDs) {
            if self.shared == nil { self.shared = Episode(vr: nil, limit: limit, at: time) }
            self.shared?.count(source, at: time)
        } else {
            let index = slot ?? episodes.count
            if index == episodes.count { episodes.append(nil) }
            slot = index
            if episodes[index] == nil {
                var vr = domain
                vr?.group = 0
                episodes[index] = Episode(vr: vr, limit: limit, at: time)
            }
            episodes[index]?.count(source, at: time)
        }
        let end = time + FloodLimits.quiet
        nextDeadline = min(nextDeadline ?? end, end)
    }

    /// Whether an advert turned away in the VRID whose flood is at `slot` begins a flood of that VRID:
    /// only then is the VRID's name needed (building it copies its segment, which costs more than the
    /// counting).
    func namesFlood(at slot: Int?) -> Bool {
        guard let slot else { return episodes.count < FloodLimits.floodedVRIDs }
        return episodes[slot] == nil
    }

    /// Reports the floods quiet since `FloodLimits.quiet` before `now` (all of them when `now` is nil: the end).
    mutating func report(at now: Int64?, events: inout [TimelineEvent]) {
        if let now {
            guard let deadline = nextDeadline, deadline <= now else { return }
        }
        func ended(_ episode: Episode) -> Bool { now.map { episode.last + FloodLimits.quiet <= $0 } ?? true }
        var finished: [Episode] = []
        for index in episodes.indices {
            guard let episode = episodes[index], ended(episode) else { continue }
            finished.append(episode)
            episodes[index] = nil
        }
        if let episode = shared, ended(episode) {
            finished.append(episode)
            shared = nil
        }
        finished.sort { a, b in
            guard a.first == b.first else { return a.first < b.first }
            switch (a.vr, b.vr) {
            case let (left?, right?): return left < right
            case (.some, nil): return true
            default: return false
            }
        }
        for episode in finished {
            events.append(TimelineEvent(ts: episode.first, vr: episode.vr, detail: .flood(episode.flood)))
        }
        let pending = episodes.compactMap { $0?.last } + (shared.map { [$0.last] } ?? [])
        nextDeadline = pending.min().map { $0 + FloodLimits.quiet }
    }
}
