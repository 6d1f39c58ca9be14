import Codec
import ElectionModel

/// The election analyser: decoded packets in, timeline events out, a summary per virtual router at the
/// end. Pure and streaming — no I/O, no clock: time comes only from packet timestamps and from
/// `advance(to:)`, which a live capture calls on a timer so that master-down and silence are reported
/// when no packet arrives. State is kept per virtual router and router, never per packet.
///
/// ```swift
/// var analyzer = ElectionAnalyzer()
/// try source.forEach { info, bytes in
///     let frame = Frame.decode(bytes, linkType: info.linkType)
///     print(analyzer.observe(frame, at: info.timestamp, interface: nil))
///     return true
/// }
/// print(analyzer.finish())
/// let summaries = analyzer.summaries()
/// ```
/// Decoding through a `FrameMemo` and passing its entries instead of frames gives the same result
/// faster: a repeated frame is then neither decoded nor looked up again.
public struct ElectionAnalyzer: Sendable {
    private var clock = TimelineClock()
    private var duplicates = DuplicateFilter()
    private var segments = SegmentAliases()
    /// One per virtual router, in order of appearance; found through `groups` (arrays mutate in place cheaply).
    private var trackers: [VirtualRouterTracker] = []
    /// The groups of each collision domain (segment, family, VRID), by `domainKey`.
    private var domains: [Int: CollisionDomain] = [:]
    /// The tracker of the group each router advertised in, per collision domain.
    private var memberships: [Membership: Int] = [:]
    /// Which virtual router each virtual address belongs to, per segment.
    private var addressOwners: [AddressOnSegment: Int] = [:]
    /// Gratuitous ARPs from a virtual MAC for an address no virtual router has claimed yet, kept for
    /// `TimelineRules.announcementLead`: the first master of a group may announce just before its first
    /// advert (Cisco IOS).
    private var unclaimedAnnouncements: [(segment: Int, mac: MACAddress, held: HeldAnnouncement)] = []
    /// The trackers in identity order, and when their timers are due.
    private var schedule = TrackerSchedule()
    /// The bounds on routers and groups; counts the adverts past them.
    private var floods = FloodGuard()
    /// The address arrays of recent adverts, shared by adverts listing the same addresses.
    private var addressArrays = AddressArrays()

    /// Looked up for every advert not following a memoised route (every advert of unique traffic or a
    /// flood): the collision domain as one integer (`domainKey`), not the segment's interface name and
    /// VLANs.
    private struct Membership: WordHashable, Sendable {
        var domain: Int
        var router: IPAddress

        /// One word instead of three (number, family, address).
        var word: UInt64 { UInt64(bitPattern: Int64(domain)) << 32 ^ router.folded }
    }

    /// A virtual address on a segment (its number in `SegmentAliases`).
    private struct AddressOnSegment: WordHashable, Sendable {
        var segment: Int
        var address: IPAddress

        var word: UInt64 { UInt64(bitPattern: Int64(segment)) << 32 ^ address.folded }
    }

    /// A collision domain as one integer: the segment's number, the family, the VRID.
    private static func domainKey(segment: Int, family: AddressFamily, vrid: UInt8) -> Int {
        segment << 9 | (family == .ipv6 ? 1 << 8 : 0) | Int(vrid)
    }

    /// Where each sender-and-findings pair is in `malformedTallies`.
    private var malformed: [MalformedVRRP: Int] = [:]
    /// Unreadable VRRP packets by sender and findings, in order of first sighting, for the summary; at
    /// most `keptMalformedSenders` pairs (a flood of forged senders stays small), the rest in
    /// `malformedOverflow`.
    public private(set) var malformedTallies: [MalformedTally] = []
    /// Unreadable VRRP packets beyond the kept pairs: counted only.
    public private(set) var malformedOverflow = 0
    private static let keptMalformedSenders = 64

    public init() {}

    /// Analyses one frame captured at `timestamp` (nanoseconds since the epoch) on `interface`.
    ///
    /// Pass the interface name when the source has several (`-i any`, multi-interface pcapng): copies of
    /// one frame on several interfaces are then recognised and analysed once. Pass nil for a
    /// single-interface source. Returns the events decided by this frame and by the timers it passed.
    public mutating func observe(_ frame: Frame, at timestamp: Int64, interface: String?) -> [TimelineEvent] {
        var route: Route?
        return observe(frame, at: timestamp, interface: interface, keep: false, route: &route)
    }

    /// As `observe(_:at:interface:)`, for a frame decoded by a `FrameMemo`: the first time it is
    /// analysed, the entry keeps where the analyser filed it (once that is final), and without an
    /// interface its repeats follow that route instead of being analysed again. With an interface,
    /// copies on other interfaces are checked as always.
    public mutating func observe(_ entry: FrameMemo.Entry, at timestamp: Int64, interface: String?) -> [TimelineEvent] {
        guard interface == nil, let route = entry.route else {
            return observe(entry.frame, at: timestamp, interface: interface, keep: entry.isKept, route: &entry.route)
        }
        var events: [TimelineEvent] = []
        let now = tick(timestamp, events: &events)
        follow(route, at: now, events: &events)
        return ordered(events)
    }

    /// As `observe(_:at:interface:)`, for what a `TimelineDecoder` decoded.
    public mutating func observe(_ decoded: TimelineDecoder.Decoded, at timestamp: Int64,
                                 interface: String?) -> [TimelineEvent] {
        switch decoded {
        case .entry(let entry): observe(entry, at: timestamp, interface: interface)
        case .frame(let frame): observe(frame, at: timestamp, interface: interface)
        }
    }

    /// - Parameter keep: whether to set `route` for the frame's repeats (the memo keeps the frame).
    private mutating func observe(_ frame: Frame, at timestamp: Int64, interface: String?, keep: Bool,
                                  route: inout Route?) -> [TimelineEvent] {
        var events: [TimelineEvent] = []
        let now = tick(timestamp, events: &events)
        let view = segments.number(interface: interface, link: frame.link)
        if interface != nil, let original = duplicates.original(of: frame.network, on: view, at: timestamp) {
            segments.merge(view, into: original)
            return ordered(events)
        }
        let segment = segments.resolve(view)
        let filed = file(frame, segment: segment, at: now, events: &events)
        guard let filed else { return ordered(events) }
        follow(filed, at: now, events: &events)
        if keep, interface == nil, let final = finalRoute(filed) { route = final }
        return ordered(events)
    }

    /// Lets time pass without a packet (a live capture's timer): reports what the silence means.
    public mutating func advance(to timestamp: Int64) -> [TimelineEvent] {
        var events: [TimelineEvent] = []
        tick(timestamp, events: &events)
        return ordered(events)
    }

    /// Reports `count` packets the kernel dropped (libpcap's `ps_drop` grew by that much) at
    /// `timestamp`: a `capture-gap`, and no timing is judged across it.
    public mutating func noteDrops(_ count: UInt64, at timestamp: Int64) -> [TimelineEvent] {
        var events: [TimelineEvent] = []
        let now = tick(timestamp, events: &events)
        guard count > 0 else { return ordered(events) }
        events.append(TimelineEvent(ts: now, vr: nil, detail: .captureGap(.kernelDrops(count: count))))
        resumeAll(at: now)
        return ordered(events)
    }

    /// Ends the input: lets time run to `timestamp` when given (a live capture's stop time), then emits
    /// the master events still waiting for announcements.
    public mutating func finish(at timestamp: Int64? = nil) -> [TimelineEvent] {
        var events: [TimelineEvent] = []
        if let timestamp { tick(timestamp, events: &events) }
        for position in ordered { trackers[position].flush(events: &events) }
        floods.report(at: nil, events: &events)
        return ordered(events)
    }

    /// The earliest `ts` an event not yet emitted may carry; nil when nothing is undecided. Events
    /// earlier than this are final in order (`EventOrder`).
    /// Mutating only so that each tracker is read in place (see `VirtualRouterTracker.undecidedSince()`).
    public var undecidedSince: Int64? {
        mutating get {
            var earliest: Int64?
            for position in trackers.indices {
                if let since = trackers[position].undecidedSince() { earliest = min(earliest ?? since, since) }
            }
            return earliest
        }
    }

    /// The analyser's time: the latest packet timestamp (or `advance` time) seen, shifted forward past
    /// clock steps like every event's `ts`; nil before the first.
    public var now: Int64? { clock.now }

    /// Every virtual router seen, in a stable order (interface, VLAN, family, VRID, group).
    public func summaries() -> [VirtualRouterSummary] {
        let end = clock.now ?? .min
        return ordered.map { trackers[$0].summary(endingAt: end) }
    }

    /// Every virtual router's status now, in the order of `summaries()`, refilled into `statuses` (which
    /// the poller keeps): the values a live view needs, at a small part of the summaries' cost.
    public func statuses(into statuses: inout VirtualRouterStatuses) {
        let end = clock.now ?? .min
        statuses.removeAll()
        for position in ordered { trackers[position].status(endingAt: end, into: &statuses) }
    }

    /// Tracker positions in the order of their identities.
    private var ordered: [Int] { schedule.ordered }

    // MARK: - Time

    /// Moves the clock to `timestamp`, reporting clock steps and capture gaps, and runs due timers.
    @discardableResult
    private mutating func tick(_ timestamp: Int64, events: inout [TimelineEvent]) -> Int64 {
        let previous = clock.now
        let (now, stepBack) = clock.observe(timestamp)
        if let stepBack {
            events.append(TimelineEvent(ts: now, vr: nil, detail: .captureGap(.clockStep(backwards: stepBack))))
            resumeAll(at: now)
        } else if let previous, now - previous > Self.shortestGap,
                  let threshold = captureGapThreshold(), now - previous > threshold {
            events.append(TimelineEvent(ts: previous, vr: nil, detail: .captureGap(.noPackets(duration: now - previous))))
            resumeAll(at: now)
        }
        if schedule.anyDue(at: now) {
            for position in schedule.due(at: now) {
                schedule.note(position, deadline: trackers[position].advance(to: now, events: &events))
            }
        }
        floods.report(at: now, events: &events)
        return now
    }

    /// A stretch with no packets at all counts as a capture gap when it is longer than the silence
    /// timeout of every master still advertising: all of them falling silent at once is far less
    /// likely than the capture missing them. Nil (no gap possible) when nobody advertises.
    private func captureGapThreshold() -> Int64? {
        trackers.flatMap { tracker in
            tracker.advertising.compactMap { tracker.routers[$0]?.silenceTimeout }
        }.max()
    }

    /// No silence timeout is shorter than 3 × 10 ms + 10 ms + the allowance: a shorter stretch is no gap.
    private static let shortestGap = 4 * 10 * TimelineRules.millisecond + TimelineRules.processingAllowance

    private mutating func resumeAll(at time: Int64) {
        for position in trackers.indices { trackers[position].captureResumed(at: time) }
    }

    /// Held announcements whose release had no timer (`VirtualRouterTracker.releaseWakes`) are released
    /// before the tracker's packet at `now`, as a timer would have at the tick. Every other timer due by
    /// `now` ran at the tick, and such a release only credits a master: nothing else to run or note.
    private mutating func releaseOverdue(_ position: Int, at now: Int64, events: inout [TimelineEvent]) {
        guard trackers[position].hasOverdueRelease(at: now) else { return }
        guard !trackers[position].releaseWakes else {
            return schedule.note(position, deadline: trackers[position].advance(to: now, events: &events))
        }
        trackers[position].releaseHeldAnnouncements(upTo: now, events: &events)
    }

    private mutating func noteDeadline(of position: Int) {
        schedule.note(position, deadline: trackers[position].nextDeadline)
    }

    /// Events of one call in time order; at equal times a master change comes before what it explains
    /// (a split brain beginning with that master's first advert).
    @inline(__always)
    private func ordered(_ events: [TimelineEvent]) -> [TimelineEvent] {
        events.count > 1 ? sorted(events) : events
    }

    /// Sorts the keys alone, then takes the events in their order: sorting the events themselves moved
    /// each of them many times (a flood's end: a thousand events, a sixth of its reading thread).
    private func sorted(_ events: [TimelineEvent]) -> [TimelineEvent] {
        let keys = events.indices.map { (events[$0].ts, events[$0].kind == .master ? 0 : 1, $0) }
        return keys.sorted { $0 < $1 }.map { events[$0.2] }
    }

    // MARK: - Frames

    /// Where `frame` goes, choosing (and reporting as a collision) a new group for a router's first
    /// advert; nil for an announcement of an address no virtual router has claimed.
    ///
    /// The layers are matched in place, once: `network.payload`, `vrrp` and `sourceIP` each copied what
    /// they returned (retaining its arrays), several times per frame.
    private mutating func file(_ frame: Frame, segment: Int, at now: Int64,
                               events: inout [TimelineEvent]) -> Filing? {
        switch frame.network {
        case .ipv4(let header, let payload):
            return file(payload, of: frame, from: .v4(header.source), segment: segment, at: now, events: &events)
        case .ipv6(let header, let payload):
            return file(payload, of: frame, from: .v6(header.source), segment: segment, at: now, events: &events)
        default:
            return fileAnnouncement(frame, segment: segment, at: now)
        }
    }

    private mutating func file(_ payload: IPPayload, of frame: Frame, from source: IPAddress, segment: Int,
                               at now: Int64, events: inout [TimelineEvent]) -> Filing? {
        switch payload {
        case .malformed(IPProtocol.vrrp, _, _):
            noteMalformed(MalformedVRRP(source: source, problems: frame.problems), at: now, events: &events)
            return nil  // never a route to keep: each copy is counted
        case .vrrp(let packet):
            return file(packet, insideAH: false, of: frame, from: source, segment: segment, at: now, events: &events)
        case .authenticated(_, .vrrp(let packet)):
            return file(packet, insideAH: true, of: frame, from: source, segment: segment, at: now, events: &events)
        default:
            return fileAnnouncement(frame, segment: segment, at: now)
        }
    }

    private mutating func file(_ packet: VRRPPacket, insideAH: Bool, of frame: Frame, from source: IPAddress,
                               segment: Int, at now: Int64, events: inout [TimelineEvent]) -> Filing? {
        guard ObservedAdvert.isAdvert(packet) else { return .ignored }
        let domain = Self.domainKey(segment: segment, family: source.isIPv6 ? .ipv6 : .ipv4, vrid: packet.vrid)
        guard let tracker = memberships[Membership(domain: domain, router: source)]
            ?? group(in: domain, of: ArrivingAdvert(packet, insideAH: insideAH, from: source, segment: segment),
                     at: now, events: &events) else {
            return nil  // past a flood bound: counted, not analysed
        }
        let advert = ObservedAdvert(packet, addresses: addressArrays.array(of: packet.addresses), insideAH: insideAH,
                                    from: source, mac: frame.link.sourceMAC, segment: segment)
        let router = trackers[tracker].routers.position(of: source)
        return .advert(advert, tracker: tracker, router: router)
    }

    private mutating func fileAnnouncement(_ frame: Frame, segment: Int, at now: Int64) -> Filing? {
        guard let announcement = AddressAnnouncement(frame) else { return .ignored }
        guard let owner = addressOwners[AddressOnSegment(segment: segment, address: announcement.address)] else {
            holdUnclaimed(announcement, segment: segment, at: now)
            return nil
        }
        return .announcement(announcement, owner: owner)
    }

    /// The route to keep for a frame's repeats: its advert's router is known by now.
    private func finalRoute(_ filing: Filing) -> Route? {
        guard case .advert(let advert, let tracker, nil) = filing else { return .keeping(filing) }
        guard let known = trackers[tracker].routers.position(of: advert.source) else { return nil }
        return .keeping(.advert(advert, tracker: tracker, router: known))
    }

    private mutating func follow(_ route: Route, at now: Int64, events: inout [TimelineEvent]) {
        guard let tracker = route.tracker else { return }
        if let advert = route.advert {
            handleAdvert(advert, tracker: tracker, router: route.router, at: now, events: &events)
        } else if let announcement = route.announcement {
            handleAnnouncement(announcement, owner: tracker, at: now, events: &events)
        }
    }

    private mutating func follow(_ filing: Filing, at now: Int64, events: inout [TimelineEvent]) {
        switch filing {
        case .advert(let advert, let tracker, let router):
            handleAdvert(advert, tracker: tracker, router: router, at: now, events: &events)
        case .announcement(let announcement, let owner):
            handleAnnouncement(announcement, owner: owner, at: now, events: &events)
        case .ignored: break
        }
    }

    private mutating func handleAnnouncement(_ announcement: AddressAnnouncement, owner: Int, at now: Int64,
                                             events: inout [TimelineEvent]) {
        releaseOverdue(owner, at: now, events: &events)
        schedule.note(owner, deadline: trackers[owner].handleAnnouncement(announcement, at: now, events: &events))
    }

    private mutating func handleAdvert(_ advert: ObservedAdvert, tracker position: Int, router: Int?, at now: Int64,
                                       events: inout [TimelineEvent]) {
        releaseOverdue(position, at: now, events: &events)
        if router == nil, !unclaimedAnnouncements.isEmpty { handOverUnclaimed(to: position, advert: advert, at: now) }
        let changed = trackers[position].handleAdvert(from: advert.source, knownAt: router, mac: advert.mac,
                                                      priority: advert.priority, settings: advert.settings,
                                                      at: now, events: &events)
        // Steady adverts only push deadlines later and add no address: skip the bookkeeping.
        guard changed else { return }
        for address in advert.offered.addresses {
            let key = AddressOnSegment(segment: advert.segment, address: address)
            if addressOwners[key] == nil { addressOwners[key] = position }
        }
        noteDeadline(of: position)
    }

    private mutating func noteMalformed(_ packet: MalformedVRRP, at now: Int64, events: inout [TimelineEvent]) {
        if let position = malformed[packet] {
            malformedTallies[position].count += 1
            malformedTallies[position].last = now
            return
        }
        guard malformedTallies.count < Self.keptMalformedSenders else { return malformedOverflow += 1 }
        malformed[packet] = malformedTallies.count
        malformedTallies.append(MalformedTally(packet: packet, count: 1, first: now, last: now))
        events.append(TimelineEvent(ts: now, vr: nil, detail: .malformed(packet)))
    }

    private mutating func holdUnclaimed(_ announcement: AddressAnnouncement, segment: Int, at now: Int64) {
        guard announcement.isUnsolicited, announcement.sender == nil, let mac = announcement.mac else { return }
        unclaimedAnnouncements.removeAll { now - $0.held.time > TimelineRules.announcementLead }
        guard unclaimedAnnouncements.count < HeldAnnouncement.limit else { return }
        unclaimedAnnouncements.append((segment, mac, HeldAnnouncement(address: announcement.address, time: now)))
    }

    /// A router's first advert: the unclaimed announcements of its addresses within the lead go to its
    /// group, to be credited when its term begins.
    private mutating func handOverUnclaimed(to position: Int, advert: ObservedAdvert, at now: Int64) {
        let virtualMAC = MACAddress.virtualRouter(vrid: advert.vrid, ipv6: advert.family == .ipv6)
        var kept: [(segment: Int, mac: MACAddress, held: HeldAnnouncement)] = []
        for entry in unclaimedAnnouncements where now - entry.held.time <= TimelineRules.announcementLead {
            if entry.segment == advert.segment, entry.mac == virtualMAC,
               advert.offered.addresses.contains(entry.held.address) {
                trackers[position].holdAnnouncement(entry.held, mac: virtualMAC)
            } else {
                kept.append(entry)
            }
        }
        unclaimedAnnouncements = kept
    }

    /// The group of `domain` a router not seen before in it joins: the first whose virtual addresses
    /// overlap its own. Disjoint addresses make a new group: a VRID collision. Nil when that group is
    /// full or no new group may be made (`FloodLimits`): the advert is then only counted.
    private mutating func group(in domain: Int, of advert: ArrivingAdvert, at now: Int64,
                                events: inout [TimelineEvent]) -> Int? {
        guard let position = chooseGroup(in: domain, of: advert, at: now, events: &events) else { return nil }
        floods.admit(into: position)
        memberships[Membership(domain: domain, router: advert.source)] = position
        return position
    }

    private mutating func chooseGroup(in domain: Int, of advert: ArrivingAdvert, at now: Int64,
                                      events: inout [TimelineEvent]) -> Int? {
        // Under a flood this runs for every advert: one look-up, positions rather than copies of trackers.
        let slot = domains.index(forKey: domain)
        let others = slot.map { domains.values[$0].groups } ?? []
        let source = advert.source
        let bits = VirtualRouterTracker.bits(of: advert.addresses)
        for position in others where trackers[position].sharesAddress(with: advert.addresses, bits: bits) {
            guard floods.admitsRouter(into: position) else {
                turnAway(source, in: domain, of: advert, slot: slot, limit: .routers, at: now)
                return nil
            }
            return position
        }
        if let limit = floods.boundOnNewGroup(groups: others.count, virtualRouters: trackers.count) {
            turnAway(source, in: domain, of: advert, slot: slot, limit: limit, at: now)
            return nil
        }
        let id = VirtualRouterID(segment: segments[advert.segment], family: advert.family, vrid: advert.vrid,
                                 group: others.count)
        domains[domain, default: CollisionDomain()].groups.append(trackers.count)
        var tracker = VirtualRouterTracker(id: id)
        if !others.isEmpty {
            let otherRouters = others.flatMap { trackers[$0].routers }
            let collision = Collision(
                routers: [source] + otherRouters.map(\.address).sorted(),
                addresses: advert.addresses.array,
                otherAddresses: others.reduce(into: Set<IPAddress>()) { $0.formUnion(trackers[$1].addresses) }.sorted(),
                authDiffers: otherRouters.contains { $0.settings.authentication != advert.authentication })
            tracker.emit(now, .collision(collision), into: &events)
            for position in others { trackers[position].noteCollision() }
        }
        trackers.append(tracker)
        schedule.insert(trackers.count - 1, id: id) { trackers[$0].id }
        return trackers.count - 1
    }

    /// Counts an advert past a flood bound in its domain's flood (which a domain with no group yet gets
    /// while their number is bounded; past it, the capture-wide one).
    private mutating func turnAway(_ source: IPAddress, in domain: Int, of advert: ArrivingAdvert,
                                   slot: Dictionary<Int, CollisionDomain>.Index?, limit: Flood.Limit, at now: Int64) {
        let flood = slot.flatMap { domains.values[$0].flood }
        let vr = floods.namesFlood(at: flood)
            ? VirtualRouterID(segment: segments[advert.segment], family: advert.family, vrid: advert.vrid) : nil
        if let slot {
            floods.turnAway(source, in: vr, shared: false, flood: &domains.values[slot].flood, limit: limit, at: now)
        } else if domains.count < FloodLimits.floodedVRIDs + FloodLimits.virtualRouters {
            floods.turnAway(source, in: vr, shared: false, flood: &domains[domain, default: CollisionDomain()].flood,
                            limit: limit, at: now)
        } else {
            var shared: Int?
            floods.turnAway(source, in: nil, shared: true, flood: &shared, limit: limit, at: now)
        }
    }
}
