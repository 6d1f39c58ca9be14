import Codec
import Foundation
@testable import Sniffer

/// Replays a capture file through the election analyser, as `vrrpdump -r FILE --timeline` does.
enum TimelineReplay {
    static func run(_ path: String) throws -> TimelineRun {
        let source = try CaptureFile.open(path)
        var analyzer = ElectionAnalyzer()
        var events: [TimelineEvent] = []
        let named = source.interfaces.count > 1
        try source.forEach { info, bytes in
            let frame = Frame.decode(bytes, linkType: info.linkType)
            events += analyzer.observe(frame, at: info.timestamp,
                                       interface: named ? source.interfaceName(of: bytes, info: info) : nil)
            return true
        }
        events += analyzer.finish()
        return TimelineRun(events: events, summaries: analyzer.summaries())
    }

    /// The repository's `captures/` directory.
    static var captures: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("captures")
    }
}
