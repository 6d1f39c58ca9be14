import Codec
import ElectionModel
import XCTest
@testable import Sniffer

/// The statuses a live scrape polls repeat the summaries' values at every point of a capture.
final class VirtualRouterStatusTests: XCTestCase {
    func testStatusesMatchTheSummariesAfterEveryPacket() throws {
        let crafted = TimelineReplay.captures.appendingPathComponent("crafted")
        let names = try FileManager.default.contentsOfDirectory(atPath: crafted.path)
            .filter { $0.hasSuffix(".pcap") || $0.hasSuffix(".pcapng") }.sorted()
        XCTAssertGreaterThan(names.count, 10)
        var statuses = VirtualRouterStatuses()
        for name in names {
            let source = try CaptureFile.open(crafted.appendingPathComponent(name).path)
            var analyzer = ElectionAnalyzer()
            let named = source.interfaces.count > 1
            func check(_ when: String) {
                analyzer.statuses(into: &statuses)
                let expected = VirtualRouterStatuses(analyzer.summaries())
                XCTAssertEqual(statuses.virtualRouters, expected.virtualRouters, "\(name) \(when)")
                XCTAssertEqual(statuses.routers, expected.routers, "\(name) \(when)")
            }
            var packet = 0
            try source.forEach { info, bytes in
                let interface = named ? source.interfaceName(of: bytes, info: info) : nil
                _ = analyzer.observe(Frame.decode(bytes, linkType: info.linkType), at: info.timestamp, interface: interface)
                packet += 1
                check("after packet \(packet)")
                return true
            }
            // Time passing alone ends terms: the liveness window, as at the end of a live capture.
            if let now = analyzer.now {
                _ = analyzer.advance(to: now + 10 * TimelineRules.second)
                check("10 s later")
            }
            _ = analyzer.finish()
            check("at the end")
        }
    }
}
