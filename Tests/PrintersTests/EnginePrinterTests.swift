import Codec
import ElectionModel
import Engine
import Printers
import XCTest

/// The engine's own events through the timeline printers, and the what-if lines and story.
final class EnginePrinterTests: XCTestCase {
    private let vr = VirtualRouterID(segment: Segment(interface: nil, vlan: nil), family: .ipv4, vrid: 51)
    private let me = IPAddress.v4(IPv4Address(192, 0, 2, 254))
    private let r1 = IPAddress.v4(IPv4Address(192, 0, 2, 111))
    private let r2 = IPAddress.v4(IPv4Address(192, 0, 2, 199))

    private func render(_ body: (inout OutputBuffer) -> Void) -> String {
        var out = OutputBuffer(fd: -1, lineBuffered: false)
        body(&out)
        return String(decoding: out.bytes, as: UTF8.self)
    }

    func testEngineEventsInTextAndJSON() {
        let backup = TimelineEvent(ts: 2_000_000_000, vr: vr,
                                   detail: .backup(RouterTransition(router: me, priority: 120, cause: .higherPriority, peer: r1)))
        var text = TimelineTextPrinter(timestamps: .epoch)
        XCTAssertEqual(render { text.print(backup, to: &$0) },
                       "2.000000 vrid 51 ipv4: backup 192.0.2.254 prio 120 (higher-priority from 192.0.2.111)")
        XCTAssertEqual(render { TimelineJSONPrinter().print(backup, to: &$0) },
                       #"{"ts":2.000000,"event":"backup","vr":{"vrid":51,"family":"ipv4","vlan":null},"router":"192.0.2.254","priority":120,"cause":"higher-priority","peer":"192.0.2.111"}"#)
        let ignored = TimelineEvent(ts: 0, vr: vr, detail: .peerIgnoresUs(router: me, peer: r2, peerPriority: 99, adverts: 4))
        XCTAssertEqual(render { TimelineJSONPrinter().print(ignored, to: &$0) },
                       #"{"ts":0.000000,"event":"peer-ignores-us","vr":{"vrid":51,"family":"ipv4","vlan":null},"router":"192.0.2.254","peer":"192.0.2.199","peer_priority":99,"adverts":4}"#)
    }

    func testWhatIfLinesAndStory() {
        var printer = WhatIfPrinter(timestamps: .relative, json: false, origin: 10_000_000_000)
        let line = WhatIfLine(ts: 12_000_000_000, origin: .modelled, router: me, isVirtual: true,
                              what: .announce(addresses: [IPAddress("192.0.2.223")!], count: 5))
        XCTAssertEqual(render { printer.print(line, to: &$0) }, "modelled 2.000000 192.0.2.254: announces 192.0.2.223 ×5 [you]")
        let outcome = WhatIfOutcome(at: 12_531_250_000, priority: 120, cause: .resigned, previous: r1, previousPriority: 100,
                                    trigger: 12_000_000_000, recordedSuccessor: r2, recordedSuccessorAt: 12_616_000_000,
                                    joined: 10_000_000_000, masterDownInterval: 3_531_250_000)
        XCTAssertEqual(render { printer.print(outcome, to: &$0) },
                       "story: 192.0.2.111 resigned at 2.000000: you (priority 120) would have been master 531.25 ms later, instead of 192.0.2.199 after 616.0 ms")
        var json = WhatIfPrinter(timestamps: .relative, json: true, origin: 0)
        XCTAssertEqual(render { json.print(line, to: &$0) },
                       #"{"what_if":"announce","origin":"modelled","you":true,"ts":12.000000,"router":"192.0.2.254","addresses":["192.0.2.223"],"count":5}"#)
    }
}
