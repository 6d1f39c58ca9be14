import Codec
import ElectionModel
import Engine
@testable import EngineHost
import XCTest

/// keepalived 2.2.7's `track_interface IFACE weight W`: a positive weight is added while the interface
/// is up, a negative one while it is down, clamped to 1...254 with 255 never changing; weight 0 is Fault.
final class TrackedInterfaceTests: XCTestCase {
    private let up = LinkInfo(index: 7, name: "trk0", mac: MACAddress(2, 0, 0, 0, 0, 7), isUp: true)
    private let down = LinkInfo(index: 8, name: "trk1", mac: MACAddress(2, 0, 0, 0, 0, 8), isUp: false)

    private func node(priority: UInt8, tracking: [TrackedInterface]) throws -> FakeNode {
        let node = FakeNode(priority: priority, trackedInterfaces: tracking)
        node.addresses.links = [up, down]
        try node.runtime.start()
        node.advance(4)
        return node
    }

    func testTheRuleOfTheWeights() {
        XCTAssertEqual([true, false].map { TrackedInterface("a", weight: 5).weight(up: $0) }, [5, 0])
        XCTAssertEqual([true, false].map { TrackedInterface("a", weight: -5).weight(up: $0) }, [0, -5])
        XCTAssertEqual([true, false].map { TrackedInterface("a").weight(up: $0) }, [0, 0])
    }

    func testANegativeWeightIsSubtractedWhileDownAndTheRouterStaysOutOfFault() throws {
        let node = try node(priority: 150, tracking: [TrackedInterface("trk0", weight: -20), TrackedInterface("trk1", weight: -30)])
        XCTAssertEqual(node.runtime.router.state, .master)
        XCTAssertEqual(node.runtime.router.priority, 120, "trk1 down from the start")
        XCTAssertEqual(node.transport.sentPriorities.last, 120)

        node.monitor.events = [.link(index: 7, up: false)]
        node.advance(1.5)
        XCTAssertEqual(node.runtime.router.state, .master, "a weighted interface is never a fault")
        XCTAssertEqual(node.transport.sentPriorities.last, 100)
        XCTAssertTrue(node.output.notes.contains("tracked interface trk0 down (weight -20)"), "\(node.output.notes)")

        node.monitor.events = [.link(index: 7, up: true), .link(index: 8, up: true)]
        node.advance(1.5)
        XCTAssertEqual(node.transport.sentPriorities.last, 150)
    }

    func testAPositiveWeightIsAddedWhileUpAndClamped() throws {
        let node = try node(priority: 250, tracking: [TrackedInterface("trk0", weight: 10), TrackedInterface("trk1", weight: 10)])
        XCTAssertEqual(node.runtime.router.priority, 254, "250 + 10 clamped; trk1 down adds nothing")
        node.monitor.events = [.link(index: 7, up: false)]
        node.advance(1.5)
        XCTAssertEqual(node.transport.sentPriorities.last, 250)
    }

    func testTheAddressOwnerNeverChangesAndWeightZeroIsStillAFault() throws {
        let owner = try node(priority: 255, tracking: [TrackedInterface("trk1", weight: -100)])
        XCTAssertEqual(owner.transport.sentPriorities.last, 255)

        let faulty = try node(priority: 150, tracking: [TrackedInterface("trk0"), TrackedInterface("trk1", weight: -10)])
        XCTAssertEqual(faulty.runtime.router.state, .master)
        faulty.monitor.events = [.link(index: 7, up: false)]
        faulty.advance(0.5)
        XCTAssertEqual(faulty.runtime.router.state, .fault)
    }
}
