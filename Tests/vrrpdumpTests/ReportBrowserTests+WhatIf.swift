import Foundation
import XCTest

/// `--what-if --report FILE.html`: the capture's lanes as `--timeline --report` draws them, plus the
/// virtual router's lane, whose master spans are the what-if's own JSON lines; checked in headless Chromium.
extension ReportBrowserTests {
    func testWhatIfReportTakeover() throws {
        // Above the master: it preempts one Master_Down_Interval after joining.
        try checkWhatIfReport("captures/scenarios/crash-failover/capture.pcap", ["--vrid", "51", "--priority", "120"],
                              terms: 1)
    }

    func testWhatIfReportAfterResign() throws {
        // Joining after the resignation: it takes over one Skew_Time after the priority-0 advert.
        try checkWhatIfReport("captures/scenarios/seed-failover/capture.pcap",
                              ["--vrid", "51", "--priority", "120", "--join-after", "6"], terms: 1)
    }

    func testWhatIfReportBelowTheBackups() throws {
        // Below every recorded router: never master, the lane is there and empty.
        try checkWhatIfReport("captures/scenarios/crash-failover/capture.pcap", ["--vrid", "51", "--priority", "50"],
                              terms: 0)
    }

    func testWhatIfReportIPv6() throws {
        try checkWhatIfReport("captures/scenarios/v3-ipv6/capture.pcap", ["--vrid", "51", "--priority", "120"], terms: nil)
    }

    func testWhatIfReportNeedsAFileName() throws {
        let outcome = try VRRPDumpRunner.run(["-r", Repository.url("captures/demo/capture.pcap").path, "--what-if",
                                              "--vrid", "51", "--priority", "120", "--report", "-"])
        XCTAssertNotEqual(outcome.status, 0, outcome.summary)
    }

    func testWhatIfReportUnwritableSaysWhy() throws {
        let scratch = try ScratchDirectory("what-if-report")
        let target = scratch.file("missing/what-if.html").path
        let outcome = try VRRPDumpRunner.run(["-r", Repository.url("captures/demo/capture.pcap").path, "--what-if",
                                              "--vrid", "51", "--priority", "120", "--report", target])
        XCTAssertEqual(outcome.status, 1, outcome.summary)
        XCTAssertTrue(outcome.stderrText.contains("cannot write report \(target)"), outcome.summary)
    }

    /// Runs the what-if with `--json --report`, then checks the file against those JSON lines and in the browser.
    func checkWhatIfReport(_ path: String, _ flags: [String], terms expectedTerms: Int?,
                           file: StaticString = #filePath, line: UInt = #line) throws {
        let capture = Repository.url(path)
        guard Repository.isRegularFile(capture) else { throw XCTSkip("\(path) is missing") }
        let scratch = try ScratchDirectory("what-if-report")
        let output = scratch.file("what-if.html")
        let run = try VRRPDumpRunner.run(["-r", capture.path, "--what-if", "--json", "--report", output.path] + flags)
        XCTAssertEqual(run.status, 0, run.summary, file: file, line: line)
        let html = try String(contentsOf: output, encoding: .utf8)
        XCTAssertNil(html.range(of: "http", options: .caseInsensitive), "no 'http' in \(path)'s what-if report",
                     file: file, line: line)
        XCTAssertNil(html.range(of: "<script", options: .caseInsensitive), file: file, line: line)

        let lines = run.stdoutLines.compactMap {
            (try? JSONSerialization.jsonObject(with: Data($0.utf8))) as? [String: Any]
        }
        XCTAssertEqual(lines.count, run.stdoutLines.count, "every line is a JSON object", file: file, line: line)
        let timelineEvents = lines.compactMap { line -> (you: Bool, event: [String: Any])? in
            guard line["what_if"] as? String == "event", line["origin"] as? String == "modelled",
                  let event = line["timeline"] as? [String: Any] else { return nil }
            return (line["you"] as? Bool ?? false, event)
        }
        let you = try XCTUnwrap(timelineEvents.first { $0.you }?.event["router"] as? String, "the virtual router's events",
                                file: file, line: line)
        let vr = vrKey(timelineEvents.first { $0.you }?.event["vr"])

        // The recorded routers keep their lanes; the virtual router has one more, marked modelled.
        let recorded = try jsonTimeline(capture).summaries.first { vrKey($0["vr"]) == vr }
        let recordedLanes = elements("g", class: "lane", in: html).filter { $0["data-vr"] == vr }.compactMap { $0["data-router"] }
        XCTAssertEqual(recordedLanes.sorted(), ((recorded?["routers"] as? [String]) ?? []).sorted(), file: file, line: line)
        let lanes = elements("g", class: "lane what-if", in: html)
        XCTAssertEqual(lanes.map { $0["data-router"] }, [you], file: file, line: line)
        XCTAssertEqual(lanes.first?["data-vr"], vr, file: file, line: line)
        XCTAssertEqual(lanes.first?["data-origin"], "modelled", file: file, line: line)

        // The virtual router's terms from its JSON lines: master opens one, backup/fault/initialize ends it,
        // else it lasts to the last packet.
        let captureEnd = try lastPacketTime(capture)
        var expected: [Span] = []
        var open: Int?
        for (isYou, event) in timelineEvents where isYou {
            let ts = event["ts"] as? Double ?? .nan
            switch event["event"] as? String {
            case "master":
                if let index = open { expected[index].end = ts }
                open = expected.count
                expected.append(Span(vr: vr, router: you, start: ts, end: captureEnd))
            case "backup", "fault", "initialize":
                if let index = open { expected[index].end = ts }
                open = nil
            default:
                break
            }
        }
        if let expectedTerms { XCTAssertEqual(expected.count, expectedTerms, "\(expected)", file: file, line: line) }
        let drawn = elements("rect", class: "what-if-span", in: html).map { attributes in
            Span(vr: attributes["data-vr"] ?? "?", router: attributes["data-router"] ?? "?",
                 start: Double(attributes["data-start"] ?? "") ?? .nan, end: Double(attributes["data-end"] ?? "") ?? .nan)
        }
        XCTAssertEqual(drawn.count, expected.count, "what-if spans: \(drawn) vs \(expected)", file: file, line: line)
        for (span, draw) in zip(expected, drawn) {
            XCTAssertEqual(draw.vr, span.vr, file: file, line: line)
            XCTAssertEqual(draw.router, span.router, file: file, line: line)
            XCTAssertEqual(draw.start, span.start, accuracy: 0.001, "start of \(span)", file: file, line: line)
            XCTAssertEqual(draw.end, span.end, accuracy: 0.001, "end of \(span)", file: file, line: line)
        }
        // Modelled and recorded are told apart: no modelled span is drawn as a recorded one.
        let recordedSpans = elements("rect", class: "master-span", in: html)
        XCTAssertFalse(recordedSpans.contains { $0["data-router"] == you }, file: file, line: line)
        if !expected.isEmpty {
            XCTAssertTrue(html.contains("class=\"divergence\""), "the divergence is marked", file: file, line: line)
        }

        let browser = try Chromium.require()
        let dom = try browser.run(scratch, ["--virtual-time-budget=2000", "--dump-dom", output.absoluteString])
        XCTAssertTrue(dom.outcome.succeeded, dom.outcome.summary, file: file, line: line)
        XCTAssertEqual(dom.consoleMessages, [], "console messages while rendering \(path)'s what-if report", file: file, line: line)
        let domText = dom.outcome.stdoutText
        XCTAssertEqual(elements("g", class: "lane what-if", in: domText).count, 1, file: file, line: line)
        XCTAssertEqual(elements("rect", class: "what-if-span", in: domText).count, drawn.count, file: file, line: line)
    }
}
