import Codec
import Foundation
import XCTest
import ElectionModel
@testable import Sniffer

final class LiveCaptureTests: XCTestCase {
    func testNonexistentInterface() throws {
        guard getuid() == 0 else {
            XCTAssertThrowsError(try LiveCapture(device: "vdsn-nosuch")) { error in
                XCTAssertEqual("\(error)", CaptureError.capturePermissionDenied("vdsn-nosuch").description)
            }
            throw XCTSkip("not root: libpcap reports the missing permission before the missing device")
        }
        XCTAssertThrowsError(try LiveCapture(device: "vdsn-nosuch")) { error in
            XCTAssertEqual("\(error)", "vdsn-nosuch: no such device")
        }
    }

    func testPermissionMessage() {
        XCTAssertEqual(
            CaptureError.capturePermissionDenied("eth0").description,
            "capturing on eth0 needs CAP_NET_RAW (and CAP_NET_ADMIN for promiscuous mode): run as root or grant them with setcap")
    }

    private func makeNamespace() throws -> NetworkNamespace {
        guard getuid() == 0 else { throw XCTSkip("live capture needs root to create a network namespace") }
        guard FileManager.default.isExecutableFile(atPath: "/usr/sbin/ip"),
            FileManager.default.isExecutableFile(atPath: "/usr/bin/python3")
        else { throw XCTSkip("live capture needs /usr/sbin/ip and /usr/bin/python3") }
        let namespace = try NetworkNamespace()
        addTeardownBlock { namespace.remove() }  // runs on failure too
        return namespace
    }

    /// Runs `body` on a fresh thread inside the namespace, as the capture must be opened there.
    private func onNamespaceThread(_ namespace: NetworkNamespace, _ body: @escaping @Sendable () throws -> Void) -> XCTestExpectation {
        let done = expectation(description: "capture thread finished")
        let thread = Thread {
            do {
                try namespace.enter()
                try body()
            } catch {
                XCTFail("capture thread: \(error)")
            }
            done.fulfill()
        }
        thread.start()
        return done
    }

    func testCapturesVRRPUntaggedAndTaggedThroughTheKernelFilter() throws {
        let namespace = try makeNamespace()
        let vrrp = TestFrames.wanted[0]
        let wanted = [
            TestFrames.ethernet(vrrp),
            TestFrames.ethernet(vrrp, tags: [(0x8100, 10)]),
            TestFrames.ethernet(vrrp, tags: [(0x88a8, 100), (0x8100, 10)]),
        ]
        let unwanted = [TestFrames.ethernet(TestFrames.unwanted[0]), TestFrames.ethernet(TestFrames.unwanted[0], tags: [(0x8100, 10)])]
        let state = LiveState()
        let done = onNamespaceThread(namespace) {
            let capture = try LiveCapture(device: namespace.captureEnd)
            XCTAssertEqual(capture.interfaces.first?.linkType, .ethernet)
            try capture.setFilter(.vrrp())
            state.open(capture.stopper)
            try capture.forEach { _, bytes in
                state.append(Array(bytes))
                return state.count < wanted.count
            }
            state.statistics = capture.statistics
        }
        XCTAssertTrue(state.waitUntilOpen(), "capture did not open")
        try namespace.send(unwanted + wanted)
        let result = XCTWaiter.wait(for: [done], timeout: 10)
        if result != .completed {
            state.stopper?.stop()
            wait(for: [done], timeout: 5)
        }
        XCTAssertEqual(state.packets, wanted, "the kernel filter passes exactly the VRRP frames, tags intact")
        XCTAssertGreaterThanOrEqual(state.statistics?.received ?? 0, UInt32(wanted.count))
        XCTAssertEqual(state.statistics?.droppedByKernel, 0)
    }

    func testAnyGivesSLL2AndNamesTheInterface() throws {
        let namespace = try makeNamespace()
        let frame = TestFrames.ethernet(TestFrames.wanted[1])
        let state = LiveState()
        let done = onNamespaceThread(namespace) {
            let capture = try LiveCapture(device: "any", promiscuous: false)
            XCTAssertEqual(capture.interfaces.first?.linkType, .linuxSLL2)
            try capture.setFilter(.vrrp(narrowedBy: "ip6 proto 112"))
            state.open(capture.stopper)
            try capture.forEach { info, bytes in
                state.append(Array(bytes), interface: capture.interfaceName(of: bytes, info: info))
                return false
            }
        }
        XCTAssertTrue(state.waitUntilOpen(), "capture did not open")
        try namespace.send([frame])
        if XCTWaiter.wait(for: [done], timeout: 10) != .completed {
            state.stopper?.stop()
            wait(for: [done], timeout: 5)
        }
        XCTAssertEqual(state.packets.first?.dropFirst(20).map { $0 }, TestFrames.wanted[1].bytes, "after the 20-byte SLL2 header")
        XCTAssertTrue([namespace.captureEnd, namespace.sendEnd].contains(state.interfaces.first ?? nil), "\(state.interfaces)")
    }

    func testStopWakesABlockedCapture() throws {
        let namespace = try makeNamespace()
        let state = LiveState()
        let done = onNamespaceThread(namespace) {
            let capture = try LiveCapture(device: namespace.captureEnd)
            state.open(capture.stopper)
            try capture.forEach { _, _ in true }
        }
        XCTAssertTrue(state.waitUntilOpen(), "capture did not open")
        Thread.sleep(forTimeInterval: 0.3)
        let start = Date()
        state.stopper?.stop()
        wait(for: [done], timeout: 5)
        XCTAssertLessThan(Date().timeIntervalSince(start), 1)
    }
}

/// What the capture thread reports to the test thread.
private final class LiveState: @unchecked Sendable {
    private let condition = NSCondition()
    private(set) var stopper: CaptureStopper?
    private var collected: [[UInt8]] = []
    private var names: [String?] = []
    var statistics: CaptureStatistics? {
        get { condition.withLock { storedStatistics } }
        set { condition.withLock { storedStatistics = newValue } }
    }
    private var storedStatistics: CaptureStatistics?

    func open(_ stopper: CaptureStopper) {
        condition.withLock {
            self.stopper = stopper
            condition.broadcast()
        }
    }

    func waitUntilOpen() -> Bool {
        condition.withLock {
            let deadline = Date(timeIntervalSinceNow: 10)
            while stopper == nil, condition.wait(until: deadline) {}
            return stopper != nil
        }
    }

    func append(_ packet: [UInt8], interface: String? = nil) {
        condition.withLock {
            collected.append(packet)
            names.append(interface)
        }
    }

    var count: Int { condition.withLock { collected.count } }
    var packets: [[UInt8]] { condition.withLock { collected } }
    var interfaces: [String?] { condition.withLock { names } }
}
