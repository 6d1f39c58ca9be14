import Codec
import ElectionModel
import Engine
import EngineHost
import Printers

/// Prints what the node does and hears: its events through the timeline's printers, its own notes and
/// the adverts it hears in the same line (or `--json` object) shape, counters at the end. A keepalived
/// instance's lines carry its name: `(VI_1)` before the virtual router in text, `"instance"` in JSON.
final class ParticipateOutput: NodeOutput {
    private var out: OutputBuffer
    private var text: TimelineTextPrinter
    private var time: TimestampFormatter
    private let json: Bool
    private let vr: VirtualRouterID
    private let instance: String?

    init(fd: Int32, json: Bool, timestamps: TimestampFormat, vr: VirtualRouterID, instance: String? = nil) {
        out = OutputBuffer(fd: fd, lineBuffered: true)
        text = TimelineTextPrinter(timestamps: timestamps)
        time = TimestampFormatter(format: timestamps)
        self.json = json
        self.vr = vr
        self.instance = instance
    }

    func report(_ event: TimelineEvent) {
        guard let instance else {
            if json { TimelineJSONPrinter().print(event, to: &out) } else { text.print(event, to: &out) }
            return end()
        }
        // The timeline's printers know no instances: the name goes into their line, before the
        // `,"event"` that follows the timestamp (JSON) or before the virtual router (text).
        var line = OutputBuffer(fd: -1, lineBuffered: false)
        if json { TimelineJSONPrinter().print(event, to: &line) } else { text.print(event, to: &line) }
        let (marker, label) = json ? (Array(",\"event\"".utf8), ",\"instance\":\(jsonQuoted(instance))") : (Array("vrid ".utf8), "(\(instance)) ")
        let bytes = line.bytes
        let at = bytes.indices.first { bytes[$0...].starts(with: marker) } ?? bytes.endIndex
        out.append(contentsOf: Array(bytes[..<at]))
        out.append(label)
        out.append(contentsOf: Array(bytes[at...]))
        end()
    }

    func heard(_ advert: ReceivedAdvert, at wallTime: Int64) {
        let packet = advert.packet
        let addresses = packet.addresses.map(\.description).joined(separator: ", ")
        if json {
            start(wallTime, event: "heard")
            out.append(",\"router\":")
            out.append(jsonString: advert.source.description)
            out.append(",\"priority\":")
            out.append(decimal: packet.priority)
            out.append(",\"version\":")
            out.append(decimal: packet.version)
            out.append(",\"interval_cs\":")
            out.append(decimal: packet.intervalCentiseconds)
            out.append(",\"addrs\":[")
            out.append(packet.addresses.map { "\"\($0)\"" }.joined(separator: ","))
            out.append("]}")
        } else {
            prefix(wallTime)
            out.append("heard \(advert.source) prio \(packet.priority) (v\(packet.version), int \(packet.intervalCentiseconds) cs, addrs \(addresses))")
        }
        end()
    }

    func note(_ message: String, at wallTime: Int64) {
        if json {
            start(wallTime, event: "note")
            out.append(",\"text\":")
            out.append(jsonString: message)
            out.append("}")
        } else {
            prefix(wallTime)
            out.append("note \(message)")
        }
        end()
    }

    func summary(state: RouterState, priority: UInt8, counters: RouterCounters, at wallTime: Int64) {
        let drops = DropReason.allCases.map { ($0.rawValue, counters[$0]) }
        if json {
            start(wallTime, event: "counters")
            out.append(",\"state\":\"\(state.rawValue)\",\"priority\":")
            out.append(decimal: priority)
            out.append(",\"received\":")
            out.append(decimal: counters.received)
            out.append(",\"sent\":")
            out.append(decimal: counters.sent)
            out.append(",\"drops\":{")
            out.append(drops.map { "\"\($0.0)\":\($0.1)" }.joined(separator: ","))
            out.append("}}")
        } else {
            prefix(wallTime)
            let dropText = drops.filter { $0.1 > 0 }.map { "\($0.0) \($0.1)" }.joined(separator: ", ")
            out.append("counters: state \(state.rawValue), prio \(priority), received \(counters.received), sent \(counters.sent), dropped \(counters.dropped)")
            if !dropText.isEmpty { out.append(" (\(dropText))") }
        }
        end()
    }

    private func start(_ wallTime: Int64, event: String) {
        out.append("{\"ts\":")
        TimestampFormatter.appendSeconds(wallTime, to: &out)
        if let instance { out.append(",\"instance\":\(jsonQuoted(instance))") }
        out.append(",\"event\":\"\(event)\",\"vr\":{\"vrid\":")
        out.append(decimal: vr.vrid)
        out.append(",\"family\":\"\(vr.family.rawValue)\"}")
    }

    private func prefix(_ wallTime: Int64) {
        time.append(wallTime, to: &out)
        if let instance { out.append(" (\(instance))") }
        out.append(" vrid \(vr.vrid) \(vr.family.rawValue)\(vr.interface.map { " on \($0)" } ?? ""): ")
    }

    private func jsonQuoted(_ text: String) -> String {
        var quoted = OutputBuffer(fd: -1, lineBuffered: false)
        quoted.append(jsonString: text)
        return String(decoding: quoted.bytes, as: UTF8.self)
    }

    private func end() { try? out.endLine() }
}
