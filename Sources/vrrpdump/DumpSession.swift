import Printers
import Codec
import SensorMetrics
import ElectionModel
import Sniffer
#if canImport(Glibc)
import Glibc
#endif

/// One run of the packet printer: open, filter, decode, print, write, count; report at the end.
struct DumpSession {
    let source: SourceSpec
    /// `-w`, with its rotation.
    let sink: CaptureSink?
    let count: Int?
    let json: Bool
    let lineBuffered: Bool
    let expression: String?
    let options: PrintOptions
    /// `-Z`: the user to run as once the capture is open.
    var user: String? = nil
    /// `--metrics`: analyse as `--timeline` would, without printing, and serve the result.
    var metricsEndpoint: MetricsEndpoint? = nil

    /// Returns the exit status: 0, or 1 after a one-line error on standard error.
    func run() -> Int32 {
        source.run(narrowedBy: expression, user: user, run(on:))
    }

    private func run(on capture: any PacketSource) -> Int32 {
        var out = OutputBuffer(fd: STDOUT_FILENO, lineBuffered: lineBuffered)
        var text = TextPacketPrinter(options: options)
        let jsonPrinter = JSONPacketPrinter(options: options)
        var tally = PacketTally()
        var sink = self.sink
        var failure: (any Error)?
        let feed = metricsEndpoint.map { _ in MetricsFeed(interface: source.name) }
        let analysis = feed.map { TimelineOutput.metricsOnly($0.metrics) }
        if let feed, let analysis, let metricsEndpoint {
            do { try feed.serve(metricsEndpoint, output: analysis) } catch { return fail(error) }
        }
        let ticker = analysis.map { TimelineTicker(every: TimelineSession.tick, output: $0, stopper: capture.stopper) }
        let named = source.isAnyInterface || capture.interfaces.count > 1
        var decoder = TimelineDecoder()
        let progress = ProgressLine.start(for: capture)
        do {
            try capture.forEach { info, bytes in
                let frame = Frame.decode(bytes, linkType: info.linkType)
                let problems = frame.problems
                tally.count(frame, problems: problems)
                progress?.count()
                if let analysis {
                    try analysis.observe(decoder.decode(bytes, linkType: info.linkType), at: info.timestamp,
                                         interface: named ? capture.interfaceName(of: bytes, info: info) : nil)
                    feed?.note(capture, at: info.timestamp)
                }
                if sink != nil, try sink?.write(bytes, info: info, frame: frame, from: capture) == false {
                    progress?.cancel()
                    try out.flush()
                    printError(sink?.limitMessage ?? "")
                    return false
                }
                let record = PacketRecord(
                    timestamp: info.timestamp,
                    // Named whenever the source has several interfaces (any, multi-interface pcapng).
                    interface: options.showInterface || json || capture.interfaces.count > 1
                        ? capture.interfaceName(of: bytes, info: info) : nil,
                    capturedLength: info.capturedLength, originalLength: info.originalLength, frame: frame,
                    problems: problems)
                if json { jsonPrinter.print(record, to: &out) } else { text.print(record, to: &out) }
                try out.endLine()
                if lineBuffered { try sink?.flush() }
                return count.map { tally.total < $0 } ?? true
            }
        } catch {
            failure = error
        }
        progress?.cancel()
        ticker?.cancel()
        if let feed {
            _ = try? analysis?.finish(at: wallClock())
            feed.finish(capture)
        }
        do {
            try out.flush()
            if failure == nil { try sink?.finish(source: capture) } else { try sink?.flush() }
        } catch {
            failure = failure ?? error
        }
        StatisticsReport(tally: tally, live: capture.statistics, sourceName: source.name).print()
        // The error comes last, after the packets and statistics before the damage.
        return failure.map(fail) ?? 0
    }
}
