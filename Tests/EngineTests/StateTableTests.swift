import Codec
import ElectionModel
import XCTest
@testable import Engine

/// One row per rule of the state tables of RFC 9568 §6.4 (v3) and RFC 3768 §6.4 (v2), both versions.
final class StateTableTests: XCTestCase {
    struct Row: Sendable {
        var rule: String
        var from: RouterState
        var priority: UInt8 = 100
        var preempt = true
        var lowerPriorityAnswer = true
        var input: @Sendable (UInt8) -> RouterInput  // given the version
        var to: RouterState
        var sends: [UInt8] = []
        /// Timer armed, relative to the moment of the input (nil: none armed).
        var arms: (RouterTimer, @Sendable (VRRPRouter) -> Int64)?
        var cancels: [RouterTimer] = []
        var adds = false
        var removes = false
        var announces = false
    }

    static let mdi: @Sendable (VRRPRouter) -> Int64 = { $0.masterDownInterval }
    static let interval: @Sendable (VRRPRouter) -> Int64 = { _ in VRRPTimers.second }
    static func from(_ source: IPAddress, _ priority: UInt8) -> @Sendable (UInt8) -> RouterInput {
        { Fixture.advert(from: source, priority: priority, version: $0) }
    }

    static let rows: [Row] = [
        // Initialize (§6.4.1)
        Row(rule: "init: startup, owner → master", from: .initialize, priority: 255, input: { _ in .startup }, to: .master,
            sends: [255], arms: (.adver, interval), announces: true),
        Row(rule: "init: startup → backup, Master_Down_Timer", from: .initialize, input: { _ in .startup }, to: .backup,
            arms: (.masterDown, mdi)),
        // Backup (§6.4.2)
        Row(rule: "backup: shutdown → initialize", from: .backup, input: { _ in .shutdown }, to: .initialize,
            cancels: [.masterDown]),
        Row(rule: "backup: Master_Down_Timer → master", from: .backup, input: { _ in .timer(.masterDown) }, to: .master,
            sends: [100], arms: (.adver, interval), adds: true, announces: true),
        Row(rule: "backup: priority 0 → Skew_Time", from: .backup, input: from(Fixture.higherAddress, 0), to: .backup,
            arms: (.masterDown, { $0.skewTime })),
        Row(rule: "backup: higher priority → reset", from: .backup, input: from(Fixture.higherAddress, 150), to: .backup,
            arms: (.masterDown, mdi)),
        Row(rule: "backup: equal priority → reset", from: .backup, input: from(Fixture.lowerAddress, 100), to: .backup,
            arms: (.masterDown, mdi)),
        Row(rule: "backup: lower priority, preempt → discard", from: .backup, input: from(Fixture.higherAddress, 50),
            to: .backup),
        Row(rule: "backup: lower priority, no preempt → reset", from: .backup, preempt: false,
            input: from(Fixture.higherAddress, 50), to: .backup, arms: (.masterDown, mdi)),
        // Master (§6.4.3)
        Row(rule: "master: Adver_Timer → advert", from: .master, input: { _ in .timer(.adver) }, to: .master,
            sends: [100], arms: (.adver, interval)),
        Row(rule: "master: shutdown → priority 0, initialize", from: .master, input: { _ in .shutdown }, to: .initialize,
            sends: [0], cancels: [.adver], removes: true),
        Row(rule: "master: priority 0 → advert at once", from: .master, input: from(Fixture.higherAddress, 0), to: .master,
            sends: [100], arms: (.adver, interval)),
        Row(rule: "master: higher priority → backup", from: .master, input: from(Fixture.lowerAddress, 150), to: .backup,
            arms: (.masterDown, mdi), cancels: [.adver], removes: true),
        Row(rule: "master: equal priority, higher address → backup", from: .master, input: from(Fixture.higherAddress, 100),
            to: .backup, arms: (.masterDown, mdi), cancels: [.adver], removes: true),
        Row(rule: "master: equal priority, lower address → answer", from: .master, input: from(Fixture.lowerAddress, 100),
            to: .master, sends: [100], arms: (.adver, interval)),
        Row(rule: "master: lower priority → answer (keepalived, RFC 9568)", from: .master,
            input: from(Fixture.higherAddress, 50), to: .master, sends: [100], arms: (.adver, interval)),
        Row(rule: "master: lower priority, lower_prio_no_advert → discard (RFC 3768)", from: .master,
            lowerPriorityAnswer: false, input: from(Fixture.higherAddress, 50), to: .master),
        // Fault (keepalived)
        Row(rule: "backup: fault → fault", from: .backup, input: { _ in .fault(true) }, to: .fault, cancels: [.masterDown]),
        Row(rule: "master: fault → priority 0, fault", from: .master, input: { _ in .fault(true) }, to: .fault,
            sends: [0], cancels: [.adver], removes: true),
        Row(rule: "fault: cleared → backup", from: .fault, input: { _ in .fault(false) }, to: .backup, arms: (.masterDown, mdi)),
        Row(rule: "initialize: advert ignored", from: .initialize, input: from(Fixture.higherAddress, 150), to: .initialize),
    ]

    func testEveryRuleInBothVersions() {
        for version: UInt8 in [2, 3] {
            for row in Self.rows {
                var config = Fixture.config(version: version, priority: row.priority, preempt: row.preempt)
                config.lowerPriorityAnswer = row.lowerPriorityAnswer
                var (router, start) = Fixture.router(config, in: row.from)
                let now = row.from == .master ? start + VRRPTimers.second / 10 : start
                let input = row.input(version)
                // A timer input happens when it is due.
                let at = if case .timer(let timer) = input { router.deadline(timer) ?? now } else { now }
                let actions = router.handle(input, now: at)
                let label = "v\(version) \(row.rule)"
                XCTAssertEqual(router.state, row.to, label)
                XCTAssertEqual(actions.sent, row.sends, label)
                if let (timer, offset) = row.arms {
                    XCTAssertEqual(actions.armed(timer), at + offset(router), label)
                } else {
                    XCTAssertNil(actions.armed(.masterDown) ?? actions.armed(.adver), label)
                }
                for timer in row.cancels { XCTAssertTrue(actions.cancels(timer), "\(label): cancels \(timer)") }
                XCTAssertEqual(actions.addsAddresses, row.adds, label)
                XCTAssertEqual(actions.removesAddresses, row.removes, label)
                XCTAssertEqual(actions.announces > 0, row.announces, label)
                XCTAssertEqual(actions.contains(.notify(row.to)), row.to != row.from, label)
            }
        }
    }

    func testEveryTransitionIsReportedWithItsCause() {
        var (router, _) = Fixture.router(Fixture.config(), in: .initialize)
        let started = router.handle(.startup, now: 0).reports
        XCTAssertEqual(started.map(\.kind), [.backup])
        guard case .backup(let transition) = started.first?.detail else { return XCTFail("no backup event") }
        XCTAssertEqual(transition.cause, .startup)
        let due = router.masterDownInterval
        let master = router.handle(.timer(.masterDown), now: due).reports
        guard case .master(let change) = master.first?.detail else { return XCTFail("no master event") }
        XCTAssertEqual(change.cause, .masterDown)
        XCTAssertNil(change.previous)
        let back = router.handle(Fixture.advert(from: Fixture.higherAddress, priority: 100), now: due + 1).reports
        guard case .backup(let yielded) = back.first?.detail else { return XCTFail("no backup event") }
        XCTAssertEqual(yielded.cause, .tieBreak)
        XCTAssertEqual(yielded.peer, Fixture.higherAddress)
    }

    func testStaleTimerIsIgnored() {
        var (router, _) = Fixture.router(Fixture.config(), in: .backup)
        _ = router.handle(Fixture.advert(from: Fixture.higherAddress, priority: 150), now: VRRPTimers.second)
        // The first arming's deadline passed, but the advert re-armed it later.
        XCTAssertEqual(router.handle(.timer(.masterDown), now: router.masterDownInterval), [])
        XCTAssertEqual(router.state, .backup)
        XCTAssertEqual(router.counters.staleTimers, 1)
    }
}
