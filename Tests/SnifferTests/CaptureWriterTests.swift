import Codec
import Foundation
import XCTest
import ElectionModel
@testable import Sniffer

final class CaptureWriterTests: XCTestCase {
    private var scratch: ScratchDirectory!

    override func setUpWithError() throws {
        scratch = try ScratchDirectory()
    }

    override func tearDown() {
        scratch = nil
    }

    /// Copies `input` to a new file through the writer; returns what reading that file gives back.
    private func roundTrip(_ input: String, to name: String) throws -> (original: [Collected], copy: [Collected], path: String) {
        let source = try CaptureFile.open(input)
        let output = scratch.path(name)
        let writer = try CaptureWriter(path: output, for: source)
        let original = try source.collect()
        for packet in original {
            try packet.bytes.withUnsafeBytes { bytes in try writer.write(bytes, info: packet.info) }
        }
        try writer.flush()
        return (original, try CaptureFile.open(output).collect(), output)
    }

    func testPcapRoundTripKeepsBytesAndTimestamps() throws {
        for nanoseconds in [false, true] {
            let frames = TestFrames.wanted.map { TestFrames.ethernet($0) }
            let input = try scratch.write(
                CaptureBytes.pcap(nanoseconds: nanoseconds, bigEndian: true, packets: frames.enumerated().map {
                    (UInt32(1_700_000_000 + $0.offset), UInt32(123_456 + $0.offset), $0.element)
                }), named: "in-\(nanoseconds).pcap")
            let (original, copy, output) = try roundTrip(input, to: "out-\(nanoseconds).pcap")
            XCTAssertEqual(copy, original)
            XCTAssertEqual(try CaptureFile.open(output).interfaces.first?.timestampPrecision, nanoseconds ? .nanoseconds : .microseconds)
            // A single link type gives classic pcap, in this machine's byte order.
            let magic = try Data(contentsOf: URL(fileURLWithPath: output)).prefix(4)
            XCTAssertEqual(magic.withUnsafeBytes { $0.loadUnaligned(as: UInt32.self) }, nanoseconds ? 0xa1b2_3c4d : 0xa1b2_c3d4)
            try assertExternalToolsRead(output, count: frames.count)
        }
    }

    func testMixedLinkTypesGivePcapng() throws {
        var file = CaptureBytes()
        file.sectionHeader()
        file.interface(linkType: 1, snapLength: 262_144, name: "eth0")
        file.interface(linkType: 276, snapLength: 262_144, name: "any", tsresol: 9)
        file.enhancedPacket(interface: 0, timestamp: 1_700_000_000_000_001, data: TestFrames.ethernet(TestFrames.wanted[0], tags: [(0x8100, 5)]))
        file.enhancedPacket(interface: 1, timestamp: 1_700_000_000_000_000_002, data: TestFrames.linuxSLL2(TestFrames.wanted[1]))
        file.enhancedPacket(interface: 0, timestamp: 1_700_000_001_000_000, data: Array(TestFrames.ethernet(TestFrames.wanted[3]).prefix(30)), originalLength: 60)
        let input = try scratch.write(file.bytes, named: "in.pcapng")
        let (original, copy, output) = try roundTrip(input, to: "out.pcapng")
        XCTAssertEqual(copy, original)
        XCTAssertEqual(try CaptureFile.open(output).interfaces, try CaptureFile.open(input).interfaces)
        // libpcap 1.10 (tcpdump 4.99) rejects pcapng whose interfaces differ in link type.
        try assertExternalToolsRead(output, count: 3, tools: ["/usr/bin/tshark"])
    }

    func testInterfacesDefinedLaterAreAdded() throws {
        var file = CaptureBytes()
        file.sectionHeader()
        file.interface(linkType: 1, name: "eth0")
        file.interface(linkType: 101, name: "tun0")
        file.enhancedPacket(interface: 0, timestamp: 1, data: [1, 2, 3])
        file.sectionHeader()
        file.interface(linkType: 113, name: "any")
        file.enhancedPacket(interface: 0, timestamp: 2, data: [4, 5, 6, 7, 8])
        let input = try scratch.write(file.bytes, named: "later.pcapng")
        let (original, copy, output) = try roundTrip(input, to: "later-out.pcapng")
        XCTAssertEqual(copy, original)
        XCTAssertEqual(try CaptureFile.open(output).collect().count, 2)
        XCTAssertEqual(try CaptureFile.open(output).interfaces.map(\.name), ["eth0", "tun0"])  // third comes mid-file
    }

    func testPcapCannotTakeASecondLinkType() throws {
        var file = CaptureBytes()
        file.sectionHeader()
        file.interface(linkType: 1)
        file.enhancedPacket(interface: 0, timestamp: 1, data: [1])
        file.sectionHeader()
        file.interface(linkType: 101)
        file.enhancedPacket(interface: 0, timestamp: 2, data: [2])
        let source = try CaptureFile.open(try scratch.write(file.bytes, named: "two.pcapng"))
        let output = scratch.path("two.pcap")
        let writer = try CaptureWriter(path: output, for: source)
        XCTAssertThrowsError(try source.forEach { info, bytes in
            try writer.write(bytes, info: info)
            return true
        }) { error in
            XCTAssertEqual("\(error)", "\(output): cannot add a RAW interface to a pcap file of EN10MB packets")
        }
    }

    func testUnwritablePathIsNamed() throws {
        let source = try CaptureFile.open(try scratch.write(CaptureBytes.pcap(packets: []), named: "in.pcap"))
        let path = scratch.path("no/such/dir/out.pcap")
        XCTAssertThrowsError(try CaptureWriter(path: path, for: source)) { error in
            XCTAssertEqual("\(error)", "\(path): no such file")
        }
    }

    /// tcpdump and tshark must open what we write; skipped (with the reason) when they are absent.
    private func assertExternalToolsRead(
        _ path: String, count: Int, tools: Set<String> = ["/usr/bin/tcpdump", "/usr/bin/tshark"],
        file: StaticString = #filePath, line: UInt = #line
    ) throws {
        let commands = [("/usr/bin/tcpdump", ["-nn", "-r", path]), ("/usr/bin/tshark", ["-n", "-r", path])]
        for (tool, arguments) in commands where tools.contains(tool) {
            guard FileManager.default.isExecutableFile(atPath: tool) else {
                print("skipping \(tool) check: not installed")
                continue
            }
            let process = Process()
            process.executableURL = URL(fileURLWithPath: tool)
            process.arguments = arguments
            let stdout = Pipe()
            let stderr = Pipe()
            process.standardOutput = stdout
            process.standardError = stderr
            try process.run()
            let output = String(decoding: stdout.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            let errors = String(decoding: stderr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            XCTAssertEqual(process.terminationStatus, 0, "\(tool): \(errors)", file: file, line: line)
            let lines = output.split(separator: "\n")
            XCTAssertEqual(lines.count, count, "\(tool) output:\n\(output)\(errors)", file: file, line: line)
        }
    }
}
