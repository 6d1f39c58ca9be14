import Codec
import ElectionModel
import Sniffer

/// What a `--timeline` run keeps for `--report`: the events as they are decided (not the packets), and
/// the span of the capture on the analyser's clock. Bounded: past `eventLimit` events are only counted.
package struct ReportRecorder {
    package static let eventLimit = 20_000

    package private(set) var events: [TimelineEvent] = []
    package private(set) var omittedEvents = 0
    /// The analyser's time after the first packet.
    package var start: Int64?

    package mutating func record(_ decided: [TimelineEvent]) {
        for event in decided {
            if events.count < Self.eventLimit { events.append(event) } else { omittedEvents += 1 }
        }
    }

    package init() {}
}

/// Everything the HTML report is drawn from, gathered at the end of the run.
package struct ReportInput {
    /// The file name or interface, as the statistics line names it.
    package var sourceName: String
    package var isLive: Bool
    package var events: [TimelineEvent]
    package var omittedEvents: Int
    package var summaries: [VirtualRouterSummary]
    /// First and last time of the capture on the analyser's clock (the stop time for a live capture).
    package var start: Int64
    package var end: Int64
    package var tally: PacketTally
    /// Unreadable VRRP packets by sender and findings (capture-wide).
    package var malformed: [MalformedTally]

    package init(sourceName: String, isLive: Bool, events: [TimelineEvent], omittedEvents: Int,
                 summaries: [VirtualRouterSummary], start: Int64, end: Int64, tally: PacketTally,
                 malformed: [MalformedTally] = []) {
        self.malformed = malformed
        self.sourceName = sourceName
        self.isLive = isLive
        self.events = events
        self.omittedEvents = omittedEvents
        self.summaries = summaries
        self.start = start
        self.end = end
        self.tally = tally
    }
}

/// Times and durations as the report prints them.
package enum ReportFormat {
    /// A router's announcement bursts as the tables show them: the takeover's first burst size times its
    /// bursts within the repeat window ("2×3": Cisco's pair and its two repeats), then later bursts;
    /// "-" without any. The `master` event's `burst` is the same first size.
    package static func bursts(_ router: RouterSummary) -> String {
        let sizes = router.announcementBursts
        guard let first = sizes.first else { return "-" }
        let takeover = min(max(1, router.takeoverBursts), sizes.count)
        let head = sizes.prefix(takeover).allSatisfy { $0 == first } && takeover > 1
            ? "\(first)×\(takeover)"
            : sizes.prefix(takeover).map(String.init).joined(separator: ",")
        return ([head] + sizes.dropFirst(takeover).map(String.init)).joined(separator: ",")
    }

    /// Epoch seconds with microseconds, as in `--json`: "1795615830.596608".
    package static func epoch(_ nanoseconds: Int64) -> String {
        let sign = nanoseconds < 0 ? "-" : ""
        let magnitude = nanoseconds.magnitude
        return sign + String(magnitude / 1_000_000_000) + "." + padded(Int(magnitude % 1_000_000_000 / 1000), 6)
    }

    /// Local date and time with microseconds: "2026-11-25 14:10:30.596608".
    package static func dateTime(_ nanoseconds: Int64) -> String {
        let clock = LocalClock(nanoseconds)
        return clock.date + " " + clock.time + "." + padded(clock.microseconds, 6)
    }

    /// Local time of day with `decimals` fraction digits (0…6): "14:10:30.59".
    package static func timeOfDay(_ nanoseconds: Int64, decimals: Int) -> String {
        let clock = LocalClock(nanoseconds)
        guard decimals > 0 else { return clock.time }
        let fraction = padded(clock.microseconds, 6)
        return clock.time + "." + String(fraction.prefix(min(decimals, 6)))
    }

    /// A duration with a unit and three significant decimals at most: "3.614 s", "1.0 ms", "21.911 ms".
    package static func duration(_ nanoseconds: Int64) -> String {
        let value = Double(nanoseconds)
        if nanoseconds.magnitude >= 60_000_000_000 {
            let seconds = Int64((value / 1e9).rounded())
            let (hours, rest) = seconds.quotientAndRemainder(dividingBy: 3600)
            let (minutes, secs) = rest.quotientAndRemainder(dividingBy: 60)
            return hours > 0 ? "\(hours) h \(minutes) min \(secs) s" : "\(minutes) min \(secs) s"
        }
        if nanoseconds.magnitude >= 1_000_000_000 { return decimal(value / 1e9, "s") }
        if nanoseconds.magnitude >= 1_000_000 { return decimal(value / 1e6, "ms") }
        return decimal(value / 1e3, "µs")
    }

    /// "UTC", "UTC+01:00": the zone the local times are in.
    package static func zone(at nanoseconds: Int64) -> String {
        let offset = LocalClock(nanoseconds).utcOffset
        guard offset != 0 else { return "UTC" }
        let minutes = abs(offset) / 60
        return "UTC" + (offset < 0 ? "−" : "+") + padded(minutes / 60, 2) + ":" + padded(minutes % 60, 2)
    }

    /// One decimal, for SVG coordinates.
    package static func coordinate(_ value: Double) -> String {
        guard value.isFinite else { return "0" }
        let tenths = Int64((value * 10).rounded())
        let whole = tenths / 10
        let fraction = (tenths % 10).magnitude
        if fraction == 0 { return String(whole) }
        return (tenths < 0 && whole == 0 ? "-" : "") + String(whole) + "." + String(fraction)
    }

    package static func padded(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }

    private static func decimal(_ value: Double, _ unit: String) -> String {
        let thousandths = Int64((value * 1000).rounded())
        var fraction = padded(Int(thousandths.magnitude % 1000), 3)
        while fraction.count > 1 && fraction.hasSuffix("0") { fraction.removeLast() }
        return "\(thousandths / 1000).\(fraction) \(unit)"
    }
}
