import Printers
import Codec
import ElectionModel
import Sniffer
#if canImport(Glibc)
import Glibc
#endif

/// One `--timeline` run: packets through the election analyser, events printed as they are decided,
/// then a summary per virtual router; statistics on standard error as in a packet run.
struct TimelineSession {
    let source: SourceSpec
    let count: Int?
    let json: Bool
    let lineBuffered: Bool
    let expression: String?
    let timestamps: TimestampFormat
    let failOn: FailOn?
    /// `--report FILE.html`, written when the capture ends.
    var reportPath: String? = nil
    /// `-w`: the packets analysed, kept as evidence.
    var sink: CaptureSink? = nil
    /// `-Z`: the user to run as once the capture is open.
    var user: String? = nil
    /// `--metrics`: serve the analysis to Prometheus while the capture runs.
    var metricsEndpoint: MetricsEndpoint? = nil

    /// How long the report may go on drawing once a signal asked the run to stop.
    static let reportTimeAfterSignal: Int64 = 300_000_000

    /// How often a live capture lets time pass when no packet arrives, and checks kernel drops.
    static let tick: Int64 = 250_000_000

    /// Returns the exit status: 0; 1 after a one-line error on standard error; `FailOn.exitStatus` (3)
    /// when an event named by `--fail-on` occurred.
    func run() -> Int32 {
        source.run(narrowedBy: expression, user: user, run(on:))
    }

    private func run(on capture: any PacketSource) -> Int32 {
        let metricsFeed = metricsEndpoint.map { _ in MetricsFeed(interface: source.name) }
        let output = TimelineOutput(fd: STDOUT_FILENO, json: json, lineBuffered: lineBuffered, timestamps: timestamps,
                                    failOn: failOn, report: reportPath != nil, timeOrdered: !source.isLive, metrics: metricsFeed?.metrics)
        if let metricsFeed, let metricsEndpoint {
            do { try metricsFeed.serve(metricsEndpoint, output: output) } catch { return fail(error) }
        }
        let ticker = source.isLive ? TimelineTicker(every: Self.tick, output: output, stopper: capture.stopper) : nil
        // Copies of one frame on several interfaces are only recognised when interfaces are named.
        let named = source.isAnyInterface || capture.interfaces.count > 1
        var packets = 0
        var drops = DropCounter()
        var decoder = TimelineDecoder()
        var feed = AnalysisFeed(output: output, mayUseThread: !source.isLive)
        var failure: (any Error)?
        var sink = self.sink
        let progress = ProgressLine.start(for: capture)
        do {
            try capture.forEach { info, bytes in
                packets += 1
                progress?.count()
                if sink != nil, try sink?.write(bytes, info: info, from: capture) == false {
                    progress?.cancel()
                    output.flush()
                    printError(sink?.limitMessage ?? "")
                    return false
                }
                let interface = named ? capture.interfaceName(of: bytes, info: info) : nil
                try feed.take(bytes, linkType: info.linkType, decoder: &decoder, at: info.timestamp, interface: interface)
                metricsFeed?.note(capture, at: info.timestamp)
                if source.isLive, let dropped = drops.newDrops(capture.statistics, at: info.timestamp) {
                    try output.noteDrops(dropped, at: info.timestamp)
                }
                return count.map { packets < $0 } ?? true
            }
        } catch {
            failure = error
        }
        do {
            try feed.drain()
        } catch {
            // The output's failure (a closed pipe) stopped the reading: it is the one to report.
            failure = error
        }
        ticker?.cancel()
        progress?.cancel()
        do {
            if failure == nil { try sink?.finish(source: capture) } else { try sink?.flush() }
        } catch {
            failure = failure ?? error
        }
        var tally = decoder.tally
        tally.add(feed.tally)
        var triggered = false
        do {
            if let dropped = drops.newDrops(capture.statistics, at: nil) { try output.noteDrops(dropped, at: wallClock()) }
            triggered = try output.finish(at: source.isLive ? wallClock() : nil)
        } catch {
            failure = failure ?? error
            output.flush()
        }
        if let reportPath, let input = output.reportInput(sourceName: source.name, isLive: source.isLive, tally: tally) {
            // After a signal the report draws what fits in the time left (see `SignalTrap.grace`).
            let stopper = capture.stopper
            var drawUntil: Int64?
            let keepDrawing = {
                guard stopper.isStopRequested else { return true }
                let now = wallClock()
                drawUntil = drawUntil ?? now + Self.reportTimeAfterSignal
                return now < drawUntil ?? now
            }
            do { try HTMLReport(input: input, keepDrawing: keepDrawing).write(to: reportPath) } catch { failure = failure ?? error }
        }
        metricsFeed?.finish(capture)
        StatisticsReport(tally: tally, live: capture.statistics, sourceName: source.name).print()
        if let failure { return fail(failure) }
        return triggered ? FailOn.exitStatus : 0
    }

}
