import Codec
import ElectionModel
import Printers
import XCTest

/// The timeline printers on hand-built events: the exact line and JSON object each kind prints.
final class TimelinePrinterTests: XCTestCase {
    private let vr = VirtualRouterID(segment: Segment(interface: nil, vlan: nil), family: .ipv4, vrid: 51)
    private let r1 = IPAddress.v4(IPv4Address(192, 0, 2, 111))
    private let r2 = IPAddress.v4(IPv4Address(192, 0, 2, 199))

    private func text(_ event: TimelineEvent) -> String {
        var out = OutputBuffer(fd: -1, lineBuffered: false)
        var printer = TimelineTextPrinter(timestamps: .epoch)
        printer.print(event, to: &out)
        return String(decoding: out.bytes, as: UTF8.self)
    }

    private func json(_ event: TimelineEvent) -> String {
        var out = OutputBuffer(fd: -1, lineBuffered: false)
        TimelineJSONPrinter().print(event, to: &out)
        return String(decoding: out.bytes, as: UTF8.self)
    }

    func testMasterDownLine() {
        let change = MasterChange(router: r2, priority: 99, previous: r1, cause: .masterDown, gap: 3_614_000_000,
                                  announcementDelay: 3_440_000, burstSize: 5)
        let event = TimelineEvent(ts: 1_764_079_600_028_662_000, vr: vr, detail: .master(change))
        XCTAssertEqual(text(event),
                       "1764079600.028662 vrid 51 ipv4: master 192.0.2.199 prio 99 (master-down from 192.0.2.111, gap 3.614 s, garp after 3.44 ms, burst 5)")
        XCTAssertEqual(json(event), """
            {"ts":1764079600.028662,"event":"master","vr":{"vrid":51,"family":"ipv4","vlan":null},"router":"192.0.2.199","priority":99,"previous":"192.0.2.111","cause":"master-down","gap_s":3.614000,"garp_delay_s":0.003440,"garp_burst":5,"after_priority_drop":false,"after_priority_rise":false,"outage_s":null,"contenders":[]}
            """)
    }

    func testResignLine() {
        let event = TimelineEvent(ts: 1_000_000_000, vr: vr, detail: .resign(router: r1, priority: 100))
        XCTAssertEqual(text(event), "1.000000 vrid 51 ipv4: resign 192.0.2.111 sent priority 0 (was 100)")
    }
}
