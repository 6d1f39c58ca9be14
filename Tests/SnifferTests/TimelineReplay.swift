import Codec
import Foundation
import ElectionModel
@testable import Sniffer

/// Replays a capture file through the election analyser, as `vrrpdump -r FILE --timeline` does:
/// decoding every frame, or (`memo`) through a `TimelineDecoder` as the command does, judging every
/// `window` frames whether to use its memo; `filtered` applies vrrpdump's default capture filter first.
enum TimelineReplay {
    static func run(_ path: String, memo useMemo: Bool = false, window: Int = TimelineDecoder.window,
                    filtered: Bool = false) throws -> TimelineRun {
        let source = try CaptureFile.open(path)
        if filtered { try source.setFilter(.vrrp(narrowedBy: nil)) }
        var analyzer = ElectionAnalyzer()
        var decoder = TimelineDecoder(window: window)
        var tally = PacketTally()
        var events: [TimelineEvent] = []
        let named = source.interfaces.count > 1
        try source.forEach { info, bytes in
            let interface = named ? source.interfaceName(of: bytes, info: info) : nil
            if useMemo {
                events += analyzer.observe(decoder.decode(bytes, linkType: info.linkType), at: info.timestamp,
                                           interface: interface)
            } else {
                let frame = Frame.decode(bytes, linkType: info.linkType)
                tally.count(frame, problems: frame.problems)
                events += analyzer.observe(frame, at: info.timestamp, interface: interface)
            }
            return true
        }
        events += analyzer.finish()
        return TimelineRun(events: events, summaries: analyzer.summaries(), tally: useMemo ? decoder.tally : tally)
    }

    /// The repository's `captures/` directory.
    static var captures: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("captures")
    }
}
