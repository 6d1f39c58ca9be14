import Codec
import ElectionModel
import Sniffer

/// `--timeline --json`: one JSON object per event, then one `summary` object per virtual router.
/// Fixed keys (issue 3): `ts`, `event`, `vr` {`vrid`, `family`, `vlan`}, `router` or `routers`, and per
/// event kind `priority`/`previous`/`cause`/`gap_s`/`garp_delay_s` (master), `from`/`to` (priority),
/// `what` (mismatch), `duration_s` (split-brain-end). Durations are seconds, times epoch seconds.
package struct TimelineJSONPrinter {
    package init() {}

    package func print(_ event: TimelineEvent, to out: inout OutputBuffer) {
        out.append("{\"ts\":")
        TimestampFormatter.appendSeconds(event.ts, to: &out)
        out.append(",\"event\":\"")
        out.append(event.kind.rawValue)
        out.append("\",\"vr\":")
        appendVR(event.vr, to: &out)
        if let router = event.router {
            out.append(",\"router\":")
            appendAddress(router, to: &out)
        }
        if let routers = event.routers {
            out.append(",\"routers\":")
            appendAddresses(routers, to: &out)
        }
        appendDetail(event, to: &out)
        out.append(byte: UInt8(ascii: "}"))
    }

    /// `malformed-summary`: one object per sender of unreadable VRRP and its findings.
    package func print(_ tally: MalformedTally, to out: inout OutputBuffer) {
        out.append("{\"ts\":")
        TimestampFormatter.appendSeconds(tally.last, to: &out)
        out.append(",\"event\":\"malformed-summary\",\"vr\":null,\"router\":")
        appendOptional(tally.packet.source, to: &out)
        out.append(",\"count\":")
        out.append(decimal: tally.count)
        appendProblems(tally.packet.problems, to: &out)
        out.append(",\"first\":")
        TimestampFormatter.appendSeconds(tally.first, to: &out)
        out.append(byte: UInt8(ascii: "}"))
    }

    private func appendProblems(_ problems: [Problem], to out: inout OutputBuffer) {
        out.append(",\"problems\":[")
        for (index, problem) in problems.enumerated() {
            if index > 0 { out.append(byte: UInt8(ascii: ",")) }
            out.append(jsonString: problem.rawValue)
        }
        out.append(byte: UInt8(ascii: "]"))
    }

    package func print(_ summary: VirtualRouterSummary, to out: inout OutputBuffer) {
        out.append("{\"ts\":")
        TimestampFormatter.appendSeconds(summary.lastSeen, to: &out)
        out.append(",\"event\":\"summary\",\"vr\":")
        appendVR(summary.vr, to: &out)
        out.append(",\"master\":")
        appendOptional(summary.master, to: &out)
        out.append(",\"masters\":")
        appendAddresses(summary.advertising, to: &out)
        out.append(",\"routers\":")
        appendAddresses(summary.routers.map(\.address), to: &out)
        out.append(",\"addresses\":")
        appendAddresses(summary.addresses, to: &out)
        out.append(",\"failovers\":")
        out.append(decimal: summary.failovers)
        appendSeconds("gap_min_s", summary.gapMinimum, to: &out)
        appendSeconds("gap_median_s", summary.gapMedian, to: &out)
        appendSeconds("gap_max_s", summary.gapMaximum, to: &out)
        out.append(",\"priority_changes\":")
        out.append(decimal: summary.priorityChanges)
        out.append(",\"elections_after_priority_change\":")
        out.append(decimal: summary.electionsAfterPriorityChange)
        out.append(",\"backups\":")
        out.append(summary.backupsHeard ? "\"heard\"" : "\"unknown\"")
        out.append(",\"split_brain_ongoing\":")
        out.append(summary.splitBrainOngoing ? "true" : "false")
        out.append(",\"anomalies\":{")
        for (index, kind) in TimelineEvent.Kind.allCases.filter({ summary.anomalies[$0] != nil }).enumerated() {
            if index > 0 { out.append(byte: UInt8(ascii: ",")) }
            out.append(jsonString: kind.rawValue)
            out.append(byte: UInt8(ascii: ":"))
            out.append(decimal: summary.anomalies[kind] ?? 0)
        }
        out.append("},\"router_stats\":[")
        for (index, router) in summary.routers.enumerated() {
            if index > 0 { out.append(byte: UInt8(ascii: ",")) }
            appendRouter(router, to: &out)
        }
        out.append("]}")
    }

    private func appendRouter(_ router: RouterSummary, to out: inout OutputBuffer) {
        out.append("{\"router\":")
        appendAddress(router.address, to: &out)
        out.append(",\"mac\":")
        if let mac = router.mac { out.append(jsonString: mac.description) } else { out.append("null") }
        out.append(",\"priority\":")
        out.append(decimal: router.priority)
        out.append(",\"version\":")
        out.append(decimal: router.version)
        appendSeconds("interval_s", router.interval, to: &out)
        out.append(",\"auth\":")
        out.append(jsonString: router.authentication)
        out.append(",\"addresses\":")
        appendAddresses(router.addresses, to: &out)
        out.append(",\"adverts\":")
        out.append(decimal: router.adverts)
        out.append(",\"first_advert\":")
        TimestampFormatter.appendSeconds(router.firstAdvert, to: &out)
        out.append(",\"last_advert\":")
        TimestampFormatter.appendSeconds(router.lastAdvert, to: &out)
        out.append(",\"advertising\":")
        out.append(router.isAdvertising ? "true" : "false")
        out.append(",\"master_terms\":")
        out.append(decimal: router.masterTerms)
        appendSeconds("master_s", router.masterTime, to: &out)
        appendSeconds("mean_interval_s", router.meanSpacing, to: &out)
        appendSeconds("jitter_s", router.jitter, to: &out)
        appendSeconds("max_interval_s", router.maxSpacing, to: &out)
        out.append(",\"late_adverts\":")
        out.append(decimal: router.lateAdverts)
        out.append(",\"garp_bursts\":[")
        for (index, size) in router.announcementBursts.enumerated() {
            if index > 0 { out.append(byte: UInt8(ascii: ",")) }
            out.append(decimal: size)
        }
        out.append("],\"garp_burst_count\":")
        out.append(decimal: router.announcementBurstCount)
        out.append(",\"garp_takeover_bursts\":")
        out.append(decimal: router.takeoverBursts)
        out.append(byte: UInt8(ascii: "}"))
    }

    private func appendDetail(_ event: TimelineEvent, to out: inout OutputBuffer) {
        switch event.detail {
        case .master(let change):
            out.append(",\"priority\":")
            out.append(decimal: change.priority)
            out.append(",\"previous\":")
            appendOptional(change.previous, to: &out)
            out.append(",\"cause\":\"")
            out.append(change.cause.rawValue)
            out.append(byte: 0x22)
            appendSeconds("gap_s", change.gap, to: &out)
            appendSeconds("garp_delay_s", change.announcementDelay, to: &out)
            out.append(",\"garp_burst\":")
            if let size = change.burstSize { out.append(decimal: size) } else { out.append("null") }
            out.append(",\"after_priority_drop\":")
            out.append(change.followsPriorityDrop ? "true" : "false")
            out.append(",\"after_priority_rise\":")
            out.append(change.followsPriorityRise ? "true" : "false")
            appendSeconds("outage_s", change.outage, to: &out)
            out.append(",\"contenders\":")
            appendAddresses(change.contenders, to: &out)
        case .resign(_, let priority):
            out.append(",\"priority\":0,\"from\":")
            if let priority { out.append(decimal: priority) } else { out.append("null") }
        case .priority(let change):
            out.append(",\"from\":")
            out.append(decimal: change.from)
            out.append(",\"to\":")
            out.append(decimal: change.to)
            out.append(",\"outlook\":")
            if let outlook = change.outlook { out.append(jsonString: outlook.rawValue) } else { out.append("null") }
        case .splitBrain:
            break
        case .splitBrainEnd(_, let started, let duration, let stopped):
            out.append(",\"stopped\":\"")
            out.append(stopped)
            out.append("\",\"started\":")
            TimestampFormatter.appendSeconds(started, to: &out)
            appendSeconds("duration_s", duration, to: &out)
        case .mismatch(let mismatch):
            out.append(",\"what\":\"")
            out.append(mismatch.what.rawValue)
            out.append("\",\"detail\":")
            out.append(jsonString: mismatch.detail)
        case .collision(let collision):
            out.append(",\"addresses\":")
            appendAddresses(collision.addresses, to: &out)
            out.append(",\"other_addresses\":")
            appendAddresses(collision.otherAddresses, to: &out)
            out.append(",\"auth_differs\":")
            out.append(collision.authDiffers ? "true" : "false")
        case .staleARP(let finding), .conflict(let finding):
            out.append(",\"address\":")
            appendAddress(finding.address, to: &out)
            out.append(",\"mac\":")
            out.append(jsonString: finding.mac.description)
            out.append(",\"master\":")
            appendOptional(finding.master, to: &out)
        case .silence(_, let lastAdvert, let resigned):
            out.append(",\"last_advert\":")
            TimestampFormatter.appendSeconds(lastAdvert, to: &out)
            appendSeconds("silent_s", max(0, event.ts - lastAdvert), to: &out)
            out.append(",\"resigned\":")
            out.append(resigned ? "true" : "false")
        case .lateAdvert(_, let spacing, let interval):
            appendSeconds("spacing_s", spacing, to: &out)
            appendSeconds("interval_s", interval, to: &out)
        case .flood(let flood):
            out.append(",\"limit\":\"")
            out.append(flood.limit.rawValue)
            out.append("\",\"bound\":")
            out.append(decimal: flood.bound)
            out.append(",\"adverts\":")
            out.append(decimal: flood.adverts)
            out.append(",\"sources\":")
            out.append(decimal: flood.sources)
            out.append(",\"more_sources\":")
            out.append(flood.moreSources ? "true" : "false")
            appendSeconds("duration_s", flood.duration, to: &out)
        case .malformed(let packet):
            appendProblems(packet.problems, to: &out)
        case .captureGap(let gap):
            out.append(",\"reason\":\"")
            out.append(gap.reason)
            out.append(byte: 0x22)
            switch gap {
            case .noPackets(let duration): appendSeconds("duration_s", duration, to: &out)
            case .kernelDrops(let count):
                out.append(",\"dropped\":")
                out.append(decimal: count)
            case .clockStep(let backwards): appendSeconds("step_back_s", backwards, to: &out)
            }
        case .backup(let change), .fault(let change), .initialize(let change):
            out.append(",\"priority\":")
            out.append(decimal: change.priority)
            out.append(",\"cause\":\"")
            out.append(change.cause.rawValue)
            out.append("\",\"peer\":")
            appendOptional(change.peer, to: &out)
        case .peerIgnoresUs(_, let peer, let priority, let adverts):
            out.append(",\"peer\":")
            appendAddress(peer, to: &out)
            out.append(",\"peer_priority\":")
            out.append(decimal: priority)
            out.append(",\"adverts\":")
            out.append(decimal: adverts)
        case .flapHold(_, let changes, let window):
            out.append(",\"changes\":")
            out.append(decimal: changes)
            appendSeconds("window_s", window, to: &out)
        case .addressRestored(_, let address):
            out.append(",\"address\":")
            appendAddress(address, to: &out)
        case .syncGroupSplit(_, let group, let members):
            out.append(",\"group\":")
            out.append(jsonString: group)
            out.append(",\"members\":[")
            for (index, member) in members.enumerated() {
                if index > 0 { out.append(byte: UInt8(ascii: ",")) }
                out.append(jsonString: member)
            }
            out.append(byte: UInt8(ascii: "]"))
        }
    }

    private func appendVR(_ vr: VirtualRouterID?, to out: inout OutputBuffer) {
        guard let vr else { return out.append("null") }
        out.append("{\"vrid\":")
        out.append(decimal: vr.vrid)
        out.append(",\"family\":\"")
        out.append(vr.family.rawValue)
        out.append("\",\"vlan\":")
        if let vlan = vr.vlan { out.append(decimal: vlan) } else { out.append("null") }
        if let outer = vr.outerVLAN {
            out.append(",\"vlan_outer\":")
            out.append(decimal: outer)
        }
        if let interface = vr.interface {
            out.append(",\"interface\":")
            out.append(jsonString: interface)
        }
        if vr.group > 0 {
            out.append(",\"group\":")
            out.append(decimal: vr.group)
        }
        out.append(byte: UInt8(ascii: "}"))
    }

    private func appendSeconds(_ key: StaticString, _ nanoseconds: Int64?, to out: inout OutputBuffer) {
        out.append(",\"")
        out.append(key)
        out.append("\":")
        if let nanoseconds { TimestampFormatter.appendSeconds(nanoseconds, to: &out) } else { out.append("null") }
    }

    private func appendOptional(_ address: IPAddress?, to out: inout OutputBuffer) {
        if let address { appendAddress(address, to: &out) } else { out.append("null") }
    }

    private func appendAddress(_ address: IPAddress, to out: inout OutputBuffer) {
        out.append(byte: 0x22)
        out.append(address)
        out.append(byte: 0x22)
    }

    private func appendAddresses(_ addresses: [IPAddress], to out: inout OutputBuffer) {
        out.append(byte: UInt8(ascii: "["))
        for (index, address) in addresses.enumerated() {
            if index > 0 { out.append(byte: UInt8(ascii: ",")) }
            appendAddress(address, to: &out)
        }
        out.append(byte: UInt8(ascii: "]"))
    }
}
