import Codec
import XCTest
import ElectionModel
@testable import Sniffer

/// The decoder leaves its memo where frames do not repeat and takes it back where they do, and the
/// analysis is the same either way.
final class TimelineDecoderTests: XCTestCase {
    /// Repeats, then unique frames (a counter in the Ethernet trailer), then repeats again.
    func testUniqueFramesTurnTheMemoOffAndRepeatsBringItBack() {
        var decoder = TimelineDecoder(window: 64)
        var stream = Stream()
        stream.feed((0..<256).map { Self.frame(number: $0, unique: false) }, to: &decoder)
        XCTAssertTrue(decoder.usesMemo, "numbered repeats keep the memo")
        stream.feed((256..<512).map { Self.frame(number: $0, unique: true) }, to: &decoder)
        XCTAssertFalse(decoder.usesMemo, "unique frames turn it off")
        stream.feed((512..<768).map { Self.frame(number: $0, unique: false) }, to: &decoder)
        XCTAssertTrue(decoder.usesMemo, "repeats bring it back")
        stream.assertSameAsPlain(decoder)
    }

    /// Traffic with 30 % repeats sits between the two thresholds: it keeps the memo when it has it,
    /// and does not take it back when it has not, instead of switching at every window.
    func testTrafficBetweenTheThresholdsDoesNotSwitch() {
        var decoder = TimelineDecoder(window: 80)
        var stream = Stream()
        // Of every ten frames, the first three are one repeated frame, the others unique.
        func mixed(_ numbers: Range<Int>) -> [[UInt8]] {
            numbers.map { Self.frame(number: $0 % 10 < 3 ? 0 : $0, unique: $0 % 10 >= 3) }
        }
        for _ in 0..<4 { stream.feed(mixed(stream.count..<stream.count + 80), to: &decoder); XCTAssertTrue(decoder.usesMemo) }
        stream.feed((0..<160).map { Self.frame(number: stream.count + $0, unique: true) }, to: &decoder)
        XCTAssertFalse(decoder.usesMemo)
        for _ in 0..<4 { stream.feed(mixed(stream.count..<stream.count + 80), to: &decoder); XCTAssertFalse(decoder.usesMemo) }
        stream.assertSameAsPlain(decoder)
    }

    /// Frames decoded past the memo while `talliesAlone` is off are left to the caller to count (a file
    /// replay's analysis thread, while the reading thread is the busier): the two tallies add up to the
    /// plain one.
    func testFramesPastTheMemoCanBeLeftToTheCallerToCount() {
        var decoder = TimelineDecoder(window: 64)
        var plain = PacketTally(), counted = PacketTally()
        for number in 0..<512 {
            // Switched now and then, as `AnalysisFeed` switches it between batches.
            decoder.talliesAlone = number % 128 < 64
            Self.frame(number: number, unique: true).withUnsafeBytes { bytes in
                var alone: [Frame] = []
                _ = decoder.decode(bytes, linkType: .ethernet, alone: &alone)
                if !decoder.talliesAlone { for frame in alone { counted.count(frame) } }
                plain.count(Frame.decode(bytes, linkType: .ethernet))
            }
        }
        XCTAssertFalse(decoder.usesMemo)
        XCTAssertGreaterThan(counted.total, 0)
        XCTAssertEqual(decoder.tally.total + counted.total, 512)
        var sum = decoder.tally
        sum.add(counted)
        XCTAssertEqual(sum, plain)
    }

    /// An advert of 192.0.2.2 numbered `number`; `unique` appends the number as a 4-byte trailer.
    static func frame(number: Int, unique: Bool) -> [UInt8] {
        var bytes = FrameMemoTests.advert(identification: UInt16(truncatingIfNeeded: number), priority: 100)
        if unique { bytes += withUnsafeBytes(of: UInt32(number).bigEndian, Array.init) }
        return bytes
    }

    /// Frames fed one second apart to an analyser through the decoder and to one decoding plainly.
    private struct Stream {
        var count = 0
        var analyzer = ElectionAnalyzer(), plain = ElectionAnalyzer()
        var events: [TimelineEvent] = [], plainEvents: [TimelineEvent] = []
        var plainTally = PacketTally()

        mutating func feed(_ frames: [[UInt8]], to decoder: inout TimelineDecoder) {
            for bytes in frames {
                let time = TimelineFrames.ns(Double(count))
                count += 1
                bytes.withUnsafeBytes { bytes in
                    events += analyzer.observe(decoder.decode(bytes, linkType: .ethernet), at: time, interface: nil)
                    let frame = Frame.decode(bytes, linkType: .ethernet)
                    plainTally.count(frame, problems: frame.problems)
                    plainEvents += plain.observe(frame, at: time, interface: nil)
                }
            }
        }

        mutating func assertSameAsPlain(_ decoder: TimelineDecoder, file: StaticString = #filePath, line: UInt = #line) {
            XCTAssertEqual(events + analyzer.finish(), plainEvents + plain.finish(), file: file, line: line)
            XCTAssertEqual(analyzer.summaries(), plain.summaries(), file: file, line: line)
            XCTAssertEqual(decoder.tally, plainTally, file: file, line: line)
            XCTAssertEqual(decoder.tally.total, count, file: file, line: line)
        }
    }
}
