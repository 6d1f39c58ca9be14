import Dispatch
import ElectionModel
import Printers
import Sniffer
import Synchronization

/// The second thread of a file replay: while the capture loop reads, filters and decodes, this one
/// analyses what it was handed, in batches and in order. A bounded number of batches is in flight,
/// so memory stays flat; the reader waits when the analysis falls behind.
///
/// Live captures do not use it: there the analyser's timer lets wall-clock time pass, which must
/// never overtake packets still queued.
final class AnalysisThread: Sendable {
    private static let batchesInFlight = 8

    private struct Queue {
        /// nil: the reader is done.
        var batches: [AnalysisBatch?] = []
        /// Analysed batches, handed back so that the reader's thread frees what it allocated (memory
        /// freed on another thread than the one that allocated it costs the allocator dearly).
        var analysed: [AnalysisBatch] = []
        /// The output failed (e.g. a closed pipe): batches are then dropped, not analysed.
        var failure: OutputError?
        /// The frames the decoder left to this thread to count, once it has finished.
        var tally = PacketTally()
    }

    private let output: TimelineOutput
    private let queue = Mutex(Queue())
    private let queued = DispatchSemaphore(value: 0)
    private let room = DispatchSemaphore(value: AnalysisThread.batchesInFlight)
    private let done = DispatchSemaphore(value: 0)

    init(output: TimelineOutput) {
        self.output = output
        DispatchQueue(label: "vrrpdump.analysis").async { self.run() }
    }

    /// Hands over a batch and takes back those analysed since (to be freed on the reader's thread);
    /// `failed` once the output has failed, so that the reader can stop; `behind` while the analysis
    /// has more than half the batches in flight still to do (the reader is the quicker).
    func send(_ batch: AnalysisBatch) -> (analysed: [AnalysisBatch], failed: Bool, behind: Bool) {
        enqueue(batch)
    }

    /// Waits for everything sent to be analysed; returns the output's failure, if any, and the frames
    /// this thread counted (`AnalysisBatch.framesTallied`).
    func finish() -> (failure: OutputError?, tally: PacketTally) {
        _ = enqueue(nil)
        done.wait()
        return queue.withLock { ($0.failure, $0.tally) }
    }

    /// One lock per batch on each side: under contention a lock costs far more than the work it guards.
    private func enqueue(_ batch: AnalysisBatch?) -> (analysed: [AnalysisBatch], failed: Bool, behind: Bool) {
        room.wait()
        let handed = queue.withLock { queue in
            queue.batches.append(batch)
            let taken = queue.analysed
            queue.analysed = []
            return (taken, queue.failure != nil, 2 * queue.batches.count > Self.batchesInFlight)
        }
        queued.signal()
        return handed
    }

    private func run() {
        var finished: AnalysisBatch?
        var tally = PacketTally()
        while true {
            queued.wait()
            let (next, failed) = queue.withLock { queue in
                if let finished { queue.analysed.append(finished) }
                return (queue.batches.removeFirst(), queue.failure != nil)
            }
            finished = nil
            room.signal()
            guard var batch = consume next else { break }  // unique, so that its frames are moved in place
            if failed {
                batch.countUntallied(into: &tally)
                continue
            }
            do {
                try output.observe(&batch, counting: &tally)
            } catch {
                queue.withLock { $0.failure = error }
            }
            finished = batch
        }
        queue.withLock { $0.tally = tally }
        done.signal()
    }
}
