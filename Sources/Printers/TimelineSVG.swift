import Codec
import ElectionModel
import Sniffer

/// The timeline of one virtual router as inline SVG: a time axis, a strip of labelled events, and a
/// lane per router with its reigns as master, its priority, its GARP/NA bursts and late adverts; failover
/// gaps, split brains and capture gaps are bands across the lanes. Every shape has a `<title>` (the
/// browser's hover tooltip); master spans carry their exact times in `data-start` / `data-end`.
package struct TimelineSVG {
    package let model: VirtualRouterModel
    package let scale: TimeScale
    /// Capture-wide events (`capture-gap`), drawn in every virtual router.
    package let captureEvents: [TimelineEvent]
    package let describe: (TimelineEvent) -> String
    /// `--what-if --report`: the virtual router's lane and the models' terms, drawn as modelled.
    package var whatIf: WhatIfLane? = nil

    private typealias L = ReportLayout

    private struct Badge {
        var time: Int64
        var label: String
        var title: String
        var kind: String
        var color: String
        var guide: Bool
        var row = 0
        var labelled = true
        var left = 0.0
        var width = 0.0
    }

    package func render(into m: inout Markup) {
        let badges = placedBadges()
        let rows = badges.map(\.row).max().map { $0 + 1 } ?? 1
        let stripTop = L.axisHeight + 4
        let laneTop = stripTop + Double(rows) * L.badgeRowHeight + 6
        let laneCount = max(1, model.routers.count) + (whatIf == nil ? 0 : 1)
        let laneBottom = laneTop + Double(laneCount) * L.laneHeight
        let height = laneBottom + 8
        let c = ReportFormat.coordinate

        m.open("svg", ["class": "timeline", "width": c(L.width), "height": c(height),
                       "viewBox": "0 0 \(c(L.width)) \(c(height))", "role": "img",
                       "aria-label": "Election timeline of \(model.key)", "data-vr": model.key])
        // Axis: the date and zone in the gutter, round local times on top, grid lines through the lanes.
        let first = LocalClock(scale.captureStart)
        m.element("text", ["class": "axis-date", "x": "10", "y": "17"],
                  text: "\(first.date) \(ReportFormat.zone(at: scale.captureStart))")
        m.element("text", ["class": "router-meta", "x": "10", "y": c(stripTop + 13)], text: "events")
        // Lanes: background, colour bar and the router's name in the gutter.
        for (index, router) in model.routers.enumerated() {
            renderLaneFrame(router, index: index, top: laneTop + Double(index) * L.laneHeight, into: &m)
        }
        if model.routers.isEmpty {
            m.element("text", ["class": "router-meta", "x": c(L.gutter + 8), "y": c(laneTop + 36)],
                      text: "no complete advert: no router to draw")
        }

        renderGrid(laneBottom: laneBottom, into: &m)
        renderBands(laneTop: laneTop, laneBottom: laneBottom, into: &m)

        for (index, router) in model.routers.enumerated() {
            renderLaneContent(router, index: index, top: laneTop + Double(index) * L.laneHeight, into: &m)
        }
        if let whatIf {
            renderWhatIf(whatIf, laneTop: laneTop, laneBottom: laneBottom,
                         top: laneBottom - L.laneHeight, into: &m)
        }

        // The event strip last, so that badges and their guides are on top.
        for badge in badges {
            renderBadge(badge, stripTop: stripTop, laneBottom: laneBottom, into: &m)
        }
        m.close("svg")
    }

    /// Grid lines at the ticks, the time outside the capture greyed, and its first and last packet.
    private func renderGrid(laneBottom: Double, into m: inout Markup) {
        let c = ReportFormat.coordinate
        for (from, to) in [(scale.start, scale.captureStart), (scale.captureEnd, scale.end)] where to > from {
            m.empty("rect", ["class": "outside", "x": c(scale.x(from)), "y": "22", "width": c(scale.x(to) - scale.x(from)),
                             "height": c(laneBottom - 22), "fill": "#eef2f6"])
        }
        for (time, label) in scale.ticks() {
            let x = c(scale.x(time))
            m.empty("line", ["class": "grid", "x1": x, "x2": x, "y1": "21", "y2": c(laneBottom)])
            m.element("text", ["class": "tick-label", "x": x, "y": "16", "text-anchor": "middle"], text: label)
        }
        m.empty("line", ["x1": c(L.gutter), "x2": c(L.width - L.rightPad), "y1": "21", "y2": "21",
                         "stroke": "#94a3b8", "stroke-width": "1"])
        for (time, what) in [(scale.captureStart, "first packet"), (scale.captureEnd, "last packet")] {
            let x = c(scale.x(time))
            m.shape("line", ["class": "capture-edge", "x1": x, "x2": x, "y1": "22", "y2": c(laneBottom),
                             "stroke": "#94a3b8", "stroke-width": "1", "stroke-dasharray": "2 2"],
                    title: "\(what) of the capture: \(ReportFormat.dateTime(time))")
        }
    }

    // MARK: - Lanes

    func laneIndex(of router: IPAddress) -> Int? {
        model.routers.firstIndex { $0.address == router }
    }

    private func color(of router: IPAddress) -> String {
        laneIndex(of: router).map(ReportStyle.routerColor) ?? "#334155"
    }

    private func renderLaneFrame(_ router: RouterSummary, index: Int, top: Double, into m: inout Markup) {
        let c = ReportFormat.coordinate
        let color = ReportStyle.routerColor(index)
        m.open("g", ["class": "lane", "data-router": router.address.description, "data-vr": model.key,
                     "data-vrid": String(model.summary.vr.vrid)])
        m.shape("rect", ["class": "lane-bg" + (index % 2 == 1 ? " odd" : ""), "x": "0", "y": c(top),
                         "width": c(L.width - L.rightPad), "height": c(L.laneHeight)], title: routerTitle(router))
        m.empty("line", ["x1": "0", "x2": c(L.width - L.rightPad), "y1": c(top), "y2": c(top), "stroke": "#e2e8f0"])
        m.empty("rect", ["x": "0", "y": c(top + 1), "width": "5", "height": c(L.laneHeight - 2), "fill": color])
        // Long IPv6 addresses are squeezed to fit the gutter.
        let name = router.address.description
        let fits = BadgeRows.textWidth(name, size: 13, bold: true) <= L.gutter - 22
        m.element("text", ["class": "router-name", "x": "14", "y": c(top + 20), "fill": color,
                           "textLength": fits ? nil : c(L.gutter - 22), "lengthAdjust": fits ? nil : "spacingAndGlyphs"],
                  text: name)
        var meta = ["prio \(router.priority)", "v\(router.version)", ReportFormat.duration(router.interval)]
        if router.authentication != "none" { meta.append(router.authentication) }
        m.element("text", ["class": "router-meta", "x": "14", "y": c(top + 36)], text: meta.joined(separator: " · "))
        let role: (String, String)
        if model.summary.master == router.address {
            role = ("MASTER", color)
        } else if router.isAdvertising && model.contenders.contains(router.address) {
            role = ("ADVERTISING AS MASTER", "#dc2626")
        } else if router.priority == 0 {
            role = ("RESIGNED", "#64748b")
        } else {
            role = ("SILENT SINCE \(ReportFormat.timeOfDay(router.lastAdvert, decimals: 3))", "#64748b")
        }
        m.element("text", ["class": "router-role", "x": "14", "y": c(top + 52), "fill": role.1], text: role.0)
        m.close("g")
    }

    private func routerTitle(_ router: RouterSummary) -> String {
        var lines = ["\(router.address)" + (router.mac.map { " (\($0))" } ?? "")]
        lines.append("priority \(router.priority) (as last advertised), VRRPv\(router.version), interval "
            + "\(ReportFormat.duration(router.interval)), auth \(router.authentication)")
        lines.append("\(router.adverts) adverts, first \(ReportFormat.dateTime(router.firstAdvert)), "
            + "last \(ReportFormat.dateTime(router.lastAdvert))")
        lines.append("\(router.masterTerms) term\(router.masterTerms == 1 ? "" : "s") advertising as master, "
            + "\(ReportFormat.duration(router.masterTime)) in all")
        if let jitter = router.jitter, let maximum = router.maxSpacing {
            lines.append("advert spacing jitter \(ReportFormat.duration(jitter)), max \(ReportFormat.duration(maximum)), "
                + "\(router.lateAdverts) late")
        }
        if !router.addresses.isEmpty {
            lines.append("virtual addresses " + router.addresses.map(\.description).joined(separator: ", "))
        }
        return lines.joined(separator: "\n")
    }

    private func renderLaneContent(_ router: RouterSummary, index: Int, top: Double, into m: inout Markup) {
        let c = ReportFormat.coordinate
        let color = ReportStyle.routerColor(index)
        let address = router.address
        m.open("g", ["class": "lane-content", "data-router": address.description])
        let barY = c(top + L.barTop)
        let barH = c(L.barHeight)
        let reigns = model.spans.filter { $0.router == address }
        let terms = VirtualRouterModel.terms(of: router)

        // Advertising as master while another router was the elected one (split brain, preemption overlap).
        for term in terms {
            for piece in Intervals.subtract(reigns.map { ($0.start, $0.end) }, from: term)
            where scale.width(from: piece.start, to: piece.end) >= 1 {
                m.shape("rect", ["class": "advertising", "x": c(scale.clampedX(piece.start)), "y": c(top + L.barTop + 3),
                                 "width": c(scale.width(from: piece.start, to: piece.end, minimum: 2)),
                                 "height": c(L.barHeight - 6), "rx": "2", "fill": color, "fill-opacity": "0.22",
                                 "stroke": color, "stroke-dasharray": "4 2"],
                        title: "\(address) advertised as master without being the elected master\n"
                            + "\(ReportFormat.dateTime(piece.start)) → \(ReportFormat.dateTime(piece.end)) "
                            + "(\(ReportFormat.duration(piece.end - piece.start)))")
            }
        }

        for span in reigns {
            let x = scale.clampedX(span.start)
            let width = scale.width(from: span.start, to: span.end, minimum: 2)
            m.shape("rect", ["class": "master-span", "x": c(x), "y": barY, "width": c(width), "height": barH, "rx": "3",
                             "fill": color, "data-router": address.description,
                             "data-vrid": String(model.summary.vr.vrid), "data-vr": model.key,
                             "data-start": ReportFormat.epoch(span.start), "data-end": ReportFormat.epoch(span.end),
                             "data-cause": span.change.cause.rawValue, "data-priority": String(span.change.priority)],
                    title: spanTitle(span))
            // Parts of the reign without adverts from it: it resigned or went silent, nobody took over yet.
            for piece in Intervals.subtract(VirtualRouterModel.activity(of: router), from: (span.start, span.end))
            where scale.width(from: piece.start, to: piece.end) >= 1 {
                m.shape("rect", ["class": "silent", "x": c(scale.clampedX(piece.start)), "y": barY,
                                 "width": c(scale.width(from: piece.start, to: piece.end)), "height": barH,
                                 "fill": "url(#silent-hatch)"],
                        title: "no adverts from \(address) as master from \(ReportFormat.dateTime(piece.start)) "
                            + "to \(ReportFormat.dateTime(piece.end)) (\(ReportFormat.duration(piece.end - piece.start)))")
            }
            let label = "master · prio \(span.change.priority)"
            if width > BadgeRows.textWidth(label) + 12 {
                m.element("text", ["class": "span-label", "x": c(x + 6), "y": c(top + L.barTop + 15), "stroke": color],
                          text: label)
            } else if width > BadgeRows.textWidth("\(span.change.priority)") + 8 {
                m.element("text", ["class": "span-label", "x": c(x + 4), "y": c(top + L.barTop + 15), "stroke": color],
                          text: "\(span.change.priority)")
            }
        }

        renderPriority(router, color: color, top: top, into: &m)

        for burst in router.history.bursts {
            let x = scale.clampedX(burst.start)
            let y = top + L.garpTop
            m.shape("path", ["class": "garp",
                             "d": "M\(c(x - 4)) \(c(y))H\(c(x + 4))L\(c(x)) \(c(y + L.garpHeight))Z",
                             "fill": "#1e293b", "data-time": ReportFormat.epoch(burst.start)],
                    title: "gratuitous ARP / unsolicited NA burst from \(address): \(burst.size) per address\n"
                        + "\(ReportFormat.dateTime(burst.start))"
                        + (burst.end > burst.start ? " → \(ReportFormat.timeOfDay(burst.end, decimals: 6))" : ""))
        }

        for event in model.events where event.kind == .lateAdvert && event.router == address {
            let x = scale.clampedX(event.ts)
            let y = top + L.barTop
            m.shape("path", ["class": "marker late-advert",
                             "d": "M\(c(x)) \(c(y - 6))L\(c(x + 5)) \(c(y))L\(c(x)) \(c(y + 6))L\(c(x - 5)) \(c(y))Z",
                             "fill": ReportStyle.color("late-advert"), "stroke": "#713f12", "stroke-width": "0.8"],
                    title: eventTitle(event))
        }
        m.close("g")
    }

    private func spanTitle(_ span: MasterSpan) -> String {
        let change = span.change
        var lines = ["\(change.router) master, priority \(change.priority) — \(change.cause.rawValue)"
            + (change.previous.map { " from \($0)" } ?? "")]
        lines.append("from \(ReportFormat.dateTime(span.start))")
        lines.append("to   \(ReportFormat.dateTime(span.end))" + (span.untilCaptureEnd ? " (end of capture)" : ""))
        lines.append("reign \(ReportFormat.duration(span.end - span.start))")
        if let gap = change.gap { lines.append("failover gap \(ReportFormat.duration(gap))") }
        if let delay = change.announcementDelay {
            lines.append("first GARP/NA \(ReportFormat.duration(delay)) after its first advert"
                + (change.burstSize.map { ", burst \($0)" } ?? ""))
        } else {
            lines.append("no GARP/NA seen")
        }
        if change.followsPriorityDrop { lines.append("after a priority drop of the previous master") }
        if change.followsPriorityRise { lines.append("after its own priority rose") }
        if let outage = change.outage { lines.append("no master for \(ReportFormat.duration(outage)) before") }
        if !change.contenders.isEmpty {
            lines.append("tie-break among " + change.contenders.map(\.description).joined(separator: ", "))
        }
        return lines.joined(separator: "\n")
    }

    /// A step line of the priorities the router advertised, solid while known, dotted after its last advert
    /// (backups are silent: their priority is unknown), with the value at each step.
    private func renderPriority(_ router: RouterSummary, color: String, top: Double, into m: inout Markup) {
        let steps = router.history.priorities
        guard let first = steps.first else { return }
        let c = ReportFormat.coordinate
        func y(_ priority: UInt8) -> Double {
            guard priority > 0 else { return top + L.priorityZero }
            guard let range = model.priorityRange, range.upperBound > range.lowerBound else {
                return top + (L.priorityTop + L.priorityBottom) / 2
            }
            let share = Double(Int(priority) - range.lowerBound) / Double(range.upperBound - range.lowerBound)
            return top + L.priorityBottom - share * (L.priorityBottom - L.priorityTop)
        }
        let lastKnown = max(router.lastAdvert, steps.last?.time ?? first.time)
        var path = "M\(c(scale.clampedX(first.time))) \(c(y(first.priority)))"
        for step in steps.dropFirst() {
            path += "H\(c(scale.clampedX(step.time)))V\(c(y(step.priority)))"
        }
        path += "H\(c(scale.clampedX(lastKnown)))"
        let history = steps.prefix(12).map { "\($0.priority) from \(ReportFormat.timeOfDay($0.time, decimals: 3))" }
            .joined(separator: "\n") + (steps.count > 12 ? "\n…" : "")
        m.shape("path", ["class": "priority", "d": path, "fill": "none", "stroke": color, "stroke-width": "2",
                         "stroke-linejoin": "round"],
                title: "priority advertised by \(router.address)\n" + history)
        if lastKnown < scale.end, let last = steps.last {
            m.shape("path", ["class": "priority-unknown",
                             "d": "M\(c(scale.clampedX(lastKnown))) \(c(y(last.priority)))H\(c(scale.clampedX(scale.end)))",
                             "fill": "none", "stroke": color, "stroke-width": "1.5", "stroke-dasharray": "1 4",
                             "stroke-linecap": "round"],
                    title: "\(router.address) silent since \(ReportFormat.dateTime(lastKnown)): "
                        + "priority unknown (last advertised \(last.priority))")
        }
        var lastLabelX = -Double.infinity
        for step in steps {
            let x = scale.clampedX(step.time)
            guard x - lastLabelX >= 30 else { continue }
            lastLabelX = x
            m.element("text", ["class": "prio-label", "x": c(x + 3), "y": c(y(step.priority) + 3.5), "fill": color],
                      text: step.priority == 0 ? "0 resigned" : "\(step.priority)")
        }
    }

    // MARK: - Bands

    private func renderBands(laneTop: Double, laneBottom: Double, into m: inout Markup) {
        let c = ReportFormat.coordinate
        for gap in model.gaps {
            m.shape("rect", ["class": "band failover-gap", "x": c(scale.clampedX(gap.from)), "y": c(laneTop),
                             "width": c(scale.width(from: gap.from, to: gap.to, minimum: 2.5)),
                             "height": c(laneBottom - laneTop), "fill": "url(#gap-hatch)",
                             "data-start": ReportFormat.epoch(gap.from), "data-end": ReportFormat.epoch(gap.to)],
                    title: (gap.change.cause == .recovered ? "outage" : "failover gap")
                        + " \(ReportFormat.duration(gap.to - gap.from)): no master\n"
                        + "\(gap.change.previous.map(\.description) ?? "?") last advert \(ReportFormat.dateTime(gap.from))\n"
                        + "\(gap.change.router) first advert \(ReportFormat.dateTime(gap.to)) (\(gap.change.cause.rawValue))")
        }
        for brain in model.splitBrains {
            let title = "SPLIT BRAIN: \(brain.routers.map(\.description).joined(separator: ", ")) all advertise as master\n"
                + "from \(ReportFormat.dateTime(brain.start))\n"
                + (brain.ongoing ? "still going on at the end of the capture"
                    : "to   \(ReportFormat.dateTime(brain.end)) (\(ReportFormat.duration(brain.end - brain.start)))")
            for router in brain.routers {
                guard let lane = laneIndex(of: router) else { continue }
                let top = laneTop + Double(lane) * L.laneHeight
                m.shape("rect", ["class": "band split-brain", "x": c(scale.clampedX(brain.start)), "y": c(top + 2),
                                 "width": c(scale.width(from: brain.start, to: brain.end, minimum: 2)),
                                 "height": c(L.laneHeight - 4), "fill": "#dc2626", "fill-opacity": "0.13",
                                 "stroke": "#dc2626", "stroke-width": "1.2"],
                        title: title)
            }
        }
        for event in captureEvents {
            guard case .captureGap(let gap) = event.detail else { continue }
            var end = event.ts
            if case .noPackets(let duration) = gap { end = event.ts + duration }
            m.shape("rect", ["class": "band capture-gap", "x": c(scale.clampedX(event.ts)), "y": c(laneTop),
                             "width": c(scale.width(from: event.ts, to: end, minimum: 2.5)),
                             "height": c(laneBottom - laneTop), "fill": "url(#capture-hatch)"],
                    title: eventTitle(event) + "\n(what the capture missed, not a router failure)")
        }
    }

    // MARK: - Event strip

    private func eventTitle(_ event: TimelineEvent) -> String {
        "\(ReportFormat.dateTime(event.ts))  \(event.kind.rawValue)\n\(describe(event))"
    }

    private func badges() -> [Badge] {
        var badges: [Badge] = []
        for event in VirtualRouterModel.timeOrdered(model.events + captureEvents) {
            let title = eventTitle(event)
            let kind = event.kind.rawValue
            let color = ReportStyle.color(kind)
            switch event.detail {
            case .master(let change):
                let label = change.cause.rawValue + (change.gap.map { " · gap " + ReportFormat.duration($0) } ?? "")
                badges.append(Badge(time: event.ts, label: label, title: title, kind: kind,
                                    color: self.color(of: change.router), guide: false))
            case .resign:
                badges.append(Badge(time: event.ts, label: "resign", title: title, kind: kind, color: color, guide: false))
            case .splitBrain:
                let span = model.splitBrains.first { $0.start == event.ts }
                let label = "SPLIT BRAIN" + (span.map { $0.ongoing ? " (ongoing)" : " " + ReportFormat.duration($0.end - $0.start) } ?? "")
                badges.append(Badge(time: event.ts, label: label, title: title, kind: kind, color: color, guide: true))
            case .mismatch(let mismatch):
                badges.append(Badge(time: event.ts, label: "mismatch: \(mismatch.what.rawValue)", title: title, kind: kind,
                                    color: color, guide: true))
            case .collision:
                badges.append(Badge(time: event.ts, label: "VRID collision", title: title, kind: kind, color: color, guide: true))
            case .staleARP(let finding):
                badges.append(Badge(time: event.ts, label: "stale ARP \(finding.address)", title: title, kind: kind,
                                    color: color, guide: true))
            case .conflict(let finding):
                badges.append(Badge(time: event.ts, label: "conflict \(finding.address)", title: title, kind: kind,
                                    color: color, guide: true))
            case .silence(_, _, let resigned):
                badges.append(Badge(time: event.ts, label: resigned ? "no master (resigned)" : "silence: no master",
                                    title: title, kind: kind, color: color, guide: true))
            case .lateAdvert(let router, _, _):
                if laneIndex(of: router) == nil {
                    badges.append(Badge(time: event.ts, label: "late advert", title: title, kind: kind, color: color,
                                        guide: true))
                }
            case .captureGap:
                badges.append(Badge(time: event.ts, label: "capture gap", title: title, kind: kind, color: color, guide: true))
            case .malformed(let packet):
                badges.append(Badge(time: event.ts, label: "malformed VRRP from \(packet.source)", title: title, kind: kind,
                                    color: color, guide: true))
            case .flood(let flood):
                badges.append(Badge(time: event.ts, label: "flood: \(flood.adverts) adverts", title: title, kind: kind,
                                    color: color, guide: true))
            case .priority, .splitBrainEnd, .backup, .fault, .initialize, .peerIgnoresUs, .flapHold, .addressRestored, .syncGroupSplit:
                break
            }
        }
        return badges
    }

    private func placedBadges() -> [Badge] {
        var rows = BadgeRows(maxRows: L.maxBadgeRows)
        let right = L.width - L.rightPad
        return badges().map { badge in
            var badge = badge
            let x = scale.clampedX(badge.time)
            badge.width = BadgeRows.textWidth(badge.label, bold: true) + 12
            badge.left = x + badge.width <= right + 4 ? x : x - badge.width
            let place = rows.place(from: badge.left, to: badge.left + badge.width)
            badge.row = place.row
            badge.labelled = place.labelled
            return badge
        }
    }

    private func renderBadge(_ badge: Badge, stripTop: Double, laneBottom: Double, into m: inout Markup) {
        let c = ReportFormat.coordinate
        let x = scale.clampedX(badge.time)
        let top = stripTop + Double(badge.row) * L.badgeRowHeight
        let height = L.badgeRowHeight - 3
        m.open("g", ["class": "badge \(badge.kind)", "data-time": ReportFormat.epoch(badge.time)])
        m.title(badge.title)
        if badge.guide {
            m.empty("line", ["x1": c(x), "x2": c(x), "y1": c(top + height), "y2": c(laneBottom), "stroke": badge.color,
                             "stroke-width": "1.2", "stroke-dasharray": "3 3", "opacity": "0.8"])
        } else {
            m.empty("line", ["x1": c(x), "x2": c(x), "y1": c(top + height), "y2": c(laneBottom), "stroke": badge.color,
                             "stroke-width": "1", "opacity": "0.35"])
        }
        if badge.labelled {
            m.empty("rect", ["x": c(badge.left), "y": c(top), "width": c(badge.width), "height": c(height), "rx": "4",
                             "fill": badge.color])
            m.element("text", ["class": "badge-label", "x": c(badge.left + 6), "y": c(top + 12)], text: badge.label)
        } else {
            m.empty("circle", ["cx": c(x), "cy": c(top + height / 2), "r": "5", "fill": badge.color,
                               "stroke": "#ffffff", "stroke-width": "1.5"])
        }
        m.close("g")
    }
}
