import Codec
import ElectionModel
import Foundation
import Sniffer
import XCTest
@testable import SensorMetrics

/// The metric mapping on crafted captures replayed through the analyser, with a scrape (update and
/// exposition) after every packet, as a live sensor might be scraped at any moment.
final class SensorMetricsTests: XCTestCase {
    private static var captures: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("captures/crafted")
    }

    /// Replays `name` into fresh metrics; `scrape` sees the exposition after every packet.
    @discardableResult
    private func replay(_ name: String, limits: LabelLimits = LabelLimits(), scrapeEachPacket: Bool = true,
                        scrape: (String) -> Void = { _ in }) throws -> (metrics: SensorMetrics, events: [TimelineEvent], text: String) {
        let metrics = SensorMetrics(interface: "eth0", limits: limits, version: "0.0.0")
        let source = try CaptureFile.open(Self.captures.appendingPathComponent(name).path)
        try source.setFilter(.vrrp(narrowedBy: nil))
        var analyzer = ElectionAnalyzer()
        var events: [TimelineEvent] = []
        try source.forEach { info, bytes in
            let found = analyzer.observe(Frame.decode(bytes, linkType: info.linkType), at: info.timestamp, interface: nil)
            events += found
            metrics.record(found)
            if scrapeEachPacket {
                metrics.update(analyzer.summaries())
                scrape(exposition(metrics))
            }
            return true
        }
        let last = analyzer.finish()
        events += last
        metrics.record(last)
        metrics.update(analyzer.summaries())
        return (metrics, events, exposition(metrics))
    }

    private func exposition(_ metrics: SensorMetrics) -> String {
        metrics.withExposition { String(decoding: $0, as: UTF8.self) }
    }

    /// Sample lines of `metric` (name followed by `{` or a space), without HELP/TYPE.
    private func samples(_ text: String, _ metric: String) -> [String] {
        text.split(separator: "\n").map(String.init).filter { $0.hasPrefix(metric + "{") || $0.hasPrefix(metric + " ") }
    }

    /// Never two masters of one virtual router read 1 at any scrape; after the tie-break the info
    /// series names the winner, and changes are counted by cause.
    func testMasterInfoFollowsTheMasterWithoutDuplicates() throws {
        let run = try replay("tie-break.pcap") { text in
            XCTAssertLessThanOrEqual(self.samples(text, "vrrpdump_vr_master_info").count, 1, text)
        }
        XCTAssertEqual(samples(run.text, "vrrpdump_vr_master_info"),
                       [#"vrrpdump_vr_master_info{interface="eth0",vlan="",family="ipv4",vrid="7",router="192.0.2.20"} 1.0"#])
        XCTAssertTrue(run.text.contains(#"vrrpdump_vr_master_changes_total{interface="eth0",vlan="",family="ipv4",vrid="7",cause="initial"} 1"#), run.text)
        XCTAssertTrue(run.text.contains(#"vrrpdump_vr_master_changes_total{interface="eth0",vlan="",family="ipv4",vrid="7",cause="tie-break"} 1"#), run.text)
        XCTAssertEqual(samples(run.text, "vrrpdump_vr_failover_gap_seconds_count").count, 1, run.text)
        let change = try XCTUnwrap(run.events.last { $0.kind == .master })
        XCTAssertTrue(run.text.contains("vrrpdump_vr_last_master_change_timestamp_seconds{interface=\"eth0\",vlan=\"\",family=\"ipv4\",vrid=\"7\"} \(Double(change.ts) / 1e9)"),
                      run.text)
        // Both routers have their own series.
        XCTAssertEqual(samples(run.text, "vrrpdump_router_priority").count, 2, run.text)
        XCTAssertEqual(samples(run.text, "vrrpdump_router_advert_interval_seconds").count, 2, run.text)
    }

    /// Every HELP and TYPE is there once per family, and the help texts are the catalogue's.
    func testExpositionNamesEveryFamilyOnce() throws {
        let run = try replay("vlan.pcap")
        for metric in [Metric.buildInfo, .captureRunning, .capturePacketsReceived, .masterInfo, .masterChanges,
                       .routerAdverts, .routerPriority, .routerInterval, .routerChecksumForm, .advertisingRouters, .splitBrain] {
            XCTAssertEqual(run.text.components(separatedBy: "# HELP \(metric.name) \(metric.help)\n").count, 2, metric.name)
        }
        // The VLAN label tells the three segments apart.
        XCTAssertEqual(Set(samples(run.text, "vrrpdump_vr_master_info").map { $0.components(separatedBy: "vlan=\"")[1].prefix(while: { $0 != "\"" }) }).count, 3)
    }

    /// Counters mirror the summaries' totals and never go back.
    func testAdvertCountersMatchTheSummary() throws {
        let run = try replay("ethernet.pcap")
        XCTAssertTrue(run.text.contains(#"vrrpdump_router_adverts_total{interface="eth0",vlan="",family="ipv4",vrid="1",router="192.0.2.2"} 3"#), run.text)
        XCTAssertTrue(run.text.contains(#"vrrpdump_router_checksum_form_info{interface="eth0",vlan="",family="ipv4",vrid="1",router="192.0.2.2",form="#), run.text)
    }

    /// The steady series' text is kept between scrapes: scraped after every packet, the last scrape still
    /// reads what one scrape at the end reads (priorities, masters, info series all followed).
    func testKeptSteadyTextFollowsEveryChange() throws {
        for name in ["tie-break.pcap", "vlan.pcap", "ethernet.pcap", "anomalies.pcap", "checksum-form-mix.pcap"] {
            let scrapedThroughout = try replay(name).text
            let scrapedOnce = try replay(name, scrapeEachPacket: false).text
            XCTAssertEqual(Set(scrapedThroughout.split(separator: "\n")), Set(scrapedOnce.split(separator: "\n")), name)
        }
    }

    /// Over the limit, virtual routers get no series and are counted once each.
    func testLabelLimitsBoundTheSeries() throws {
        let run = try replay("vlan.pcap", limits: LabelLimits(virtualRoutersPerInterface: 1, routersPerVirtualRouter: 1))
        XCTAssertEqual(samples(run.text, "vrrpdump_vr_master_info").count, 1, run.text)
        XCTAssertTrue(run.text.contains(#"vrrpdump_metrics_label_overflow_total{limit="virtual_routers_per_interface"} 2"#), run.text)
        let tie = try replay("tie-break.pcap", limits: LabelLimits(virtualRoutersPerInterface: 4, routersPerVirtualRouter: 1))
        XCTAssertEqual(samples(tie.text, "vrrpdump_router_priority").count, 1, tie.text)
        XCTAssertTrue(tie.text.contains(#"vrrpdump_metrics_label_overflow_total{limit="routers_per_virtual_router"} 1"#), tie.text)
    }

    /// libpcap's 32-bit counters wrap; the exported counters keep growing.
    func testCaptureCountersSurviveWrap() {
        let metrics = SensorMetrics(interface: "eth0", version: "0.0.0")
        metrics.update(CaptureStatistics(received: UInt32.max - 1, droppedByKernel: 2, droppedByInterface: 0))
        metrics.update(CaptureStatistics(received: 3, droppedByKernel: 2, droppedByInterface: 0))
        metrics.captureStopped()
        let text = exposition(metrics)
        XCTAssertTrue(text.contains(#"vrrpdump_capture_packets_received_total{interface="eth0"} 4294967299"#), text)
        XCTAssertTrue(text.contains(#"vrrpdump_capture_kernel_drops_total{interface="eth0"} 2"#), text)
        XCTAssertTrue(text.contains(#"vrrpdump_capture_running{interface="eth0"} 0.0"#), text)
        XCTAssertTrue(text.contains(#"vrrpdump_build_info{version="0.0.0"} 1.0"#), text)
    }
}
