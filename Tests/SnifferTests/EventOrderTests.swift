import XCTest
import ElectionModel
@testable import Sniffer

/// `EventOrder` files each event in its place as it arrives: released in time order, equal times in
/// arrival order (a master change first), whatever order they came in.
final class EventOrderTests: XCTestCase {
    private func event(_ ts: Int64, _ tag: Int64) -> TimelineEvent {
        TimelineEvent(ts: ts, vr: nil, detail: .captureGap(.noPackets(duration: tag)))
    }

    private func tags(_ events: [TimelineEvent]) -> [Int64] {
        events.map { if case .captureGap(.noPackets(let tag)) = $0.detail { tag } else { -1 } }
    }

    func testLateEventsGoBackToTheirPlace() {
        var order = EventOrder()
        order.add([event(128, 1), event(129, 2), event(191, 3)])
        order.add([event(0, 4), event(1, 5), event(129, 6)])
        XCTAssertEqual(tags(order.release(before: 1)), [4])
        order.add([event(50, 7)])
        XCTAssertEqual(tags(order.release(before: nil)), [5, 7, 1, 2, 6, 3])
    }

    func testAnyArrivalOrderComesOutSorted() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<50 {
            var order = EventOrder()
            var all: [(ts: Int64, tag: Int64)] = []
            for tag in 0..<Int64(40) {
                let ts = Int64.random(in: 0..<10, using: &generator)
                all.append((ts, tag))
                order.add([event(ts, tag)])
            }
            let expected = all.sorted { ($0.ts, $0.tag) < ($1.ts, $1.tag) }.map(\.tag)
            XCTAssertEqual(tags(order.release(before: nil)), expected)
        }
    }
}
