import Codec
import ElectionModel
import Sniffer

/// `--timeline`: one readable line per event, then a summary block per virtual router.
///
///     2026-11-25 14:08:37.811999 vrid 51 ipv4: master 192.0.2.199 prio 99 (master-down from 192.0.2.111,
///         gap 3.614 s, garp after 1.0 ms, burst 5)
package struct TimelineTextPrinter {
    private var time: TimestampFormatter

    package init(timestamps: TimestampFormat, origin: Int64? = nil) {
        time = TimestampFormatter(format: timestamps, origin: origin)
    }

    package mutating func print(_ event: TimelineEvent, to out: inout OutputBuffer) {
        time.append(event.ts, to: &out)
        out.append(byte: UInt8(ascii: " "))
        appendVR(event.vr, to: &out)
        out.append(": ")
        out.append(event.kind.rawValue)
        out.append(byte: UInt8(ascii: " "))
        appendDescription(of: event, to: &out)
    }

    /// One line per sender of unreadable VRRP, after the virtual routers' summaries.
    package mutating func print(_ tally: MalformedTally, to out: inout OutputBuffer) {
        out.append("summary capture: malformed VRRP from \(tally.packet.source): \(tally.count) packet")
        out.append(tally.count == 1 ? " (" : "s (")
        out.append(tally.packet.problems.map(\.rawValue).joined(separator: ", "))
        out.append(byte: UInt8(ascii: ")"))
    }

    package mutating func print(_ summary: VirtualRouterSummary, to out: inout OutputBuffer) {
        out.append("summary ")
        appendVR(summary.vr, to: &out)
        out.append(": master ")
        out.append(summary.master.map(\.description) ?? "none")
        if summary.splitBrainOngoing {
            out.append(" (split brain ongoing: \(list(summary.advertising)))")
        } else if summary.advertising.count > 1 {
            // A preempted master is still heard within its last intervals; that is no split brain.
            out.append(" (advertising at the end: \(list(summary.advertising)))")
        }
        out.append("; ")
        out.append(decimal: summary.failovers)
        out.append(summary.failovers == 1 ? " failover" : " failovers")
        if let low = summary.gapMinimum, let median = summary.gapMedian, let high = summary.gapMaximum {
            out.append(" (gap min ")
            out.append(seconds(low))
            out.append(", median ")
            out.append(seconds(median))
            out.append(", max ")
            out.append(seconds(high))
            out.append(byte: UInt8(ascii: ")"))
        }
        if !summary.addresses.isEmpty { out.append("; addresses \(list(summary.addresses))") }
        try? out.endLine()
        let anomalies = TimelineEvent.Kind.allCases.compactMap { kind in summary.anomalies[kind].map { "\(kind.rawValue) \($0)" } }
        out.append("  anomalies: \(anomalies.isEmpty ? "none" : anomalies.joined(separator: ", "))")
        if summary.priorityChanges > 0 {
            out.append("; priority changes \(summary.priorityChanges) (\(summary.electionsAfterPriorityChange) caused an election)")
        }
        if !summary.backupsHeard { out.append("; backups never heard: their priority, interval and auth are unknown") }
        try? out.endLine()
        out.append("  router                     prio ver interval auth    adverts master  terms  jitter     max     late garp")
        // Cell by cell into the buffer: a flood's end prints thousands of these rows, and a String per
        // cell (interpolated, counted and padded) cost some 10,000 instructions a row.
        for router in summary.routers {
            try? out.endLine()
            out.append("  ")
            cell(26, &out) { $0.append(router.address) }
            cell(5, &out) { $0.append(byte: UInt8(ascii: " ")); $0.append(decimal: router.priority) }
            cell(4, &out) { $0.append(" v"); $0.append(decimal: router.version) }
            cell(9, &out) { $0.append(byte: UInt8(ascii: " ")); $0.append(seconds(router.interval)) }
            cell(8, &out) { $0.append(byte: UInt8(ascii: " ")); $0.append(router.authentication) }
            cell(8, &out) { $0.append(byte: UInt8(ascii: " ")); $0.append(decimal: router.adverts) }
            cell(8, &out) { $0.append(router.isAdvertising ? " yes" : " no") }
            cell(7, &out) { $0.append(byte: UInt8(ascii: " ")); $0.append(decimal: router.masterTerms) }
            cell(11, &out) { $0.append(byte: UInt8(ascii: " ")); $0.append(router.jitter.map(seconds) ?? "-") }
            cell(8, &out) { $0.append(byte: UInt8(ascii: " ")); $0.append(router.maxSpacing.map(seconds) ?? "-") }
            cell(5, &out) { $0.append(byte: UInt8(ascii: " ")); $0.append(decimal: router.lateAdverts) }
            out.append(byte: UInt8(ascii: " "))
            out.append(ReportFormat.bursts(router))
        }
    }

    /// One cell of the router table: what `body` appends, padded to `width` characters.
    private func cell(_ width: Int, _ out: inout OutputBuffer, _ body: (inout OutputBuffer) -> Void) {
        let start = out.bytes.count
        body(&out)
        out.pad(since: start, to: width)
    }

    /// The text after the event's kind (as `print` writes it; the report shows it too).
    package func description(of event: TimelineEvent) -> String {
        var out = OutputBuffer()
        appendDescription(of: event, to: &out)
        return String(decoding: out.bytes, as: UTF8.self)
    }

    /// Written into the buffer directly for the kinds printed by the thousand (master changes, split
    /// brains, late adverts, collisions), where Strings built and joined cost some 10,000 instructions
    /// a line; the others as before.
    private func appendDescription(of event: TimelineEvent, to out: inout OutputBuffer) {
        switch event.detail {
        case .master(let change):
            out.append(change.router)
            out.append(" prio ")
            out.append(decimal: change.priority)
            out.append(" (")
            out.append(change.cause.rawValue)
            if let previous = change.previous {
                out.append(" from ")
                out.append(previous)
            }
            if !change.contenders.isEmpty {
                out.append(", contenders ")
                appendList(change.contenders, to: &out)
            }
            if let gap = change.gap {
                out.append(", gap ")
                out.append(seconds(gap))
            }
            if let outage = change.outage {
                out.append(", no master for ")
                out.append(seconds(outage))
            }
            if let delay = change.announcementDelay {
                out.append(", garp after ")
                out.append(seconds(delay))
                if let burst = change.burstSize {
                    out.append(", burst ")
                    out.append(decimal: burst)
                }
            } else {
                out.append(", no garp seen")
            }
            if change.followsPriorityDrop { out.append(", after a priority drop") }
            if change.followsPriorityRise { out.append(", after its priority rose") }
            out.append(byte: UInt8(ascii: ")"))
        case .resign(let router, let priority):
            out.append("\(router) sent priority 0" + (priority.map { " (was \($0))" } ?? ""))
        case .priority(let change):
            let outlook: String
            switch change.outlook {
            case .failoverExpected?: outlook = " (below a backup's: failover expected)"
            case .tooSmallToFailOver?: outlook = " (still ≥ every known backup: too small to fail over)"
            case .unknown?: outlook = " (no backup ever heard: failover unknown)"
            case nil: outlook = ""
            }
            out.append("\(change.router) \(change.from) → \(change.to)\(outlook)")
        case .splitBrain(let routers):
            appendList(routers, to: &out)
            out.append(" all advertise as master")
        case .splitBrainEnd(let routers, _, let duration, let stopped):
            appendList(routers, to: &out)
            out.append(" after ")
            out.append(seconds(duration))
            out.append(" (")
            out.append(stopped)
            out.append(" stopped)")
        case .mismatch(let mismatch):
            out.append("\(mismatch.what.rawValue): \(mismatch.detail)")
        case .collision(let collision):
            appendList(collision.routers, to: &out)
            out.append(": addresses ")
            appendList(collision.addresses, to: &out)
            out.append(" vs ")
            appendList(collision.otherAddresses, to: &out)
            if collision.authDiffers { out.append(", auth differs") }
        case .staleARP(let finding):
            out.append("\(finding.address) last announced by \(finding.mac)" + (finding.router.map { " (\($0))" } ?? "")
                       + ", master is \(finding.master.map(\.description) ?? "none")")
        case .conflict(let finding):
            out.append("\(finding.address) announced by \(finding.mac)" + (finding.router.map { " (\($0))" } ?? "")
                       + ", master is \(finding.master.map(\.description) ?? "none")")
        case .silence(let router, let lastAdvert, let resigned):
            out.append("\(router) \(resigned ? "resigned" : "went silent") \(seconds(max(0, event.ts - lastAdvert))) ago and nobody took over")
        case .lateAdvert(let router, let spacing, let interval):
            out.append(router)
            out.append(byte: UInt8(ascii: " "))
            out.append(seconds(spacing))
            out.append(" after its previous advert (interval ")
            out.append(seconds(interval))
            out.append(byte: UInt8(ascii: ")"))
        case .malformed(let packet):
            out.append("VRRP from \(packet.source) (\(packet.problems.map(\.rawValue).joined(separator: ", ")))")
        case .captureGap(let gap):
            switch gap {
            case .noPackets(let duration): out.append("no packets at all for \(seconds(duration))")
            case .kernelDrops(let count): out.append("kernel dropped \(count) packet\(count == 1 ? "" : "s")")
            case .clockStep(let back): out.append("timestamps went back \(seconds(back)) (clock step)")
            }
        case .backup(let change), .fault(let change), .initialize(let change):
            out.append("\(change.router) prio \(change.priority) (\(change.cause.rawValue)" + (change.peer.map { " from \($0)" } ?? "") + ")")
        case .peerIgnoresUs(let router, let peer, let priority, let adverts):
            out.append("\(peer) prio \(priority) sent \(adverts) adverts while \(router) was master: it drops ours"
                       + " (checksum form, auth or interval?)")
        case .flapHold(let router, let changes, let window):
            out.append("\(router) stays backup: \(changes) state changes within \(seconds(window))")
        case .addressRestored(let router, let address):
            out.append("\(address) was removed from \(router) while master; put back")
        case .syncGroupSplit(let router, let group, let members):
            out.append("\(router): sync group \(group) cannot move together (\(members.joined(separator: ", ")))")
        case .flood(let flood):
            out.append("\(flood.adverts) advert\(flood.adverts == 1 ? "" : "s") from \(flood.moreSources ? "more than " : "")"
                       + "\(flood.sources) router\(flood.sources == 1 && !flood.moreSources ? "" : "s") not followed over "
                       + "\(seconds(flood.duration)) (bound: \(flood.bound) \(Self.boundName(flood.limit))), e.g. \(list(flood.examples))")
        }
    }

    private func appendList(_ addresses: [IPAddress], to out: inout OutputBuffer) {
        for (index, address) in addresses.enumerated() {
            if index > 0 { out.append(", ") }
            out.append(address)
        }
    }

    private static func boundName(_ limit: Flood.Limit) -> String {
        switch limit {
        case .routers: "routers per group"
        case .groups: "groups per VRID"
        case .virtualRouters: "virtual routers in all"
        }
    }

    private func appendVR(_ vr: VirtualRouterID?, to out: inout OutputBuffer) {
        guard let vr else { return out.append("capture") }
        out.append("vrid ")
        out.append(decimal: vr.vrid)
        out.append(byte: UInt8(ascii: " "))
        out.append(vr.family.rawValue)
        if let vlan = vr.vlan {
            out.append(" vlan ")
            if let outer = vr.outerVLAN {
                out.append(decimal: outer)
                out.append(byte: UInt8(ascii: "."))
            }
            out.append(decimal: vlan)
        }
        if let interface = vr.interface {
            out.append(" on ")
            out.append(interface)
        }
        if vr.group > 0 {
            out.append(" group ")
            out.append(decimal: vr.group)
        }
    }

    private func list(_ addresses: [IPAddress]) -> String { addresses.map(\.description).joined(separator: ", ") }

    /// Seconds with a unit that keeps three significant decimals: "3.614 s", "1.0 ms".
    package func seconds(_ nanoseconds: Int64) -> String {
        let value = Double(nanoseconds)
        if nanoseconds.magnitude >= 1_000_000_000 { return format(value / 1e9, "s") }
        if nanoseconds.magnitude >= 1_000_000 { return format(value / 1e6, "ms") }
        return format(value / 1e3, "µs")
    }

    /// Up to three decimals, trailing zeros dropped but one; worked out on the number, not by editing
    /// a string (every event and summary line has some).
    private func format(_ value: Double, _ unit: String) -> String {
        let thousandths = Int64((value * 1000).rounded())
        let whole = thousandths / 1000
        var fraction = thousandths.magnitude % 1000
        var digits = 3
        while digits > 1 && fraction % 10 == 0 {
            fraction /= 10
            digits -= 1
        }
        // Leading zeros of the fraction: the digits kept less the digits it has.
        let padding = digits - (fraction < 10 ? 1 : fraction < 100 ? 2 : 3)
        return "\(whole).\(padding == 2 ? "00" : padding == 1 ? "0" : "")\(fraction) \(unit)"
    }
}
