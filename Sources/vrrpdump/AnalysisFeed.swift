import Codec
import ElectionModel
import Printers
import Sniffer

/// Decodes a `--timeline` run's frames and hands them to the analyser, in capture order: a file
/// replay's in batches to an `AnalysisThread`, a live capture's directly. The thread starts with the
/// first full batch, so a short capture never needs one.
///
/// Unique traffic (a flood, AH sequence numbers) was once analysed on the reading thread, as keeping
/// its decodes alive in a queue cost more than the second processor saved; once a unique frame cost
/// no objects but its entry, the thread paid there too (UNIQUE and FLOOD 26–31 % less wall clock).
struct AnalysisFeed {
    private let output: TimelineOutput
    /// A file replay: analysis may run on a second thread. Never for a live capture, whose timer
    /// must not let time pass ahead of packets still queued.
    private let mayUseThread: Bool
    private var thread: AnalysisThread?
    private var batch = AnalysisBatch()
    /// Analysed batches handed back, freed an entry per frame taken (see `AnalysisBatch.releaseOne`).
    private var spent: [AnalysisBatch] = []
    /// The frames the analysis thread counted, once drained: add them to the decoder's tally.
    private(set) var tally = PacketTally()

    init(output: TimelineOutput, mayUseThread: Bool) {
        self.output = output
        self.mayUseThread = mayUseThread
    }

    /// Decodes `bytes` with `decoder` and analyses them, or hands them over.
    mutating func take(_ bytes: UnsafeRawBufferPointer, linkType: LinkType, decoder: inout TimelineDecoder,
                       at timestamp: Int64, interface: String?) throws(OutputError) {
        guard mayUseThread else {
            return try output.observe(decoder.decode(bytes, linkType: linkType), at: timestamp, interface: interface)
        }
        batch.append(bytes, linkType: linkType, decoder: &decoder, at: timestamp, interface: interface)
        // One for each one taken, so that each allocation reuses what was just freed; two while more
        // than one batch waits, so that a burst of batches handed back does not stay (it would, at one).
        for _ in 0..<(spent.count > 8 ? 2 : 1) where !spent.isEmpty {
            if !spent[spent.count - 1].releaseOne() { spent.removeLast() }
        }
        guard batch.isFull else { return }
        let thread = self.thread ?? AnalysisThread(output: output)
        self.thread = thread
        let (analysed, failed, behind) = thread.send(batch)
        spent.append(contentsOf: analysed)
        // Counting the frames past the memo is the one part of the reading that either thread can do:
        // the reader keeps it while the analysis is behind and hands it over while it is not, so the
        // two threads even out (for unique frames the reader was the longer by a fifth).
        decoder.talliesAlone = behind
        batch = AnalysisBatch(framesTallied: behind)
        if failed { try drain() }
    }

    /// Analyses everything taken and stops the thread; throws the output's failure (a closed pipe).
    mutating func drain() throws(OutputError) {
        guard thread != nil || !batch.isEmpty else { return }
        var last = batch
        batch = AnalysisBatch()
        spent = []
        guard let thread else { return try output.observe(&last, counting: &tally) }
        self.thread = nil
        if !last.isEmpty { _ = thread.send(last) }
        let (failure, counted) = thread.finish()
        tally = counted
        if let failure { throw failure }
    }
}
