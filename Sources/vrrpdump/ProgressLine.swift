import Dispatch
import Printers
import Sniffer
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// A long replay's progress (bytes, packets, rate, time left) redrawn in place on standard error,
/// only when that is a terminal and only once the replay has taken `delay`: pipes, files and short
/// runs never see it. The line is erased when the replay ends, before the statistics.
final class ProgressLine {
    static let delay: Int64 = 1_000_000_000
    static let interval: Int64 = 250_000_000

    private let display: Display
    private let timer: DispatchSourceTimer

    /// nil for live captures and when standard error is not a terminal.
    static func start(for capture: any PacketSource) -> ProgressLine? {
        guard let progress = capture.progress, isatty(STDERR_FILENO) == 1 else { return nil }
        return ProgressLine(progress: progress)
    }

    private init(progress: ReadProgress) {
        let display = Display(progress: progress)
        self.display = display
        timer = DispatchSource.makeTimerSource(queue: .global())
        timer.schedule(deadline: .now() + .nanoseconds(Int(Self.delay)), repeating: .nanoseconds(Int(Self.interval)))
        timer.setEventHandler { display.draw() }
        timer.resume()
    }

    /// One more packet delivered; called by the capture loop.
    func count() {
        display.packets.add(1, ordering: .relaxed)
    }

    func cancel() {
        timer.cancel()
        display.erase()
    }

    /// What the timer's thread and the capture loop share.
    private final class Display: Sendable {
        private struct State {
            var cancelled = false
            var drawn = false
        }

        let progress: ReadProgress
        let started = monotonicClock()
        let packets = Atomic<Int>(0)
        private let state = Mutex(State())

        init(progress: ReadProgress) {
            self.progress = progress
        }

        func draw() {
            let line = ProgressLine.line(bytesRead: progress.bytesRead, totalBytes: progress.totalBytes,
                                         packets: packets.load(ordering: .relaxed), elapsed: monotonicClock() - started)
            state.withLock { state in
                guard !state.cancelled else { return }
                Self.write("\r\u{1B}[K" + line)
                state.drawn = true
            }
        }

        /// Clears the line, and keeps a late tick from drawing it again.
        func erase() {
            state.withLock { state in
                if state.drawn { Self.write("\r\u{1B}[K") }
                state.cancelled = true
                state.drawn = false
            }
        }

        private static func write(_ text: String) {
            var err = OutputBuffer(fd: STDERR_FILENO, lineBuffered: false)
            err.append(text)
            try? err.flush()
        }
    }

    /// The text of the line, e.g. `12.5 MB of 50.0 MB (25%), 1042 packets, 8.3 MB/s, 5 s left`.
    static func line(bytesRead: Int64, totalBytes: Int64?, packets: Int, elapsed: Int64) -> String {
        let seconds = Double(max(elapsed, 1)) / 1e9
        let rate = Double(bytesRead) / seconds
        var text = megabytes(bytesRead)
        if let totalBytes, totalBytes > 0 {
            text += " of \(megabytes(totalBytes)) (\(min(100, bytesRead * 100 / totalBytes))%)"
        }
        text += ", \(packets) packet\(packets == 1 ? "" : "s"), \(megabytes(Int64(rate)))/s"
        if let totalBytes, rate > 0, totalBytes >= bytesRead {
            text += ", \(Int((Double(totalBytes - bytesRead) / rate).rounded(.up))) s left"
        }
        return text
    }

    private static func megabytes(_ bytes: Int64) -> String {
        let tenths = (bytes + 50_000) / 100_000
        return "\(tenths / 10).\(tenths % 10) MB"
    }
}

/// Nanoseconds of a clock that never steps, for rates and durations.
func monotonicClock() -> Int64 {
    var now = timespec()
    clock_gettime(CLOCK_MONOTONIC, &now)
    return Int64(now.tv_sec) * 1_000_000_000 + Int64(now.tv_nsec)
}
