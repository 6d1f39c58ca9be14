import Codec
import ElectionModel
import Engine

/// `--what-if` output: every line marked `recorded` (on the wire in the capture) or `modelled` (what the
/// state machine computed), events through the timeline's printers, then the story and the counters.
///
///     modelled 2026-11-25 14:06:33.902 vrid 51 ipv4: master 192.0.2.254 prio 120 (resigned from 192.0.2.111,
///         gap 531.2 ms, garp after 0.0 µs, burst 5) [you]
///     story: 192.0.2.111 resigned at 14:06:33.371: you (priority 120) would have been master 531.2 ms later,
///         instead of 192.0.2.199 after 618.4 ms
package struct WhatIfPrinter {
    private var time: TimestampFormatter
    private var text: TimelineTextPrinter
    private let json: Bool

    /// - Parameter origin: the capture's first timestamp, which `relative` times count from.
    package init(timestamps: TimestampFormat, json: Bool, origin: Int64) {
        time = TimestampFormatter(format: timestamps, origin: origin)
        text = TimelineTextPrinter(timestamps: timestamps, origin: origin)
        self.json = json
    }

    /// A recorded event of the capture (from the analyser), before the virtual router spoke.
    package mutating func printRecorded(_ event: TimelineEvent, to out: inout OutputBuffer) {
        if json {
            appendHead("event", origin: .recorded, isVirtual: false, to: &out)
            out.append(",\"timeline\":")
            TimelineJSONPrinter().print(event, to: &out)
            out.append(byte: UInt8(ascii: "}"))
        } else {
            out.append("recorded ")
            text.print(event, to: &out)
        }
    }

    package mutating func print(_ line: WhatIfLine, to out: inout OutputBuffer) {
        if json { return printJSON(line, to: &out) }
        out.append(line.origin.rawValue)
        out.append(byte: UInt8(ascii: " "))
        switch line.what {
        case .event(let event):
            text.print(event, to: &out)
        case .advert(let priority):
            time.append(line.ts, to: &out)
            out.append(" \(line.router): advert prio \(priority)" + (priority == 0 ? " (resigning)" : " (first of its term)"))
        case .announce(let addresses, let count):
            time.append(line.ts, to: &out)
            out.append(" \(line.router): announces \(addresses.map(\.description).joined(separator: ", ")) ×\(count)")
        case .recordedLife(let life):
            time.append(line.ts, to: &out)
            out.append(" \(line.router): \(Self.describe(life)) (given to its model)")
        }
        if line.isVirtual { out.append(" [you]") }
    }

    package func print(_ outcome: WhatIfOutcome, to out: inout OutputBuffer) {
        if json {
            out.append("{\"what_if\":\"outcome\",\"ts\":")
            TimestampFormatter.appendSeconds(outcome.at, to: &out)
            out.append(",\"priority\":")
            out.append(decimal: outcome.priority)
            out.append(",\"cause\":")
            out.append(jsonString: outcome.cause.rawValue)
            out.append(",\"previous\":")
            appendOptional(outcome.previous.map(\.description), to: &out)
            out.append(",\"trigger\":")
            if let trigger = outcome.trigger { TimestampFormatter.appendSeconds(trigger, to: &out) } else { out.append("null") }
            out.append(",\"after_s\":")
            if let trigger = outcome.trigger { TimestampFormatter.appendSeconds(outcome.at - trigger, to: &out) } else { out.append("null") }
            out.append(",\"recorded_successor\":")
            appendOptional(outcome.recordedSuccessor.map(\.description), to: &out)
            out.append(",\"recorded_after_s\":")
            if let trigger = outcome.trigger, let at = outcome.recordedSuccessorAt {
                TimestampFormatter.appendSeconds(at - trigger, to: &out)
            } else {
                out.append("null")
            }
            out.append(byte: UInt8(ascii: "}"))
            return
        }
        out.append("story: " + story(outcome))
    }

    /// The line for a replay in which the virtual router never became master.
    package func printNoTakeover(priority: UInt8, to out: inout OutputBuffer) {
        if json {
            out.append("{\"what_if\":\"outcome\",\"ts\":null,\"priority\":\(priority),\"cause\":null}")
        } else {
            out.append("story: you (priority \(priority)) would have stayed backup throughout: the capture's masters are unchanged")
        }
    }

    package func print(counters: RouterCounters, modelled: [IPAddress], divergence: Int64?, to out: inout OutputBuffer) {
        let drops = DropReason.allCases.filter { counters[$0] > 0 }
        if json {
            out.append("{\"what_if\":\"summary\",\"divergence\":")
            if let divergence { TimestampFormatter.appendSeconds(divergence, to: &out) } else { out.append("null") }
            out.append(",\"modelled\":[")
            out.append(modelled.map { "\"\($0)\"" }.joined(separator: ","))
            out.append("],\"received\":\(counters.received),\"sent\":\(counters.sent),\"drops\":{")
            out.append(drops.map { "\"\($0.rawValue)\":\(counters[$0])" }.joined(separator: ","))
            out.append("},\"address_list_mismatch\":\(counters.addressListMismatch)}")
            return
        }
        out.append("you: received \(counters.received) adverts, would have sent \(counters.sent)")
        out.append(drops.isEmpty ? ", dropped none" : ", dropped " + drops.map { "\($0.rawValue) \(counters[$0])" }.joined(separator: ", "))
        if counters.addressListMismatch > 0 { out.append(", address list differs in \(counters.addressListMismatch)") }
        out.append("; modelled routers: \(modelled.isEmpty ? "none" : modelled.map(\.description).joined(separator: ", "))")
        if divergence == nil { out.append(" (never needed: you never advertised)") }
    }

    private func story(_ outcome: WhatIfOutcome) -> String {
        let you = "you (priority \(outcome.priority))"
        var clock = time
        func at(_ ts: Int64) -> String {
            var buffer = OutputBuffer(fd: -1, lineBuffered: false)
            clock.append(ts, to: &buffer)
            return String(decoding: buffer.bytes, as: UTF8.self)
        }
        let instead: String
        if let trigger = outcome.trigger, let successor = outcome.recordedSuccessor, let successorAt = outcome.recordedSuccessorAt {
            instead = ", instead of \(successor) after \(text.seconds(successorAt - trigger))"
        } else {
            instead = ", where the capture shows nobody taking over"
        }
        switch (outcome.cause, outcome.previous, outcome.trigger) {
        case (.resigned, let previous?, let trigger?):
            return "\(previous) resigned at \(at(trigger)): \(you) would have been master \(text.seconds(outcome.at - trigger)) later" + instead
        case (.masterDown, let previous?, let trigger?):
            return "\(previous) went silent after its advert at \(at(trigger)): \(you) would have been master "
                + "\(text.seconds(outcome.at - trigger)) later" + instead
        case (.preempted, let previous, _):
            let whom = previous.map { " \($0)" + (outcome.previousPriority.map { " (priority \($0))" } ?? "") } ?? " the master"
            let after = outcome.at - outcome.joined
            let timing = after == outcome.masterDownInterval
                ? ", one Master_Down_Interval (\(text.seconds(after))) after joining"
                : ", \(text.seconds(after)) after joining"
            return "\(you) would have preempted\(whom) at \(at(outcome.at))" + timing
        default:
            return "\(you) would have become master at \(at(outcome.at)) (\(outcome.cause.rawValue))"
        }
    }

    private static func describe(_ life: RecordedLife) -> String {
        switch life {
        case .resigned: "resigned (priority 0) in the capture"
        case .wentSilent: "went silent in the capture"
        case .restarted: "restarted in the capture"
        case .priorityChanged: "changed its priority in the capture"
        }
    }

    private mutating func printJSON(_ line: WhatIfLine, to out: inout OutputBuffer) {
        switch line.what {
        case .event(let event):
            appendHead("event", origin: line.origin, isVirtual: line.isVirtual, to: &out)
            out.append(",\"timeline\":")
            TimelineJSONPrinter().print(event, to: &out)
        case .advert(let priority):
            appendHead("advert", origin: line.origin, isVirtual: line.isVirtual, to: &out)
            appendWhereAndWhen(line, to: &out)
            out.append(",\"priority\":")
            out.append(decimal: priority)
        case .announce(let addresses, let count):
            appendHead("announce", origin: line.origin, isVirtual: line.isVirtual, to: &out)
            appendWhereAndWhen(line, to: &out)
            out.append(",\"addresses\":[")
            out.append(addresses.map { "\"\($0)\"" }.joined(separator: ","))
            out.append("],\"count\":")
            out.append(decimal: count)
        case .recordedLife(let life):
            appendHead("recorded-life", origin: line.origin, isVirtual: line.isVirtual, to: &out)
            appendWhereAndWhen(line, to: &out)
            out.append(",\"life\":")
            out.append(jsonString: life.rawValue)
        }
        out.append(byte: UInt8(ascii: "}"))
    }

    private func appendHead(_ kind: String, origin: WhatIfLine.Origin, isVirtual: Bool, to out: inout OutputBuffer) {
        out.append("{\"what_if\":")
        out.append(jsonString: kind)
        out.append(",\"origin\":\"")
        out.append(origin.rawValue)
        out.append(isVirtual ? "\",\"you\":true" : "\",\"you\":false")
    }

    private func appendWhereAndWhen(_ line: WhatIfLine, to out: inout OutputBuffer) {
        out.append(",\"ts\":")
        TimestampFormatter.appendSeconds(line.ts, to: &out)
        out.append(",\"router\":\"")
        out.append(line.router)
        out.append(byte: 0x22)
    }

    private func appendOptional(_ text: String?, to out: inout OutputBuffer) {
        if let text { out.append(jsonString: text) } else { out.append("null") }
    }
}
