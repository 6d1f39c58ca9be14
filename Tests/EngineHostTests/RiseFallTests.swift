@testable import EngineHost
import XCTest

final class RiseFallTests: XCTestCase {
    /// keepalived's counting: the first result decides; then bad after `fall` failures in a row, good
    /// again after `rise` successes in a row; an interrupted streak starts over.
    func testRiseAndFallCountConsecutiveResults() {
        var verdict = RiseFall(rise: 2, fall: 3)
        XCTAssertNil(verdict.verdict)
        XCTAssertEqual(verdict.record(true), true, "the first success decides")
        XCTAssertNil(verdict.record(false))
        XCTAssertNil(verdict.record(false))
        XCTAssertNil(verdict.record(true), "a success restores the full margin")
        XCTAssertNil(verdict.record(false))
        XCTAssertNil(verdict.record(false))
        XCTAssertEqual(verdict.record(false), false, "third failure in a row")
        XCTAssertNil(verdict.record(true))
        XCTAssertNil(verdict.record(false))
        XCTAssertNil(verdict.record(true))
        XCTAssertEqual(verdict.record(true), true, "second success in a row")
    }

    func testFirstFailureDecidesAtOnce() {
        var verdict = RiseFall(rise: 3, fall: 3)
        XCTAssertEqual(verdict.record(false), false)
        XCTAssertNil(verdict.record(true))
        XCTAssertNil(verdict.record(true))
        XCTAssertEqual(verdict.record(true), true)
    }
}
