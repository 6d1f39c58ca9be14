import Codec
import Foundation
import XCTest

/// Vectors from scapy's VRRP tests and from the RFC checksum rules (see Vectors/ORIGIN.md).
final class KnownAnswerTests: XCTestCase {
    struct Vector: Decodable {
        struct Expect: Decodable {
            var version: Int
            var type: Int
            var vrid: Int
            var priority: Int
            var count: Int
            var auth_type: Int?
            var interval_cs: Int
            var checksum: Int
            var checksum_valid: Bool
            var checksum_form: String?
            var addrs: [String]
            var auth: String?
        }
        var name: String
        var link: String
        var hex: String
        var expect: Expect
    }

    func testEveryVector() throws {
        var checked = 0
        for file in ["scapy-vrrp", "computed-vrrp"] {
            let url = try XCTUnwrap(Bundle.module.url(forResource: file, withExtension: "json", subdirectory: "Vectors"))
            let vectors = try JSONDecoder().decode([Vector].self, from: Data(contentsOf: url))
            XCTAssertFalse(vectors.isEmpty, file)
            for vector in vectors {
                check(vector)
                checked += 1
            }
        }
        XCTAssertGreaterThanOrEqual(checked, 16)
    }

    private func check(_ vector: Vector) {
        let bytes = FrameBuilder.bytes(hex: vector.hex)
        let linkType: LinkType = vector.link == "ethernet" ? .ethernet : .raw
        let frame = FrameBuilder.decode(bytes, linkType: linkType)
        let name = vector.name
        XCTAssertEqual(frame.encode(), bytes, "\(name): round trip")
        guard let packet = frame.vrrp else { return XCTFail("\(name): no VRRP decoded from \(frame.network)") }
        let e = vector.expect
        XCTAssertEqual(Int(packet.version), e.version, name)
        XCTAssertEqual(Int(packet.type), e.type, name)
        XCTAssertEqual(Int(packet.vrid), e.vrid, name)
        XCTAssertEqual(Int(packet.priority), e.priority, name)
        XCTAssertEqual(Int(packet.count), e.count, name)
        XCTAssertEqual(packet.intervalCentiseconds, e.interval_cs, name)
        XCTAssertEqual(Int(packet.checksum), e.checksum, name)
        XCTAssertEqual(packet.addresses.map(\.description), e.addrs, name)
        if let authType = e.auth_type { XCTAssertEqual(Int(packet.authType), authType, name) }
        if let auth = e.auth, packet.authType == 1 { XCTAssertEqual(packet.authText, auth, name) }
        switch packet.checksumCheck {
        case .valid(let form):
            XCTAssertTrue(e.checksum_valid, "\(name): decoder says valid (\(form))")
            XCTAssertEqual(form.rawValue, e.checksum_form, name)
        case .invalid:
            XCTAssertFalse(e.checksum_valid, "\(name): decoder says invalid")
        case .unverified:
            XCTFail("\(name): checksum unverified")
        }
    }
}
