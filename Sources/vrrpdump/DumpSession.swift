import Printers
import Codec
import ElectionModel
import Sniffer
#if canImport(Glibc)
import Glibc
#endif

/// One run of the packet printer: open, filter, decode, print, write, count; report at the end.
struct DumpSession {
    let source: SourceSpec
    let writePath: String?
    let count: Int?
    let json: Bool
    let lineBuffered: Bool
    let expression: String?
    let options: PrintOptions

    /// Returns the exit status: 0, or 1 after a one-line error on standard error.
    func run() -> Int32 {
        source.run(narrowedBy: expression, run(on:))
    }

    private func run(on capture: any PacketSource) -> Int32 {
        var out = OutputBuffer(fd: STDOUT_FILENO, lineBuffered: lineBuffered)
        var text = TextPacketPrinter(options: options)
        let jsonPrinter = JSONPacketPrinter(options: options)
        var tally = PacketTally()
        var writer: CaptureWriter?
        var failure: (any Error)?
        do {
            try capture.forEach { info, bytes in
                var frame = Frame.decode(bytes, linkType: info.linkType)
                let problems = frame.problems
                tally.count(frame, problems: problems)
                if let writePath {
                    if writer == nil { writer = try CaptureWriter(path: writePath, for: capture) }
                    try writeRedacted(&frame, info: info, bytes: bytes, to: writer)
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
                if lineBuffered { try writer?.flush() }
                return count.map { tally.total < $0 } ?? true
            }
        } catch {
            failure = error
        }
        do {
            try out.flush()
            // Nothing matched: still leave a valid, empty capture, as tcpdump does.
            if writer == nil, let writePath, failure == nil { writer = try CaptureWriter(path: writePath, for: capture) }
            try writer?.flush()
        } catch {
            failure = failure ?? error
        }
        StatisticsReport(tally: tally, live: capture.statistics, sourceName: source.name).print()
        // The error comes last, after the packets and statistics before the damage.
        return failure.map(fail) ?? 0
    }

    /// Writes the frame as captured, or re-encoded with passwords hidden under `--redact`.
    private func writeRedacted(_ frame: inout Frame, info: PacketInfo, bytes: UnsafeRawBufferPointer,
                               to writer: CaptureWriter?) throws {
        guard let writer else { return }
        if options.redact, frame.redactPasswords() {
            let encoded = frame.encode()
            var redactedInfo = info
            redactedInfo.capturedLength = encoded.count
            try encoded.withUnsafeBytes { try writer.write($0, info: redactedInfo) }
        } else {
            try writer.write(bytes, info: info)
        }
    }

}
