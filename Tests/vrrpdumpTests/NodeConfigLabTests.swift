import Foundation
import XCTest

/// `vrrpdump --participate --config` in the namespace lab (issue 9, "Interop in the namespace lab").
extension NodeLabTests {
    /// keepalived runs the seed's master.conf, vrrpdump the seed's slave.conf, both as written (only
    /// the interface renamed, VIP 192.168.1.223 on the lab's bridge): keepalived crashes → the node's
    /// first advert and gratuitous ARP within MDI + 50 ms of keepalived's last advert (on the capture);
    /// keepalived back → the node gives the address back. keepalived's warnings come first in its output.
    func testSeedSlaveConfTakesOverFromSeedMasterConf() throws {
        let lab = try LabRun("node-seed-interop")
        try checkTakeover(lab)
        let node = try lab.router("r2")
        let log = lab.nodeLog(node)
        let firstJSON = try XCTUnwrap(log.firstIndex { $0.hasPrefix("{") })
        XCTAssertEqual(log[..<firstJSON].filter { $0.contains(": warning: ") }.count, 4, "keepalived's warnings first: \(log)")
        XCTAssertTrue(log[firstJSON...].allSatisfy { !$0.hasPrefix("{") || $0.contains("\"instance\":\"VI_1\"") }, "every line names VI_1")
        XCTAssertTrue(lab.adverts(from: node.ip).allSatisfy { $0.vrrp?.authType == 0 }, "slave.conf's auth_typePASS is dropped, as keepalived does")
    }
}
