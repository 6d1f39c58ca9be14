import Codec
import ElectionModel
import Sniffer
#if canImport(Glibc)
import Glibc
#endif

/// `--report FILE.html`: one self-contained page (inline CSS and SVG, no script, nothing fetched) with a
/// header of capture facts, a legend, then per virtual router its timeline, the summary (the facts of
/// the text summary) and the list of its events.
package struct HTMLReport {
    package let input: ReportInput
    /// Asked before each virtual router's section: false once the run must end (a signal), and the
    /// report then says how many were left undrawn.
    package let keepDrawing: () -> Bool
    /// `--what-if --report`: the replayed virtual router, drawn in its virtual router's timeline.
    package let whatIf: WhatIfLane?

    package func render() -> String {
        var m = Markup()
        // Unreadable VRRP has its own table, by sender; the rest is what the capture missed.
        let captureEvents = VirtualRouterModel.timeOrdered(input.events.filter { $0.vr == nil && $0.kind != .malformed })
        // Each model gets its own events: filtering all of them per virtual router cost the square of a
        // flood's.
        var eventsByVR: [VirtualRouterID: [TimelineEvent]] = [:]
        for event in input.events { if let vr = event.vr { eventsByVR[vr, default: []].append(event) } }
        // A little room before the first packet and after the last, so that nothing sits on the edge.
        let pad = max(1_000_000, (input.end - input.start) / 80)
        let scale = TimeScale(start: input.start - pad, end: input.end + pad, captureStart: input.start,
                              captureEnd: input.end)
        let printer = TimelineTextPrinter(timestamps: .absolute)
        let describe: (TimelineEvent) -> String = { printer.description(of: $0) }

        m.raw("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        m.raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        m.open("title")
        m.text("vrrpdump report — \(input.sourceName)")
        m.close("title")
        m.raw("\n<style>\n" + ReportStyle.css + "\n</style>\n</head>\n<body>\n")
        renderPatterns(into: &m)
        renderHeader(captureEvents: captureEvents, into: &m)
        renderLegend(into: &m)
        if input.summaries.isEmpty {
            m.element("p", ["class": "empty"], text: "No VRRP advert in this capture: nothing to draw.")
        }
        // The what-if lane goes with the first section of its VRID and family.
        let whatIfSection = whatIf.flatMap { lane in input.summaries.firstIndex { lane.belongs(to: $0.vr) } }
        // Each model is built when its section is drawn, so that an interrupted report stops at once.
        for (index, summary) in input.summaries.enumerated() {
            guard keepDrawing() else {
                let left = input.summaries.count - index
                m.element("p", ["class": "empty"], text: "\(left) more virtual router\(left == 1 ? "" : "s") not drawn: the run was interrupted.")
                break
            }
            let model = VirtualRouterModel(summary: summary, events: eventsByVR[summary.vr] ?? [], captureEnd: input.end)
            m.raw("\n")
            renderSection(model, index: index, scale: scale, captureEvents: captureEvents, describe: describe,
                          whatIfSection: whatIfSection, into: &m)
        }
        if !input.malformed.isEmpty {
            renderMalformed(into: &m)
        }
        if !captureEvents.isEmpty {
            renderCaptureEvents(captureEvents, describe: describe, into: &m)
        }
        m.open("footer")
        m.text("Drawn by vrrpdump from the wire alone: a backup is silent, so its priority, interval and "
            + "authentication are unknown until it advertises. Times are local (\(ReportFormat.zone(at: input.start))); "
            + "hover over any shape for details.")
        m.close("footer")
        m.raw("\n</body>\n</html>\n")
        return m.text
    }

    /// Writes the report to `path` (replacing it).
    package func write(to path: String) throws(ReportError) {
        let bytes = Array(render().utf8)
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw ReportError(path: path, errno: errno) }
        defer { close(fd) }
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + offset, $0.count - offset) }
            if written < 0 {
                if errno == EINTR { continue }
                throw ReportError(path: path, errno: errno)
            }
            offset += written
        }
    }

    // MARK: - Parts

    /// Hatch patterns shared by every SVG of the page.
    private func renderPatterns(into m: inout Markup) {
        m.raw("""
            <svg width="0" height="0" style="position:absolute" aria-hidden="true" focusable="false"><defs>
            <pattern id="gap-hatch" width="7" height="7" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">\
            <rect width="7" height="7" fill="#fecaca" fill-opacity="0.55"/><rect width="2.5" height="7" fill="#dc2626" fill-opacity="0.55"/></pattern>
            <pattern id="silent-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">\
            <rect width="6" height="6" fill="#ffffff" fill-opacity="0.45"/><rect width="3" height="6" fill="#ffffff" fill-opacity="0.6"/></pattern>
            <pattern id="capture-hatch" width="8" height="8" patternUnits="userSpaceOnUse" patternTransform="rotate(-45)">\
            <rect width="8" height="8" fill="#e5e7eb" fill-opacity="0.6"/><rect width="3" height="8" fill="#6b7280" fill-opacity="0.5"/></pattern>
            <pattern id="modelled-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">\
            <rect width="6" height="6" fill="#f5f3ff"/><rect width="2" height="6" fill="#7c3aed" fill-opacity="0.35"/></pattern>
            </defs></svg>

            """)
    }

    private func renderHeader(captureEvents: [TimelineEvent], into m: inout Markup) {
        m.open("header", ["class": "report"])
        m.raw("<h1><span class=\"tool\">vrrpdump</span> election report</h1>")
        m.element("div", ["class": "mono"], text: input.isLive ? "live capture on \(input.sourceName)" : input.sourceName)
        m.close("header")

        let masterChanges = input.events.filter { $0.kind == .master }.count
        let failovers = input.summaries.reduce(0) { $0 + $1.failovers }
        let anomalies = input.summaries.reduce(0) { $0 + $1.anomalies.values.reduce(0, +) }
            + captureEvents.count + input.malformed.reduce(0) { $0 + $1.count }
        let splitBrains = input.events.filter { $0.kind == .splitBrain }.count
        let routers = input.summaries.reduce(0) { $0 + $1.routers.count }
        let tally = input.tally
        func fact(_ key: String, _ value: String, _ tone: String? = nil, title: String? = nil) {
            m.open("li", ["class": tone, "title": title])
            m.element("span", ["class": "k"], text: key)
            m.element("span", ["class": "v"], text: value)
            m.close("li")
        }
        m.open("ul", ["class": "facts"])
        fact("capture (\(ReportFormat.zone(at: input.start)))",
             "\(LocalClock(input.start).date) \(ReportFormat.timeOfDay(input.start, decimals: 3)) → "
                + ReportFormat.timeOfDay(input.end, decimals: 3),
             title: "\(ReportFormat.dateTime(input.start)) → \(ReportFormat.dateTime(input.end))")
        fact("duration", ReportFormat.duration(input.end - input.start))
        fact("packets", "\(tally.total) (VRRP \(tally.vrrp), ARP \(tally.arp), NA \(tally.neighborAdvertisements))",
             title: "\(tally.gratuitousARP) gratuitous ARP, \(tally.unsolicitedAdvertisements) unsolicited NA, "
                + "\(tally.carp) CARP, \(tally.malformed) malformed")
        fact("virtual routers", "\(input.summaries.count)")
        fact("routers heard", "\(routers)")
        fact("master changes", "\(masterChanges) (\(failovers) failover\(failovers == 1 ? "" : "s"))")
        fact("split brains", "\(splitBrains)", splitBrains > 0 ? "bad" : "good")
        fact("anomalies", anomalies == 0 ? "none" : "\(anomalies)", anomalies > 0 ? "bad" : "good")
        if let whatIf {
            fact("what-if", "you \(whatIf.router), priority \(whatIf.config.priority): "
                 + (whatIf.terms.isEmpty ? "never master" : "master \(whatIf.terms.count) time\(whatIf.terms.count == 1 ? "" : "s")"),
                 title: "modelled by the state machine on the capture's clock; the recorded routers are modelled "
                    + "from your first advert on")
        }
        if input.omittedEvents > 0 {
            fact("not drawn", "\(input.omittedEvents) events past the first \(ReportRecorder.eventLimit)", "bad")
        }
        m.close("ul")
    }

    private func renderLegend(into m: inout Markup) {
        func item(_ svg: String, _ label: String) {
            m.raw("<span class=\"item\"><svg width=\"30\" height=\"16\" viewBox=\"0 0 30 16\">" + svg + "</svg>")
            m.text(label)
            m.raw("</span>")
        }
        let blue = ReportStyle.routerColor(0)
        m.open("div", ["class": "legend", "role": "note"])
        item("<rect x=\"1\" y=\"2\" width=\"28\" height=\"12\" rx=\"2\" fill=\"\(blue)\"/>", "elected master")
        item("<rect x=\"1\" y=\"2\" width=\"28\" height=\"12\" rx=\"2\" fill=\"\(blue)\"/>"
             + "<rect x=\"1\" y=\"2\" width=\"28\" height=\"12\" fill=\"url(#silent-hatch)\"/>", "master, but no adverts")
        item("<rect x=\"1\" y=\"4\" width=\"28\" height=\"8\" rx=\"2\" fill=\"\(blue)\" fill-opacity=\"0.22\" "
             + "stroke=\"\(blue)\" stroke-dasharray=\"4 2\"/>", "advertising, not elected")
        item("<path d=\"M1 12H12V4H29\" fill=\"none\" stroke=\"\(blue)\" stroke-width=\"2\"/>", "priority (dotted: unknown)")
        item("<path d=\"M11 3H19L15 11Z\" fill=\"#1e293b\"/>", "GARP / NA burst")
        item("<path d=\"M15 2L21 8L15 14L9 8Z\" fill=\"\(ReportStyle.color("late-advert"))\" stroke=\"#713f12\"/>",
             "late advert")
        item("<rect x=\"1\" y=\"1\" width=\"28\" height=\"14\" fill=\"url(#gap-hatch)\"/>", "failover gap (no master)")
        item("<rect x=\"1\" y=\"2\" width=\"28\" height=\"12\" fill=\"#dc2626\" fill-opacity=\"0.13\" stroke=\"#dc2626\"/>",
             "split brain")
        item("<rect x=\"1\" y=\"1\" width=\"28\" height=\"14\" fill=\"url(#capture-hatch)\"/>", "capture gap")
        item("<rect x=\"1\" y=\"2\" width=\"28\" height=\"12\" rx=\"3\" fill=\"\(ReportStyle.color("mismatch"))\"/>",
             "anomaly (labelled)")
        if whatIf != nil {
            let purple = TimelineSVG.modelledColor
            item("<rect x=\"1\" y=\"2\" width=\"28\" height=\"12\" rx=\"2\" fill=\"url(#modelled-hatch)\" stroke=\"\(purple)\" "
                 + "stroke-dasharray=\"4 2\"/>", "what-if: modelled master (not recorded)")
            item("<path d=\"M15 1V15\" stroke=\"\(purple)\" stroke-width=\"1.5\" stroke-dasharray=\"6 3\"/>",
                 "your first advert: modelled from here")
        }
        m.close("div")
    }

    private func renderSection(_ model: VirtualRouterModel, index: Int, scale: TimeScale, captureEvents: [TimelineEvent],
                               describe: @escaping (TimelineEvent) -> String, whatIfSection: Int?, into m: inout Markup) {
        let summary = model.summary
        let vr = summary.vr
        m.open("section", ["class": "vr", "id": "vr-\(index + 1)", "data-vr": model.key, "data-vrid": String(vr.vrid)])
        m.open("h2")
        var title = "VRID \(vr.vrid) · \(vr.family == .ipv4 ? "IPv4" : "IPv6")"
        if let vlan = vr.vlan { title += " · VLAN " + (vr.outerVLAN.map { "\($0)." } ?? "") + "\(vlan)" }
        if let interface = vr.interface { title += " · on \(interface)" }
        if vr.group > 0 { title += " · group \(vr.group) (VRID collision)" }
        m.element("span", text: title)
        if summary.splitBrainOngoing {
            m.element("span", ["class": "pill bad"], text: "SPLIT BRAIN ongoing")
        } else if model.contenders.count > 1 {
            m.element("span", ["class": "pill bad"], text: "\(model.contenders.count) advertising as master")
        }
        if let master = summary.master {
            m.element("span", ["class": "pill ok"], text: "master \(master)")
        } else {
            m.element("span", ["class": "pill bad"], text: "no master at the end")
        }
        let anomalyCount = summary.anomalies.values.reduce(0, +)
        m.element("span", ["class": anomalyCount > 0 ? "pill warn" : "pill"],
                  text: anomalyCount == 0 ? "no anomalies" : "\(anomalyCount) anomal\(anomalyCount == 1 ? "y" : "ies")")
        m.close("h2")
        var sub = ["virtual address\(summary.addresses.count == 1 ? "" : "es") "
            + (summary.addresses.isEmpty ? "none" : list(summary.addresses))]
        sub.append("\(summary.routers.count) router\(summary.routers.count == 1 ? "" : "s") heard")
        sub.append("\(summary.failovers) failover\(summary.failovers == 1 ? "" : "s")")
        m.element("div", ["class": "sub"], text: sub.joined(separator: " · "))

        m.open("div", ["class": "scroll"])
        TimelineSVG(model: model, scale: scale, captureEvents: captureEvents, describe: describe,
                    whatIf: whatIfSection == index ? whatIf : nil)
            .render(into: &m)
        m.close("div")

        renderSummary(summary, into: &m)
        renderRouters(model, into: &m)
        renderEvents(model.events, describe: describe, into: &m)
        m.close("section")
    }

    /// The facts of the text summary's first two lines.
    private func renderSummary(_ summary: VirtualRouterSummary, into m: inout Markup) {
        func row(_ key: String, _ value: String) {
            m.element("dt", text: key)
            m.element("dd", text: value)
        }
        m.open("dl", ["class": "summary"])
        var master = summary.master.map(\.description) ?? "none"
        if summary.advertising.count > 1 {
            master += " (advertising: \(list(summary.advertising))"
                + (summary.splitBrainOngoing ? ", split brain ongoing)" : ")")
        }
        row("master", master)
        var failovers = "\(summary.failovers)"
        if let low = summary.gapMinimum, let median = summary.gapMedian, let high = summary.gapMaximum {
            failovers += " (gap min \(ReportFormat.duration(low)), median \(ReportFormat.duration(median)), "
                + "max \(ReportFormat.duration(high)))"
        }
        row("failovers", failovers)
        let anomalies = TimelineEvent.Kind.allCases.compactMap { kind in
            summary.anomalies[kind].map { "\(kind.rawValue) \($0)" }
        }
        row("anomalies", anomalies.isEmpty ? "none" : anomalies.joined(separator: ", "))
        if summary.priorityChanges > 0 {
            row("priority changes", "\(summary.priorityChanges) (\(summary.electionsAfterPriorityChange) caused an election)")
        }
        row("backups", summary.backupsHeard ? "heard"
            : "never heard: their priority, interval and auth are unknown")
        row("last seen", ReportFormat.dateTime(summary.lastSeen))
        m.close("dl")
    }

    private func renderRouters(_ model: VirtualRouterModel, into m: inout Markup) {
        let headers: [(String, Bool)] = [("router", false), ("mac", false), ("prio", true), ("ver", true),
                                         ("interval", true), ("auth", false), ("adverts", true), ("master", false),
                                         ("terms", true), ("time as master", true), ("mean spacing", true),
                                         ("jitter", true), ("max spacing", true), ("late", true), ("garp bursts", false)]
        m.open("table", ["class": "routers"])
        m.open("thead")
        m.open("tr")
        for (name, numeric) in headers { m.element("th", ["class": numeric ? "num" : nil], text: name) }
        m.close("tr")
        m.close("thead")
        m.open("tbody")
        let lanes = model.routers.map(\.address)
        for router in model.summary.routers {
            let color = ReportStyle.routerColor(lanes.firstIndex(of: router.address) ?? 0)
            m.open("tr", ["data-router": router.address.description])
            m.open("td", ["class": "mono"])
            m.element("span", ["class": "swatch", "style": "background:\(color)"], text: "")
            m.text(router.address.description)
            m.close("td")
            let cells: [(String, Bool)] = [
                (router.mac.map(\.description) ?? "-", false), ("\(router.priority)", true), ("v\(router.version)", true),
                (ReportFormat.duration(router.interval), true), (router.authentication, false), ("\(router.adverts)", true),
                (router.isAdvertising ? "yes" : "no", false), ("\(router.masterTerms)", true),
                (ReportFormat.duration(router.masterTime), true),
                (router.meanSpacing.map(ReportFormat.duration) ?? "-", true),
                (router.jitter.map(ReportFormat.duration) ?? "-", true),
                (router.maxSpacing.map(ReportFormat.duration) ?? "-", true), ("\(router.lateAdverts)", true),
                (ReportFormat.bursts(router), false),
            ]
            for (value, numeric) in cells { m.element("td", ["class": numeric ? "num" : "mono"], text: value) }
            m.close("tr")
        }
        m.close("tbody")
        m.close("table")
    }

    private func renderEvents(_ events: [TimelineEvent], describe: (TimelineEvent) -> String, into m: inout Markup) {
        m.open("details")
        m.element("summary", text: "\(events.count) event\(events.count == 1 ? "" : "s") of this virtual router")
        eventTable(events, describe: describe, into: &m)
        m.close("details")
    }

    private func renderMalformed(into m: inout Markup) {
        m.open("section", ["class": "vr capture"])
        m.element("h2", text: "Unreadable VRRP")
        m.element("div", ["class": "sub"],
                  text: "IP protocol 112 packets whose VRRP message could not be read, by sender and findings.")
        m.open("table", ["class": "events"])
        m.raw("<thead><tr><th>sender</th><th>packets</th><th>findings</th><th>first</th><th>last</th></tr></thead>")
        m.open("tbody")
        for tally in input.malformed {
            m.open("tr")
            m.element("td", ["class": "mono"], text: tally.packet.source.description)
            m.element("td", text: String(tally.count))
            m.element("td", text: tally.packet.problems.map(\.rawValue).joined(separator: ", "))
            m.element("td", ["class": "mono"], text: ReportFormat.dateTime(tally.first))
            m.element("td", ["class": "mono"], text: ReportFormat.dateTime(tally.last))
            m.close("tr")
        }
        m.close("tbody")
        m.close("table")
        m.close("section")
    }

    private func renderCaptureEvents(_ events: [TimelineEvent], describe: (TimelineEvent) -> String,
                                     into m: inout Markup) {
        m.open("section", ["class": "vr capture"])
        m.element("h2", text: "What the capture missed")
        m.element("div", ["class": "sub"],
                  text: "Capture gaps, kernel drops and clock steps: no failover timing is judged across them.")
        eventTable(events, describe: describe, into: &m)
        m.close("section")
    }

    private func eventTable(_ events: [TimelineEvent], describe: (TimelineEvent) -> String, into m: inout Markup) {
        m.open("table", ["class": "events"])
        m.raw("<thead><tr><th>time</th><th>event</th><th>what</th></tr></thead>")
        m.open("tbody")
        for event in events {
            m.open("tr")
            m.element("td", ["class": "mono"], text: ReportFormat.dateTime(event.ts))
            m.element("td", ["class": "kind", "style": "color:\(ReportStyle.color(event.kind.rawValue))"],
                      text: event.kind.rawValue)
            m.element("td", text: describe(event))
            m.close("tr")
        }
        m.close("tbody")
        m.close("table")
    }

    private func list(_ addresses: [IPAddress]) -> String { addresses.map(\.description).joined(separator: ", ") }

    package init(input: ReportInput, whatIf: WhatIfLane? = nil, keepDrawing: @escaping () -> Bool = { true }) {
        self.input = input
        self.whatIf = whatIf
        self.keepDrawing = keepDrawing
    }
}

/// The report file could not be written.
package struct ReportError: Error, CustomStringConvertible {
    package let path: String
    package let errno: Int32

    package var description: String {
        "cannot write report \(path): " + String(cString: strerror(errno))
    }
}
