import Codec
import ElectionModel
import Sniffer

/// A router's reign as master: from its master event until another router takes over from it, or,
/// when the takeover opened a split brain (both went on advertising as master), until it is the router
/// whose going quiet ended the split brain; else to the end of the capture. Reigns overlap only
/// during a split brain.
package struct MasterSpan {
    package var router: IPAddress
    package var start: Int64
    package var end: Int64
    package var change: MasterChange
    package var untilCaptureEnd: Bool
}

/// No master on the wire: from the old master's last advert to the new master's first.
package struct FailoverGap {
    package var from: Int64
    package var to: Int64
    package var change: MasterChange
}

package struct SplitBrainSpan {
    package var start: Int64
    package var end: Int64
    package var routers: [IPAddress]
    /// Still going on when the capture ended.
    package var ongoing: Bool
}

/// One virtual router as the report draws it, derived from its events and its summary.
package struct VirtualRouterModel {
    package let summary: VirtualRouterSummary
    /// The same label as the text timeline's: "vrid 51 ipv4 vlan 100.10 on eth0 group 1".
    package let key: String
    /// This virtual router's events in time order (they are emitted in the order they are decided).
    package let events: [TimelineEvent]
    /// Routers in the order they first advertised (the first master on top).
    package let routers: [RouterSummary]
    package let spans: [MasterSpan]
    package let gaps: [FailoverGap]
    package let splitBrains: [SplitBrainSpan]
    /// Routers advertising as master at the end that did so after the current master's reign began
    /// (a router merely not yet timed out when the capture stopped does not count).
    package let contenders: [IPAddress]
    /// Priorities advertised (non-zero) across the routers, to scale the priority lines alike.
    package let priorityRange: ClosedRange<Int>?

    package init(summary: VirtualRouterSummary, events all: [TimelineEvent], captureEnd: Int64) {
        self.summary = summary
        key = Self.key(summary.vr)
        events = Self.timeOrdered(all.filter { $0.vr == summary.vr })
        routers = summary.routers.sorted { ($0.firstAdvert, $0.address) < ($1.firstAdvert, $1.address) }

        let masters: [(ts: Int64, change: MasterChange)] = events.compactMap { event in
            if case .master(let change) = event.detail { (event.ts, change) } else { nil }
        }
        spans = Self.reigns(in: events, captureEnd: captureEnd)
        let vrEvents = events
        gaps = masters.compactMap { master in
            // A preemption or a claim that opened a split brain left no moment without a master.
            guard master.change.previous != nil, Self.hadNoMaster(before: master.change),
                  let gap = master.change.gap ?? master.change.outage,
                  !Self.opensSplitBrain(master.change, at: master.ts, in: vrEvents)
            else { return nil }
            return FailoverGap(from: master.ts - gap, to: master.ts, change: master.change)
        }
        var brains: [SplitBrainSpan] = []
        for event in events {
            guard case .splitBrain(let routers) = event.detail else { continue }
            let end = events.first { later in
                if case .splitBrainEnd(_, let started, _, _) = later.detail { return started == event.ts }
                return false
            }
            brains.append(SplitBrainSpan(start: event.ts, end: max(event.ts, end?.ts ?? captureEnd), routers: routers,
                                         ongoing: end == nil))
        }
        splitBrains = brains
        let reignStart = spans.last?.start ?? .min
        contenders = summary.routers.filter { router in
            router.isAdvertising && (router.address == summary.master || router.lastAdvert >= reignStart)
        }.map(\.address)
        let priorities = summary.routers.flatMap { $0.history.priorities.map { Int($0.priority) } }.filter { $0 > 0 }
        priorityRange = priorities.min().map { $0...(priorities.max() ?? $0) }
    }

    /// Whether the group was without a master from the previous master's last advert to this change:
    /// not when a live master was preempted or lost a tie-break (it advertised until it yielded).
    package static func hadNoMaster(before change: MasterChange) -> Bool {
        switch change.cause {
        case .masterDown, .resigned, .recovered: true
        case .tieBreak: !change.contenders.isEmpty  // backups that timed out together: the master was gone
        case .initial, .preempted, .splitBrain, .syncGroup: false
        }
    }

    /// A split brain is stamped where the overlap began, which is the claimant's master event.
    package static let sameMoment: Int64 = 1_000_000

    /// Whether a takeover was a claim while the previous master went on advertising (a split brain).
    package static func opensSplitBrain(_ change: MasterChange, at ts: Int64, in events: [TimelineEvent]) -> Bool {
        guard let previous = change.previous else { return false }
        return events.contains { event in
            guard case .splitBrain(let routers) = event.detail else { return false }
            return abs(event.ts - ts) <= sameMoment && routers.contains(previous)
        }
    }

    package static func reigns(in events: [TimelineEvent], captureEnd: Int64) -> [MasterSpan] {
        var spans: [MasterSpan] = []
        var open: [IPAddress: Int] = [:]
        func close(_ router: IPAddress, at end: Int64) {
            guard let index = open.removeValue(forKey: router) else { return }
            spans[index].end = max(spans[index].start, end)
            spans[index].untilCaptureEnd = false
        }
        for event in events {
            switch event.detail {
            case .master(let change):
                if let previous = change.previous, !opensSplitBrain(change, at: event.ts, in: events) {
                    close(previous, at: event.ts)
                }
                close(change.router, at: event.ts)
                open[change.router] = spans.count
                spans.append(MasterSpan(router: change.router, start: event.ts, end: max(event.ts, captureEnd),
                                        change: change, untilCaptureEnd: true))
            case .splitBrainEnd(_, _, _, let stopped):
                close(stopped, at: event.ts)
            case .resign(let router, _):
                // A master that resigned reigns no more, whether or not anyone takes over.
                close(router, at: event.ts)
            case .silence(let router, let lastAdvert, _):
                close(router, at: lastAdvert)
            default:
                break
            }
        }
        return spans
    }

    package static func key(_ vr: VirtualRouterID) -> String {
        var key = "vrid \(vr.vrid) \(vr.family.rawValue)"
        if let vlan = vr.vlan { key += " vlan " + (vr.outerVLAN.map { "\($0)." } ?? "") + "\(vlan)" }
        if let interface = vr.interface { key += " on \(interface)" }
        if vr.group > 0 { key += " group \(vr.group)" }
        return key
    }

    package static func timeOrdered(_ events: [TimelineEvent]) -> [TimelineEvent] {
        events.enumerated().sorted { ($0.element.ts, $0.offset) < ($1.element.ts, $1.offset) }.map(\.element)
    }

    /// The router's terms as master, the one still going ending at its last advert.
    package static func terms(of router: RouterSummary) -> [(start: Int64, end: Int64)] {
        router.history.terms.map { term in
            (term.start, max(term.start, term.end ?? router.lastAdvert))
        }
    }

    /// When the router was heard acting as master: its terms, each extended by one advert interval (its
    /// next advert was not due before) unless it ended with a resignation (priority 0).
    package static func activity(of router: RouterSummary) -> [(start: Int64, end: Int64)] {
        terms(of: router).map { term in
            // A resignation ends the term at the priority-0 advert itself.
            let resigned = router.history.priorities.contains { $0.priority == 0 && $0.time == term.end }
            return (term.start, resigned ? term.end : term.end + router.interval)
        }
    }
}

/// Interval arithmetic on sorted, disjoint [start, end] lists.
package enum Intervals {
    /// `base` minus the union of `holes`.
    package static func subtract(_ holes: [(start: Int64, end: Int64)], from base: (start: Int64, end: Int64))
        -> [(start: Int64, end: Int64)] {
        var pieces: [(start: Int64, end: Int64)] = []
        var cursor = base.start
        for hole in holes.sorted(by: { $0.start < $1.start }) where hole.end > cursor && hole.start < base.end {
            if hole.start > cursor { pieces.append((cursor, hole.start)) }
            cursor = max(cursor, hole.end)
            if cursor >= base.end { break }
        }
        if cursor < base.end { pieces.append((cursor, base.end)) }
        return pieces
    }
}
