import Codec
import ElectionModel
import Engine
import KeepalivedConfig
import Printers
import Sniffer
#if canImport(Glibc)
import Glibc
#endif

/// One `--what-if` run: the capture read whole, its recorded timeline from the analyser, and the
/// virtual router replayed through `WhatIfReplay`; recorded events up to the virtual router's first
/// advert, then the modelled lines, the story and the counters.
struct WhatIfSession {
    let source: SourceSpec
    let expression: String?
    let json: Bool
    let timestamps: TimestampFormat
    let options: RouterOptions
    /// `--what-if-address`: the virtual router's primary address.
    let address: IPAddress?
    /// `--join-after`: seconds after the capture's first frame.
    let joinAfter: Double
    /// `--config FILE [--instance NAME]`: the virtual router is this keepalived instance.
    var keepalived: KeepalivedInstanceChoice? = nil
    /// `--report FILE.html`: the capture's timeline with the virtual router's modelled lane.
    var reportPath: String? = nil

    /// The capture as read: its frames and the analyser's view of it (events; for `--report` also the
    /// packet counts and the analyser's start).
    private struct Recording {
        var frames: [(ts: Int64, frame: Frame)] = []
        var events: [TimelineEvent] = []
        var analyzer = ElectionAnalyzer()
        var tally = PacketTally()
        /// The analyser's time after the first frame.
        var start: Int64?
    }

    enum Problem: Error, CustomStringConvertible {
        case noAdvert(vrid: UInt8, source: String)
        case config(ConfigError)
        case keepalived(RouterConfigMappingError)
        case addressInUse(IPAddress)

        var description: String {
            switch self {
            case .noAdvert(let vrid, let source): "\(source): no VRRP advert for VRID \(vrid): nothing to replay against"
            case .config(let error): "--what-if: \(error)"
            case .keepalived(let error): "--config: \(error)"
            case .addressInUse(let address):
                "--what-if-address \(address) is a router of the capture: give the virtual router an address of its own"
            }
        }
    }

    func run() -> Int32 {
        source.run(narrowedBy: expression) { capture in
            var recording = Recording()
            do {
                try capture.forEach { info, bytes in
                    let frame = Frame.decode(bytes, linkType: info.linkType)
                    recording.frames.append((info.timestamp, frame))
                    recording.events += recording.analyzer.observe(frame, at: info.timestamp, interface: nil)
                    if reportPath != nil {
                        recording.tally.count(frame, problems: frame.problems)
                        if recording.start == nil { recording.start = recording.analyzer.now }
                    }
                    return true
                }
            } catch {
                return fail(error)
            }
            recording.events += recording.analyzer.finish()
            do {
                return try replay(recording)
            } catch {
                return fail(error)
            }
        }
    }

    private func replay(_ recording: Recording) throws -> Int32 {
        let (frames, recorded) = (recording.frames, recording.events)
        let vrid = keepalived?.vrid ?? options.vrid ?? 0
        let priority = keepalived.map { UInt8(clamping: $0.instance.priority) } ?? options.priority ?? 0
        guard let template = WhatIfReplay.template(vrid: vrid, priority: priority, address: address, frames: frames) else {
            throw Problem.noAdvert(vrid: vrid, source: source.name)
        }
        let config: RouterConfig
        if let keepalived {
            do {
                config = try keepalived.instance.routerConfig(primaryAddress: template.primaryAddress, global: keepalived.global)
            } catch { throw Problem.keepalived(error) }
        } else {
            config = options.apply(to: template)
            do { try config.validate() } catch { throw Problem.config(error) }
        }
        if frames.contains(where: { $0.frame.vrrp?.vrid == vrid && $0.frame.network.sourceIP == config.primaryAddress }) {
            throw Problem.addressInUse(config.primaryAddress)
        }
        let joinAt = frames.first.map { $0.ts + Int64((joinAfter * 1e9).rounded()) }
        let result = WhatIfReplay(config: config, joinAt: joinAt).run(frames)

        var out = OutputBuffer(fd: STDOUT_FILENO, lineBuffered: false)
        var printer = WhatIfPrinter(timestamps: timestamps, json: json, origin: frames.first?.ts ?? 0)
        // After the divergence the models speak for the recorded routers, unless none could be modelled.
        let superseded = result.modelled.isEmpty ? nil : result.divergence
        let ours = recorded.filter { event in
            event.vr.map { $0.vrid == vrid && $0.family == config.family } ?? true && superseded.map { event.ts < $0 } ?? true
        }
        // Both lists are in time order; merge them, the recording first at one instant.
        var (r, m) = (0, 0)
        while r < ours.count || m < result.lines.count {
            if m >= result.lines.count || (r < ours.count && ours[r].ts <= result.lines[m].ts) {
                printer.printRecorded(ours[r], to: &out)
                r += 1
            } else {
                printer.print(result.lines[m], to: &out)
                m += 1
            }
            try out.endLine()
        }
        if result.outcomes.isEmpty {
            printer.printNoTakeover(priority: config.priority, to: &out)
            try out.endLine()
        }
        for outcome in result.outcomes {
            printer.print(outcome, to: &out)
            try out.endLine()
        }
        printer.print(counters: result.counters, modelled: result.modelled, divergence: result.divergence, to: &out)
        try out.endLine()
        try out.flush()
        if let reportPath {
            let end = recording.analyzer.now ?? result.end
            let input = ReportInput(sourceName: source.name, isLive: false, events: recorded, omittedEvents: 0,
                                    summaries: recording.analyzer.summaries(), start: recording.start ?? end, end: end,
                                    tally: recording.tally)
            let lane = WhatIfLane(config: config, result: result, joined: joinAt ?? result.end)
            try HTMLReport(input: input, whatIf: lane).write(to: reportPath)
        }
        return 0
    }
}
