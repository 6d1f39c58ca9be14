import Foundation
import XCTest

/// `--timeline --report FILE.html` on the demo and lab captures: the file refers to nothing on a network,
/// draws one lane per router and the master spans of the JSON timeline, and a real headless browser
/// (Debian `chromium`) renders it without a single console message.
///
/// Set `VRRPDUMP_UPDATE_SCREENSHOT=1` to refresh `docs/report-demo.png` from the demo report.
final class ReportBrowserTests: XCTestCase {
    func testDemoReport() throws {
        let report = try checkReport("captures/demo/capture.pcap", virtualRouters: 1)
        try screenshot(report)
    }

    func testSplitBrainReport() throws {
        let report = try checkReport("captures/scenarios/split-brain/capture.pcap", virtualRouters: 1)
        XCTAssertTrue(report.html.contains("class=\"band split-brain\""), "the split brain is drawn")
    }

    func testVRIDCollisionReportHasOneTimelinePerGroup() throws {
        let report = try checkReport("captures/scenarios/vrid-collision/capture.pcap", virtualRouters: 2)
        XCTAssertTrue(report.html.contains("VRID collision"))
    }

    func testVLANReportHasOneTimelinePerSegment() throws {
        let report = try checkReport("captures/crafted/vlan.pcap", virtualRouters: 3)
        XCTAssertTrue(report.html.contains("data-vr=\"vrid 1 ipv4 vlan 100.10\""), "QinQ segments are labelled outer.inner")
    }

    /// Issue 8, story 11: a preemption of a live master (10 s interval) leaves no moment without a master.
    func testPreemptionOfALiveMasterDrawsNoFailoverGap() throws {
        let report = try checkReport("captures/crafted/cisco-v2-md5.pcap", virtualRouters: 1)
        XCTAssertFalse(report.html.contains("class=\"band failover-gap\""), "preempted while alive: no gap band")
    }

    /// Issue 8, story 11: a resigned master reigns no more; the 62 s without a master are an outage.
    func testResignationThenSilenceIsAnOutageNotAMasterWithoutAdverts() throws {
        let report = try checkReport("captures/crafted/story02-recovered-after-silence.pcap", virtualRouters: 1)
        XCTAssertTrue(report.html.contains("class=\"band failover-gap\""), "the outage is drawn")
        XCTAssertTrue(report.html.contains("outage 1 min 2 s: no master"),
                      "the outage is named")
        XCTAssertFalse(report.html.contains("no adverts from 192.0.2.51"), "no 'master, but no adverts' after the resignation")
    }

    func testThreeRoutersReport() throws {
        try checkReport("captures/scenarios/three-routers/capture.pcap", virtualRouters: 1)
    }

    func testReportNeedsTimeline() throws {
        let scratch = try ScratchDirectory("report")
        let outcome = try VRRPDumpRunner.run(["-r", Repository.url("captures/demo/capture.pcap").path,
                                              "--report", scratch.file("r.html").path])
        XCTAssertNotEqual(outcome.status, 0, outcome.summary)
        XCTAssertFalse(FileManager.default.fileExists(atPath: scratch.file("r.html").path))
    }

    func testNamesAreEscapedAndNeverSayHTTP() throws {
        let scratch = try ScratchDirectory("report")
        let capture = scratch.file("a&b <HTTP-http> \"x\".pcap")
        try FileManager.default.copyItem(at: Repository.url("captures/demo/capture.pcap"), to: capture)
        let output = scratch.file("r.html")
        let run = try VRRPDumpRunner.run(["-r", capture.path, "--timeline", "--report", output.path])
        XCTAssertEqual(run.status, 0, run.summary)
        let html = try String(contentsOf: output, encoding: .utf8)
        XCTAssertNil(html.range(of: "http", options: .caseInsensitive))
        XCTAssertTrue(html.contains("a&amp;b &lt;&#72;TTP-&#104;ttp&gt; &quot;x&quot;.pcap"), html.prefix(3000).description)
    }

    // MARK: - The checks

    struct Report {
        let scratch: ScratchDirectory
        let file: URL
        let html: String
    }

    /// Generates the report of `path` and checks it against `--timeline --json` and in the browser.
    @discardableResult
    func checkReport(_ path: String, virtualRouters: Int, file: StaticString = #filePath, line: UInt = #line) throws -> Report {
        let capture = Repository.url(path)
        guard Repository.isRegularFile(capture) else { throw XCTSkip("\(path) is missing") }
        let scratch = try ScratchDirectory("report")
        let output = scratch.file("report.html")
        // The header names the file as given: relative to the checkout when the tests run from its root.
        let atRoot = FileManager.default.currentDirectoryPath == Repository.root.standardizedFileURL.path
        let run = try VRRPDumpRunner.run(["-r", atRoot ? Repository.relative(capture) : capture.path, "--timeline",
                                          "--report", output.path])
        XCTAssertEqual(run.status, 0, run.summary, file: file, line: line)
        let html = try String(contentsOf: output, encoding: .utf8)

        // Nothing that could be fetched: not even the SVG namespace URI.
        XCTAssertNil(html.range(of: "http", options: .caseInsensitive), "no 'http' in \(path)'s report",
                     file: file, line: line)
        XCTAssertNil(html.range(of: "<script", options: .caseInsensitive), file: file, line: line)
        XCTAssertNil(html.range(of: "src=", options: .caseInsensitive), file: file, line: line)

        let timeline = try jsonTimeline(capture)
        XCTAssertEqual(timeline.summaries.count, virtualRouters, file: file, line: line)
        XCTAssertEqual(Set(elements("section", class: "vr", in: html).compactMap { $0["data-vr"] }),
                       Set(timeline.summaries.map { vrKey($0["vr"]) }), "one section per virtual router",
                       file: file, line: line)

        // One lane per router of each virtual router's summary.
        let lanes = elements("g", class: "lane", in: html)
        for summary in timeline.summaries {
            let key = vrKey(summary["vr"])
            let routers = summary["routers"] as? [String] ?? []
            XCTAssertFalse(routers.isEmpty, file: file, line: line)
            let drawn = lanes.filter { $0["data-vr"] == key }.compactMap { $0["data-router"] }
            XCTAssertEqual(drawn.sorted(), routers.sorted(), "lanes of \(key)", file: file, line: line)
        }
        XCTAssertEqual(lanes.count, timeline.summaries.reduce(0) { $0 + (($1["routers"] as? [String])?.count ?? 0) },
                       file: file, line: line)

        // Master spans, from the JSON alone: a reign starts at its master event and ends when a later
        // master names it `previous` (unless that takeover opened a split brain, when both stay master),
        // when a split brain ends with it `stopped`, when it resigns or falls silent, or at the last packet.
        let captureEnd = try lastPacketTime(capture)
        var expected: [Span] = []
        for (key, events) in Dictionary(grouping: timeline.events, by: { vrKey($0["vr"]) }) {
            let ordered = events.sorted { ($0["ts"] as? Double ?? 0) < ($1["ts"] as? Double ?? 0) }
            let splits = ordered.filter { $0["event"] as? String == "split-brain" }
            var open: [String: Int] = [:]
            func close(_ router: String?, at end: Double) {
                guard let router, let index = open.removeValue(forKey: router) else { return }
                expected[index].end = end
            }
            for event in ordered {
                let ts = event["ts"] as? Double ?? .nan
                switch event["event"] as? String {
                case "master":
                    let router = event["router"] as? String ?? "?"
                    let previous = event["previous"] as? String
                    let opensSplit = splits.contains { split in
                        abs((split["ts"] as? Double ?? 0) - ts) <= 0.001
                            && (split["routers"] as? [String] ?? []).contains(previous ?? "")
                    }
                    if !opensSplit { close(previous, at: ts) }
                    close(router, at: ts)
                    open[router] = expected.count
                    expected.append(Span(vr: key, router: router, start: ts, end: captureEnd))
                case "split-brain-end":
                    close(event["stopped"] as? String, at: ts)
                case "resign":
                    close(event["router"] as? String, at: ts)
                case "silence":
                    close(event["router"] as? String, at: event["last_advert"] as? Double ?? ts)
                default:
                    break
                }
            }
        }
        let drawn = elements("rect", class: "master-span", in: html).map { attributes in
            Span(vr: attributes["data-vr"] ?? "?", router: attributes["data-router"] ?? "?",
                 start: Double(attributes["data-start"] ?? "") ?? .nan, end: Double(attributes["data-end"] ?? "") ?? .nan)
        }
        XCTAssertFalse(expected.isEmpty, file: file, line: line)
        XCTAssertEqual(drawn.count, expected.count, "master spans: \(drawn) vs \(expected)", file: file, line: line)
        for span in expected {
            let match = drawn.first { $0.vr == span.vr && $0.router == span.router && abs($0.start - span.start) <= 0.001 }
            guard let match else {
                XCTFail("no master span for \(span) among \(drawn)", file: file, line: line)
                continue
            }
            XCTAssertEqual(match.end, span.end, accuracy: 0.001, "end of \(span)", file: file, line: line)
        }

        // A real browser: it renders the page, the lanes are in its DOM, and it logged nothing.
        let browser = try Chromium.require()
        let dom = try browser.run(scratch, ["--virtual-time-budget=2000", "--dump-dom", output.absoluteString])
        XCTAssertTrue(dom.outcome.succeeded, dom.outcome.summary, file: file, line: line)
        XCTAssertEqual(dom.consoleMessages, [], "console messages while rendering \(path)'s report", file: file, line: line)
        let domText = dom.outcome.stdoutText
        XCTAssertEqual(elements("g", class: "lane", in: domText).count, lanes.count, "lanes in the rendered DOM",
                       file: file, line: line)
        XCTAssertEqual(elements("rect", class: "master-span", in: domText).count, drawn.count, file: file, line: line)
        return Report(scratch: scratch, file: output, html: html)
    }

    /// A screenshot of the report (a non-empty PNG); copied to docs/report-demo.png on request.
    func screenshot(_ report: Report) throws {
        let browser = try Chromium.require()
        let png = report.scratch.file("report.png")
        let shot = try browser.run(report.scratch, ["--hide-scrollbars", "--window-size=1400,820",
                                                    "--screenshot=\(png.path)", report.file.absoluteString])
        XCTAssertTrue(shot.outcome.succeeded, shot.outcome.summary)
        XCTAssertEqual(shot.consoleMessages, [])
        let bytes = try Data(contentsOf: png)
        XCTAssertEqual(Array(bytes.prefix(8)), [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], "a PNG")
        XCTAssertGreaterThan(bytes.count, 10_000, "the screenshot shows something")
        if ProcessInfo.processInfo.environment["VRRPDUMP_UPDATE_SCREENSHOT"] == "1" {
            let target = Repository.url("docs/report-demo.png")
            try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            try? FileManager.default.removeItem(at: target)
            try FileManager.default.copyItem(at: png, to: target)
        }
    }

    // MARK: - Helpers

    struct Span: CustomStringConvertible {
        let vr: String
        let router: String
        let start: Double
        var end: Double
        var description: String { "\(vr) \(router) \(start)…\(end)" }
    }

    struct Timeline {
        /// Every event but the summaries.
        let events: [[String: Any]]
        let summaries: [[String: Any]]
    }

    func jsonTimeline(_ capture: URL) throws -> Timeline {
        let run = try VRRPDumpRunner.run(["-r", capture.path, "--timeline", "--json"])
        XCTAssertEqual(run.status, 0, run.summary)
        let objects = run.stdoutLines.compactMap {
            (try? JSONSerialization.jsonObject(with: Data($0.utf8))) as? [String: Any]
        }
        XCTAssertEqual(objects.count, run.stdoutLines.count, "every line is a JSON object")
        return Timeline(events: objects.filter { $0["event"] as? String != "summary" },
                        summaries: objects.filter { $0["event"] as? String == "summary" })
    }

    /// The time of the capture's last packet, from the packet-mode JSON (same filter as the timeline).
    func lastPacketTime(_ capture: URL) throws -> Double {
        let run = try VRRPDumpRunner.run(["-r", capture.path, "--json"])
        XCTAssertEqual(run.status, 0, run.summary)
        let times = run.stdoutLines.compactMap {
            ((try? JSONSerialization.jsonObject(with: Data($0.utf8))) as? [String: Any])?["ts"] as? Double
        }
        return try XCTUnwrap(times.max())
    }

    /// The report's label of a JSON `vr` object, as the text timeline prints it: "vrid 51 ipv4 vlan 100.10 group 1".
    func vrKey(_ value: Any?) -> String {
        let vr = value as? [String: Any] ?? [:]
        var key = "vrid \(vr["vrid"] as? Int ?? -1) \(vr["family"] as? String ?? "?")"
        if let vlan = vr["vlan"] as? Int { key += " vlan " + ((vr["vlan_outer"] as? Int).map { "\($0)." } ?? "") + "\(vlan)" }
        if let interface = vr["interface"] as? String { key += " on \(interface)" }
        if let group = vr["group"] as? Int, group > 0 { key += " group \(group)" }
        return key
    }

    /// The attributes of every `<tag class="cls" …>` (class exactly `cls`), unescaped.
    func elements(_ tag: String, class cls: String, in html: String) -> [[String: String]] {
        let tagPattern = try! NSRegularExpression(pattern: "<\(tag) class=\"\(NSRegularExpression.escapedPattern(for: cls))\"[^>]*>")
        let attributePattern = try! NSRegularExpression(pattern: "([a-zA-Z-]+)=\"([^\"]*)\"")
        let text = html as NSString
        return tagPattern.matches(in: html, range: NSRange(location: 0, length: text.length)).map { match in
            let element = text.substring(with: match.range)
            var attributes: [String: String] = [:]
            for attribute in attributePattern.matches(in: element, range: NSRange(location: 0, length: (element as NSString).length)) {
                let name = (element as NSString).substring(with: attribute.range(at: 1))
                attributes[name] = unescape((element as NSString).substring(with: attribute.range(at: 2)))
            }
            return attributes
        }
    }

    func unescape(_ text: String) -> String {
        var result = text
        for (entity, character) in [("&quot;", "\""), ("&#39;", "'"), ("&lt;", "<"), ("&gt;", ">"), ("&#104;", "h"),
                                    ("&#72;", "H"), ("&amp;", "&")] {
            result = result.replacingOccurrences(of: entity, with: character)
        }
        return result
    }
}

/// Debian's `chromium`, headless, with a throwaway profile; killed (by PID) when it hangs.
struct Chromium {
    let url: URL

    static func require() throws -> Chromium {
        guard let url = ProcessRunner.which("chromium") ?? ProcessRunner.which("chromium-browser") else {
            let reason = "chromium is not installed (apt-get install chromium; scripts/bootstrap --test); "
                + "skipping the browser check of the HTML report"
            print("SKIP: \(reason)")
            throw XCTSkip(reason)
        }
        return Chromium(url: url)
    }

    struct Run {
        let outcome: ProcessOutcome
        /// Lines of the browser's log about `console.*` calls and uncaught script errors. With
        /// `--enable-logging=stderr` Chromium logs each as `[pid:tid:time:INFO:CONSOLE:line] "message",
        /// source: file:///… (line)` (checked with a page that calls console.log/warn/error and throws).
        var consoleMessages: [String] {
            outcome.stderrLines.filter { $0.contains("CONSOLE") || $0.contains("Uncaught") || $0.contains("console.") }
        }
    }

    func run(_ scratch: ScratchDirectory, _ arguments: [String]) throws -> Run {
        let profile = scratch.file("chromium-profile-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: profile, withIntermediateDirectories: true)
        var environment = ProcessInfo.processInfo.environment
        environment["HOME"] = scratch.url.path
        let outcome = try ProcessRunner.run(url, [
            "--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run", "--no-default-browser-check",
            "--user-data-dir=\(profile.path)", "--enable-logging=stderr", "--v=0",
        ] + arguments, timeout: 90, environment: environment)
        return Run(outcome: outcome)
    }
}
