import Codec
import ElectionModel

/// `--what-if --report`: what the replay computed, drawn apart from what was recorded. Modelled shapes
/// are purple, hatched and dashed (recorded ones are solid): the virtual router's lane below the
/// recorded routers, thin bars for the recorded routers' modelled terms, and a line at the divergence.
extension TimelineSVG {
    static let modelledColor = "#7c3aed"

    func renderWhatIf(_ lane: WhatIfLane, laneTop: Double, laneBottom: Double, top: Double, into m: inout Markup) {
        let c = ReportFormat.coordinate
        let L = ReportLayout.self
        let color = Self.modelledColor
        let you = lane.router.description

        m.open("g", ["class": "lane what-if", "data-router": you, "data-vr": model.key,
                     "data-vrid": String(model.summary.vr.vrid), "data-origin": "modelled"])
        m.shape("rect", ["class": "lane-bg modelled", "x": "0", "y": c(top), "width": c(L.width - L.rightPad),
                         "height": c(L.laneHeight)],
                title: "what-if: a virtual router \(you), priority \(lane.config.priority), VRRPv\(lane.config.version), "
                    + "interval \(ReportFormat.duration(lane.config.interval)), joined \(ReportFormat.dateTime(lane.joined))\n"
                    + "modelled by vrrpdump's state machine, not recorded; it would have sent \(lane.sent) adverts")
        m.empty("line", ["x1": "0", "x2": c(L.width - L.rightPad), "y1": c(top), "y2": c(top), "stroke": color,
                         "stroke-dasharray": "4 3"])
        m.empty("rect", ["x": "0", "y": c(top + 1), "width": "5", "height": c(L.laneHeight - 2), "fill": color])
        let fits = BadgeRows.textWidth("you " + you, size: 13, bold: true) <= L.gutter - 22
        m.element("text", ["class": "router-name", "x": "14", "y": c(top + 20), "fill": color,
                           "textLength": fits ? nil : c(L.gutter - 22), "lengthAdjust": fits ? nil : "spacingAndGlyphs"],
                  text: "you " + you)
        m.element("text", ["class": "router-meta", "x": "14", "y": c(top + 36)],
                  text: "prio \(lane.config.priority) · v\(lane.config.version) · \(ReportFormat.duration(lane.config.interval))")
        m.element("text", ["class": "router-role", "x": "14", "y": c(top + 52), "fill": color], text: "WHAT-IF (MODELLED)")
        m.close("g")

        m.open("g", ["class": "lane-content what-if", "data-router": you])
        let joinX = c(scale.clampedX(lane.joined))
        m.shape("line", ["class": "join", "x1": joinX, "x2": joinX, "y1": c(top + 6), "y2": c(top + L.laneHeight - 6),
                         "stroke": color, "stroke-width": "2"],
                title: "you join (listening) at \(ReportFormat.dateTime(lane.joined))")
        for term in lane.terms {
            renderModelledTerm(term, y: top + L.barTop, height: L.barHeight, cls: "what-if-span", into: &m)
            let label = "you · master · prio \(term.priority)"
            if scale.width(from: term.start, to: term.end) > BadgeRows.textWidth(label) + 12 {
                m.element("text", ["class": "modelled-label", "x": c(scale.clampedX(term.start) + 6),
                                   "y": c(top + L.barTop + 15)], text: label)
            }
        }
        for burst in lane.announcements {
            let x = scale.clampedX(burst.ts)
            let y = top + L.garpTop
            m.shape("path", ["class": "garp modelled", "d": "M\(c(x - 4)) \(c(y))H\(c(x + 4))L\(c(x)) \(c(y + L.garpHeight))Z",
                             "fill": "#ffffff", "stroke": color, "stroke-width": "1.2",
                             "data-time": ReportFormat.epoch(burst.ts)],
                    title: "modelled: you would have announced the virtual addresses ×\(burst.count)\n"
                        + ReportFormat.dateTime(burst.ts))
        }
        m.close("g")

        // The recorded routers as their models would have behaved once they heard you.
        for term in lane.modelledTerms {
            guard let index = laneIndex(of: term.router) else { continue }
            let laneY = laneTop + Double(index) * L.laneHeight
            renderModelledTerm(term, y: laneY + L.barTop + L.barHeight + 1, height: 5, cls: "modelled-span", into: &m)
        }

        if let divergence = lane.divergence {
            let x = c(scale.clampedX(divergence))
            m.shape("line", ["class": "divergence", "x1": x, "x2": x, "y1": c(laneTop), "y2": c(laneBottom),
                             "stroke": color, "stroke-width": "1.5", "stroke-dasharray": "6 3"],
                    title: "your first advert, \(ReportFormat.dateTime(divergence)): from here on the recorded routers "
                        + "would have heard you, so their behaviour is modelled (thin dashed bars), not recorded")
        }
    }

    private func renderModelledTerm(_ term: WhatIfLane.Term, y: Double, height: Double, cls: String, into m: inout Markup) {
        let c = ReportFormat.coordinate
        let color = Self.modelledColor
        let router = term.router.description
        m.shape("rect", ["class": cls, "x": c(scale.clampedX(term.start)), "y": c(y),
                         "width": c(scale.width(from: term.start, to: term.end, minimum: 2)), "height": c(height),
                         "rx": "2", "fill": "url(#modelled-hatch)", "stroke": color, "stroke-width": "1.2",
                         "stroke-dasharray": "4 2", "data-router": router, "data-vr": model.key,
                         "data-start": ReportFormat.epoch(term.start), "data-end": ReportFormat.epoch(term.end),
                         "data-cause": term.cause.rawValue, "data-priority": String(term.priority)],
                title: "modelled (what-if): \(router) would have been master, priority \(term.priority) — \(term.cause.rawValue)\n"
                    + "from \(ReportFormat.dateTime(term.start))\n"
                    + "to   \(ReportFormat.dateTime(term.end))" + (term.untilCaptureEnd ? " (end of capture)" : "")
                    + "\n\(ReportFormat.duration(term.end - term.start))")
    }
}
