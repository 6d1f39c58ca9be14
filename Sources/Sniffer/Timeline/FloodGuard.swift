import Codec
import ElectionModel

/// Applies `FloodLimits`: admits routers into groups and new groups while the bounds allow, and counts
/// the adverts it turns away, per VRID, into one `flood` event per episode. Every structure here is
/// bounded by the limits, so a flood costs a constant per advert.
struct FloodGuard: Sendable {
    private struct Episode: Sendable {
        var limit: Flood.Limit
        var first: Int64
        var last: Int64
        var adverts = 0
        var sources: Set<IPAddress> = []
        var moreSources = false
        var examples: [IPAddress] = []

        init(limit: Flood.Limit, at time: Int64) {
            self.limit = limit
            first = time
            last = time
        }

        mutating func count(_ source: IPAddress, at time: Int64) {
            adverts += 1
            last = max(last, time)
            guard !sources.contains(source) else { return }
            if sources.count < FloodLimits.countedSources { sources.insert(source) } else { moreSources = true }
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
    /// Floods going on, per VRID (group 0 of the collision domain); nil: past `floodedVRIDs`.
    private var episodes: [VirtualRouterID?: Episode] = [:]
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

    /// Counts an advert of `source` in `domain` turned away by `limit`.
    mutating func turnAway(_ source: IPAddress, in domain: VirtualRouterID, limit: Flood.Limit, at time: Int64) {
        var key: VirtualRouterID? = domain
        key?.group = 0
        if let found = episodes.index(forKey: key) {
            episodes.values[found].count(source, at: time)
        } else {
            if episodes.count >= FloodLimits.floodedVRIDs { key = nil }
            episodes[key, default: Episode(limit: limit, at: time)].count(source, at: time)
        }
        let end = time + FloodLimits.quiet
        nextDeadline = min(nextDeadline ?? end, end)
    }

    /// Reports the floods quiet since `FloodLimits.quiet` before `now` (all of them when `now` is nil: the end).
    mutating func report(at now: Int64?, events: inout [TimelineEvent]) {
        if let now {
            guard let deadline = nextDeadline, deadline <= now else { return }
        }
        var ended: [(VirtualRouterID?, Episode)] = []
        for (key, episode) in episodes where now.map({ episode.last + FloodLimits.quiet <= $0 }) ?? true {
            ended.append((key, episode))
        }
        for (key, _) in ended { episodes[key] = nil }
        ended.sort { a, b in
            guard a.1.first == b.1.first else { return a.1.first < b.1.first }
            switch (a.0, b.0) {
            case let (left?, right?): return left < right
            case (.some, nil): return true
            default: return false
            }
        }
        for (key, episode) in ended {
            events.append(TimelineEvent(ts: episode.first, vr: key, detail: .flood(episode.flood)))
        }
        nextDeadline = episodes.values.map { $0.last + FloodLimits.quiet }.min()
    }
}
