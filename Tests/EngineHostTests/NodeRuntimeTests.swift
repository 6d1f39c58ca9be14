import Codec
import ElectionModel
import Engine
@testable import EngineHost
import XCTest

/// The runtime on fake edges and an injected clock: what it adds, sends and removes, and when.
final class NodeRuntimeTests: XCTestCase {
    func testBackupTakesOverAfterMasterDownThenStopsCleanly() throws {
        let node = FakeNode()
        try node.runtime.start()
        node.advance(3.5)
        XCTAssertTrue(node.transport.sent.isEmpty, "a backup is silent within its Master_Down_Interval (3.61 s)")
        node.advance(0.2)
        XCTAssertEqual(node.transport.sentPriorities.first, 99)
        let added = try XCTUnwrap(node.addresses.table.first)
        XCTAssertEqual(added.address, FakeNode.vip.address)
        XCTAssertEqual(added.label, "eth0:vrrpdump")
        XCTAssertEqual(added.protocolTag, RouteNetlink.protocolTag)
        XCTAssertEqual(node.announcer.frames.count, 5, "keepalived's first burst: 5 gratuitous ARPs")
        XCTAssertTrue(node.ownership.text?.contains("address 192.0.2.223/24") == true, "recorded before it is added")

        node.runtime.stop()
        XCTAssertEqual(node.transport.sentPriorities.last, 0, "a master leaving sends priority 0")
        XCTAssertTrue(node.addresses.table.isEmpty)
        XCTAssertNil(node.ownership.text, "a clean stop leaves no state file")
        XCTAssertTrue(node.runtime.isStopped)
    }

    func testHigherPriorityMasterKeepsTheNodeBackup() throws {
        let node = FakeNode()
        try node.runtime.start()
        for _ in 0..<10 {
            node.transport.inbox.append(node.advert(priority: 100))
            node.advance(1)
        }
        XCTAssertTrue(node.transport.sent.isEmpty)
        XCTAssertEqual(node.runtime.router.state, .backup)
        XCTAssertEqual(node.runtime.router.counters.received, 10)
    }

    func testBadAdvertsAreCountedPerReasonAndChangeNothing() throws {
        let node = FakeNode(priority: 150)
        try node.runtime.start()
        node.advance(4)
        XCTAssertEqual(node.runtime.router.state, .master)
        for _ in 0..<3 {
            node.transport.inbox += [node.advert(priority: 200, password: "wrong"), node.advert(priority: 200, ttl: 64)]
            node.advance(0.1)
        }
        XCTAssertEqual(node.runtime.router.state, .master)
        XCTAssertEqual(node.runtime.router.counters[.auth], 3)
        XCTAssertEqual(node.runtime.router.counters[.hopLimit], 3)
    }

    func testListeningRefusesAVRIDCarryingOtherAddresses() throws {
        let node = FakeNode(listens: true)
        try node.runtime.start()
        for _ in 0..<12 {
            node.transport.inbox.append(node.advert(priority: 100, addresses: [IPAddress("192.0.2.229")!]))
            node.advance(1)
        }
        XCTAssertTrue(node.runtime.isStopped)
        XCTAssertTrue(node.transport.sent.isEmpty, "never advertised")
        XCTAssertTrue(node.addresses.table.isEmpty)
        XCTAssertTrue(node.output.notes.contains { $0.contains("not joining") && $0.contains("192.0.2.229") }, "\(node.output.notes)")
    }

    func testListeningThenJoiningWhenTheVRIDIsFree() throws {
        let node = FakeNode(listens: true)
        try node.runtime.start()
        node.advance(10.5)
        XCTAssertTrue(node.transport.sent.isEmpty, "listens three master-down intervals (10.84 s) first")
        node.advance(4)
        XCTAssertEqual(node.runtime.router.state, .master)
    }

    func testRestartAfterKillRemovesOnlyItsOwnMarkedAddresses() throws {
        let node = FakeNode { parts in
            // A killed run (pid 999999, gone) had added .223; the administrator owns .50 on the interface.
            parts.ownership.text = "pid 999999\naddress 192.0.2.223/24\naddress 192.0.2.50/24\n"
            parts.addresses.table = [
                InterfaceAddress(address: FakeNode.vip.address, prefixLength: 24, interfaceIndex: 2, label: "eth0:vrrpdump",
                                 protocolTag: RouteNetlink.protocolTag),
                InterfaceAddress(address: IPAddress("192.0.2.50")!, prefixLength: 24, interfaceIndex: 2, label: "eth0"),
            ]
        }
        try node.runtime.start()
        XCTAssertEqual(node.addresses.addresses, [IPAddress("192.0.2.50")!], "the administrator's address survives")
        node.advance(4)
        XCTAssertEqual(node.addresses.table.filter { $0.address == FakeNode.vip.address }.count, 1, "no duplicate")
    }

    func testAnAddressAlreadyThereIsNotOursAndStays() throws {
        let node = FakeNode { parts in
            parts.addresses.table = [InterfaceAddress(address: FakeNode.vip.address, prefixLength: 24, interfaceIndex: 2)]
        }
        try node.runtime.start()
        node.advance(4)
        node.runtime.stop()
        XCTAssertEqual(node.addresses.addresses, [FakeNode.vip.address], "never removes what it did not add")
    }

    func testAddressRemovedByAnotherProgramIsPutBack() throws {
        let node = FakeNode()
        try node.runtime.start()
        node.advance(4)
        let ours = try XCTUnwrap(node.addresses.table.first)
        node.addresses.table = []
        node.monitor.events = [.addressRemoved(ours)]
        node.advance(0.01)
        XCTAssertEqual(node.addresses.addresses, [FakeNode.vip.address])
        XCTAssertTrue(node.output.events.contains { $0.kind == .addressRestored })
    }

    /// After SIGSTOP/SIGCONT the overdue advert timer fires once, not once per missed interval.
    func testOverdueTimersFireOnceAfterAPause() throws {
        let node = FakeNode(priority: 150)
        try node.runtime.start()
        node.advance(4)
        let before = node.transport.sent.count
        node.clock.time += 5 * VRRPTimers.second
        node.host.process(now: node.clock.time)
        XCTAssertEqual(node.transport.sent.count, before + 1)
    }

    func testLinkDownIsAFaultAndUpAFreshStart() throws {
        let node = FakeNode(priority: 150)
        try node.runtime.start()
        node.advance(4)
        node.monitor.events = [.link(index: 2, up: false)]
        node.advance(0.01)
        XCTAssertEqual(node.runtime.router.state, .fault)
        XCTAssertEqual(node.transport.sentPriorities.last, 0)
        XCTAssertTrue(node.addresses.table.isEmpty)
        node.monitor.events = [.link(index: 2, up: true)]
        node.advance(4)
        XCTAssertEqual(node.runtime.router.state, .master)
    }
}
