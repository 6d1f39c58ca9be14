import Codec
import ElectionModel
import Printers
import SensorMetrics
import Sniffer
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// The analyser and the printers of a `--timeline` run, behind a lock: the capture loop feeds packets
/// while a live capture's timer lets time pass (`TimelineTicker`) on another thread.
final class TimelineOutput: Sendable {
    private struct State {
        var analyzer = ElectionAnalyzer()
        var out: OutputBuffer
        var text: TimelineTextPrinter
        let json: Bool
        let failOn: FailOn?
        var failOnTriggered = false
        /// Kept for `--report`, nil without it.
        var recorder: ReportRecorder?
        /// A file replay prints in time order; live output prints each event as soon as it is decided.
        var order: EventOrder?
        /// `--metrics`: counts the events as they are decided.
        let metrics: SensorMetrics?
        /// False when only `--metrics` wants the analysis (a packet run): nothing is printed.
        let printing: Bool

        mutating func observe(_ entry: FrameMemo.Entry, at timestamp: Int64, interface: String?) throws(OutputError) {
            try observed(analyzer.observe(entry, at: timestamp, interface: interface))
        }

        mutating func observe(_ frame: borrowing Frame, at timestamp: Int64, interface: String?) throws(OutputError) {
            try observed(analyzer.observe(frame, at: timestamp, interface: interface))
        }

        mutating func observe(_ decoded: TimelineDecoder.Decoded, at timestamp: Int64, interface: String?) throws(OutputError) {
            try observed(analyzer.observe(decoded, at: timestamp, interface: interface))
        }

        private mutating func observed(_ events: [TimelineEvent]) throws(OutputError) {
            // Waiting events may become final with any packet, not only one that decides an event.
            if !events.isEmpty || order?.isEmpty == false { try print(events) }
            if recorder != nil, recorder?.start == nil { recorder?.start = analyzer.now }
        }

        mutating func print(_ events: [TimelineEvent]) throws(OutputError) {
            // Called for every packet while events wait (a flood's for seconds): a packet that decided
            // nothing only asks whether it is time to look at the horizon.
            if !events.isEmpty { metrics?.record(events) }
            guard order != nil else { return try write(events) }
            // Mutated in place through the optional: a copy taken out of `self` would make every
            // `add` copy all the waiting events.
            if !events.isEmpty { order?.add(events) }
            guard order?.isDue(at: analyzer.now, newEvents: !events.isEmpty) == true else { return }
            let ready = order?.release(before: analyzer.undecidedSince) ?? []
            if !ready.isEmpty { try write(ready) }
        }

        /// Everything still waiting for its place in time, at the end of the input.
        mutating func drain() throws(OutputError) {
            guard let rest = order?.release(before: nil) else { return }
            try write(rest)
        }

        private mutating func write(_ events: [TimelineEvent]) throws(OutputError) {
            guard printing else { return }
            recorder?.record(events)
            for event in events {
                if json { TimelineJSONPrinter().print(event, to: &out) } else { text.print(event, to: &out) }
                try out.endLine()
                if failOn?.isTriggered(by: event) == true { failOnTriggered = true }
            }
        }
    }

    private let state: Mutex<State>

    /// `timeOrdered`: hold events until their place in time is certain (file replays).
    init(fd: Int32, json: Bool, lineBuffered: Bool, timestamps: TimestampFormat, failOn: FailOn?, report: Bool = false,
         timeOrdered: Bool = false, metrics: SensorMetrics? = nil, printing: Bool = true) {
        state = Mutex(State(out: OutputBuffer(fd: fd, lineBuffered: lineBuffered),
                            text: TimelineTextPrinter(timestamps: timestamps), json: json, failOn: failOn,
                            recorder: report ? ReportRecorder() : nil, order: timeOrdered ? EventOrder() : nil,
                            metrics: metrics, printing: printing))
    }

    /// The analysis for `--metrics` alone: events are counted, never printed.
    static func metricsOnly(_ metrics: SensorMetrics) -> TimelineOutput {
        TimelineOutput(fd: STDOUT_FILENO, json: false, lineBuffered: false, timestamps: .epoch, failOn: nil,
                       metrics: metrics, printing: false)
    }

    /// The analyser's state now, for a scrape, refilled into `statuses`: the lock is held only for that
    /// (a fraction of a millisecond for a thousand virtual routers), never while the scrape is served.
    func statuses(into statuses: inout VirtualRouterStatuses) {
        state.withLock { $0.analyzer.statuses(into: &statuses) }
    }

    /// Analyses one captured frame, as a `TimelineDecoder` decoded it; a memo entry's route is read and
    /// written only here, under the lock.
    func observe(_ decoded: TimelineDecoder.Decoded, at timestamp: Int64, interface: String?) throws(OutputError) {
        try state.withLock { (state) throws(OutputError) in
            try state.observe(decoded, at: timestamp, interface: interface)
        }
    }

    /// Analyses a batch in order, under one lock; counts into `tally` the frames the decoder left
    /// uncounted (`AnalysisBatch.framesTallied`).
    func observe(_ batch: inout AnalysisBatch, counting tally: inout PacketTally) throws(OutputError) {
        try state.withLock { (state) throws(OutputError) in
            var failure: OutputError?
            func catching(_ observe: () throws(OutputError) -> Void) {
                do { try observe() } catch { failure = error }
            }
            let items = batch.items
            let counts = !batch.framesTallied
            batch.withFrames { frames in
                var next = 0
                for item in items {
                    guard let entry = item.entry else {
                        // Moved out and back: read in place, the frame was copied (retaining its arrays,
                        // which the other thread made) for every frame. Once the output has failed the
                        // frames are only counted: the statistics still count every frame read.
                        let frame = frames.moveElement(from: next)
                        if counts { tally.count(frame) }
                        if failure == nil {
                            catching { () throws(OutputError) in
                                try state.observe(frame, at: item.timestamp, interface: item.interface)
                            }
                        }
                        frames.initializeElement(at: next, to: consume frame)
                        next += 1
                        continue
                    }
                    guard failure == nil else { continue }
                    // The batch keeps the entry alive; guaranteed, it is used without touching its
                    // reference count, which the capture thread is updating (see `AnalysisBatch`).
                    entry._withUnsafeGuaranteedRef { entry in
                        catching { () throws(OutputError) in
                            try state.observe(entry, at: item.timestamp, interface: item.interface)
                        }
                    }
                }
            }
            if let failure { throw failure }
        }
    }

    /// The live timer: reports master-down and silence when no packet arrives.
    func advance(to timestamp: Int64) throws(OutputError) {
        try state.withLock { (state) throws(OutputError) in
            let events = state.analyzer.advance(to: timestamp)
            try state.print(events)
            if !events.isEmpty { try state.out.flush() }
        }
    }

    func noteDrops(_ count: UInt64, at timestamp: Int64) throws(OutputError) {
        try state.withLock { (state) throws(OutputError) in
            try state.print(state.analyzer.noteDrops(count, at: timestamp))
        }
    }

    /// Prints what is still pending and one summary per virtual router; returns whether a `--fail-on`
    /// event occurred.
    func finish(at timestamp: Int64?) throws(OutputError) -> Bool {
        try state.withLock { (state) throws(OutputError) -> Bool in
            try state.print(state.analyzer.finish(at: timestamp))
            try state.drain()
            for summary in state.analyzer.summaries() where state.printing {
                if state.json { TimelineJSONPrinter().print(summary, to: &state.out) } else { state.text.print(summary, to: &state.out) }
                try state.out.endLine()
            }
            for tally in state.analyzer.malformedTallies {
                if state.json { TimelineJSONPrinter().print(tally, to: &state.out) } else { state.text.print(tally, to: &state.out) }
                try state.out.endLine()
            }
            try state.out.flush()
            return state.failOnTriggered
        }
    }

    /// What `--report` draws, after `finish`; nil without `--report` or when no packet was seen.
    func reportInput(sourceName: String, isLive: Bool, tally: PacketTally) -> ReportInput? {
        state.withLock { state in
            guard let recorder = state.recorder else { return nil }
            let end = state.analyzer.now ?? 0
            return ReportInput(sourceName: sourceName, isLive: isLive, events: recorder.events,
                               omittedEvents: recorder.omittedEvents, summaries: state.analyzer.summaries(),
                               start: recorder.start ?? end, end: end, tally: tally,
                               malformed: state.analyzer.malformedTallies)
        }
    }

    /// Writes out what is buffered (after an error, before the message).
    func flush() {
        state.withLock { state in try? state.out.flush() }
    }
}
