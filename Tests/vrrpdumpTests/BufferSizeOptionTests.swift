import Foundation
import XCTest
#if canImport(Glibc)
import Glibc
#endif

/// `-B KiB` (tcpdump's): sizes a live capture's kernel buffer; refused without `-i` or when not positive.
final class BufferSizeOptionTests: XCTestCase {
    func testBufferSizeNeedsALiveCaptureAndAPositiveSize() throws {
        for (arguments, expected) in [(["-r", "-", "-B", "4096"], "-B needs -i"),
                                      (["-i", "lo", "-B", "0"], "-B needs a buffer size in KiB")] {
            let outcome = try VRRPDumpRunner.run(arguments)
            XCTAssertFalse(outcome.succeeded, outcome.summary)
            XCTAssertTrue(outcome.stderrText.contains(expected), "\(arguments): \(outcome.stderrText)")
        }
    }

    /// A live capture with a given buffer (on the loopback of a namespace of the test's own) runs and
    /// stops on SIGINT with its statistics.
    func testLiveCaptureWithABufferSize() throws {
        let namespace = try TestNamespace()
        for mode in [["-B", "1024"], ["-B", "65536", "--timeline"]] {
            let child = try VRRPDumpRunner.start(in: namespace, ["-i", "lo"] + mode)
            defer { if child.isRunning { child.send(signal: SIGKILL) } }
            usleep(500_000)
            XCTAssertTrue(child.isRunning, "\(mode): ended by itself: \(child.finish(timeout: 1).summary)")
            child.send(signal: SIGINT)
            let outcome = child.finish(timeout: 5)
            XCTAssertTrue(outcome.succeeded, "\(mode): \(outcome.summary)")
            XCTAssertTrue(outcome.stderrText.contains("dropped by kernel"), "\(mode): \(outcome.stderrText)")
        }
    }
}
