// libFuzzer target for the Codec: decode → inspect → encode must reproduce the input exactly.
//
// Input layout: byte 0 picks the link type (index into `LinkType.allCases`, modulo its count); the rest
// is one captured frame. Built by `scripts/fuzz`, which compiles `Sources/Codec/*.swift` and this file
// into one module (so there is no `Codec` module to import); the `#if` lets the same file also build
// against the `Codec` library product.
//
// Properties checked (any violation traps with a message that libFuzzer records with the input):
//  1. `Frame.decode(bytes).encode() == bytes` for every input, well-formed or garbage.
//  2. Address `description`s parse back to the same address (IPv4, IPv6, MAC).
//  3. `redactPasswords()` keeps the frame's length and kind.
//  4. A checksum the decoder calls valid is the one the encoder would compute, and an invalid one's
//     `expected` value is (both up to the one's-complement ±0 ambiguity).
// Everything else a printer touches (`problems`, `kind`, descriptions of errors) is evaluated so that
// any trap (overflow, out-of-range index) inside it is found too.

#if canImport(Codec)
import Codec
#endif

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Keeps the optimiser from dropping evaluated descriptions.
nonisolated(unsafe) private var sink = 0

@inline(never)
private func consume(_ text: String) { sink &+= text.utf8.count }

private func hex(_ bytes: some Sequence<UInt8>) -> String {
    let digits = Array("0123456789abcdef")
    var out = ""
    for b in bytes {
        out.append(digits[Int(b >> 4)])
        out.append(digits[Int(b & 0xF)])
    }
    return out
}

/// The frame under test, for failure messages.
nonisolated(unsafe) private var currentFrame: Frame?

private func fail(_ what: String, linkType: LinkType, input: some Sequence<UInt8>) -> Never {
    let decoded = currentFrame.map { "\n  decoded:   \($0)" } ?? ""
    fatalError("CodecFuzzer: \(what)\n  link type: \(linkType.name)\n  frame hex: \(hex(input))\(decoded)")
}

/// Equal as one's-complement checksums: 0x0000 and 0xFFFF are both zero.
private func sameChecksum(_ a: UInt16, _ b: UInt16) -> Bool {
    a == b || (a == 0 || a == 0xFFFF) && (b == 0 || b == 0xFFFF)
}

@_cdecl("LLVMFuzzerTestOneInput")
public func codecFuzzerTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data, size > 0 else { return 0 }
    let cases = LinkType.allCases
    let linkType = cases[cases.index(cases.startIndex, offsetBy: Int(data[0]) % cases.count)]
    let frameBytes = UnsafeRawBufferPointer(start: data + 1, count: size - 1)
    check(frameBytes, linkType: linkType)
    return 0
}

/// `FUZZ_PRINT_LINKTYPES=1 ./fuzzer` prints the LINKTYPE_ numbers in prefix-byte order and exits:
/// the corpus seeder asks the built binary instead of duplicating `LinkType.allCases`.
@_cdecl("LLVMFuzzerInitialize")
public func codecFuzzerInitialize(_ argc: UnsafeMutablePointer<CInt>?,
                                  _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>?) -> CInt {
    if let flag = getenv("FUZZ_PRINT_LINKTYPES"), flag.pointee == UInt8(ascii: "1") {
        print(LinkType.allCases.map { String($0.rawValue) }.joined(separator: " "))
        exit(0)
    }
    return 0
}

private func check(_ bytes: UnsafeRawBufferPointer, linkType: LinkType) {
    let frame = Frame.decode(bytes, linkType: linkType)
    currentFrame = frame
    defer { currentFrame = nil }

    // 1. Round trip.
    let encoded = frame.encode()
    if !encoded.elementsEqual(bytes) {
        let firstDifference = zip(encoded, bytes).enumerated().first { $0.element.0 != $0.element.1 }?.offset
            ?? min(encoded.count, bytes.count)
        fail("round trip mismatch: decoded \(bytes.count) bytes, encoded \(encoded.count); first difference at "
             + "offset \(firstDifference)\n  encoded:   \(hex(encoded))",
             linkType: linkType, input: bytes)
    }

    // What the printers use.
    let problems = frame.problems
    for problem in problems { consume(problem.rawValue); sink &+= problem.isInformational ? 1 : 0 }
    consume(frame.kind.rawValue)
    if Set(problems).count != problems.count { fail("duplicate problems \(problems)", linkType: linkType, input: bytes) }

    inspect(frame.link, linkType: linkType, input: bytes)
    inspect(frame.network, link: frame.link, linkType: linkType, input: bytes)

    // 3. Redaction keeps lengths.
    var redacted = frame
    if redacted.redactPasswords() {
        let again = redacted.encode()
        if again.count != bytes.count || redacted.kind != frame.kind {
            fail("redactPasswords changed length \(bytes.count) → \(again.count) or kind", linkType: linkType, input: bytes)
        }
    }
}

// MARK: - Addresses

private func check(_ address: IPv4Address, _ linkType: LinkType, _ input: UnsafeRawBufferPointer) {
    let text = address.description
    consume(text)
    if IPv4Address(text) != address { fail("IPv4 \(text) does not parse back", linkType: linkType, input: input) }
}

private func check(_ address: IPv6Address, _ linkType: LinkType, _ input: UnsafeRawBufferPointer) {
    let text = address.description
    consume(text)
    if IPv6Address(text) != address {
        fail("IPv6 \(text) (high \(address.high), low \(address.low)) does not parse back", linkType: linkType, input: input)
    }
    sink &+= address.isLinkLocal ? 1 : 0
}

private func check(_ address: IPAddress, _ linkType: LinkType, _ input: UnsafeRawBufferPointer) {
    switch address {
    case .v4(let a): check(a, linkType, input)
    case .v6(let a): check(a, linkType, input)
    }
    if IPAddress(address.description) != address {
        fail("IPAddress \(address) does not parse back", linkType: linkType, input: input)
    }
}

private func check(_ mac: MACAddress, _ linkType: LinkType, _ input: UnsafeRawBufferPointer) {
    let text = mac.description
    consume(text)
    if MACAddress(text) != mac { fail("MAC \(text) does not parse back", linkType: linkType, input: input) }
}

// MARK: - Layers

private func inspect(_ link: LinkHeader, linkType: LinkType, input: UnsafeRawBufferPointer) {
    if let mac = link.sourceMAC { check(mac, linkType, input) }
    if let mac = link.destinationMAC { check(mac, linkType, input) }
    for tag in link.vlanTags { sink &+= Int(tag.vid) &+ Int(tag.pcp) &+ (tag.dei ? 1 : 0) }
}

private func inspect(_ network: NetworkLayer, link: LinkHeader, linkType: LinkType, input: UnsafeRawBufferPointer) {
    if let ip = network.sourceIP { check(ip, linkType, input) }
    if let ip = network.destinationIP { check(ip, linkType, input) }
    sink &+= Int(network.hopLimit ?? 0)
    switch network {
    case .ipv4(let header, let payload):
        if header.checksumValid && !sameChecksum(header.computedChecksum, header.checksum) {
            fail("IPv4 checksum \(header.checksum) called valid, encoder computes \(header.computedChecksum)",
                 linkType: linkType, input: input)
        }
        inspect(payload, source: .v4(header.source), destination: .v4(header.destination), linkType: linkType, input: input)
    case .ipv6(let header, let payload):
        sink &+= header.extensionHeaders.count &+ Int(header.upperProtocol)
        inspect(payload, source: .v6(header.source), destination: .v6(header.destination), linkType: linkType, input: input)
    case .arp(let arp):
        check(arp.senderMAC, linkType, input)
        check(arp.targetMAC, linkType, input)
        check(arp.senderIP, linkType, input)
        check(arp.targetIP, linkType, input)
        consume(arp.kind.rawValue)
        sink &+= arp.isGratuitous ? 1 : 0
    case .other(let type, let bytes):
        sink &+= Int(type) &+ bytes.count
    case .malformed(_, let error, let bytes):
        consume(error.description)
        consume(error.layer.rawValue)
        sink &+= bytes.count
    }
}

private func inspect(_ payload: IPPayload, source: IPAddress, destination: IPAddress, linkType: LinkType,
                     input: UnsafeRawBufferPointer, insideAH: Bool = false) {
    switch payload {
    case .vrrp(let packet):
        for address in packet.addresses { check(address, linkType, input) }
        if let text = packet.authText { consume(text) }
        consume(packet.priorityRole?.rawValue ?? "")
        sink &+= packet.intervalCentiseconds &+ (packet.hasConsistentLength(isIPv6: source.isIPv6) ? 1 : 0)
        sink &+= packet.expectedLength(addressSize: source.isIPv6 ? 16 : 4) &+ packet.encodedLength
        switch packet.checksumCheck {
        case .valid(let form):
            let computed = packet.computedChecksum(form: form, source: source, destination: destination)
            if !sameChecksum(computed, packet.checksum) {
                fail("VRRP checksum \(packet.checksum) called valid (\(form.rawValue)), encoder computes \(computed)",
                     linkType: linkType, input: input)
            }
        case .invalid(let expected):
            let form: ChecksumForm = packet.hasVersion2Layout || insideAH ? .plain : .pseudoHeader
            let computed = packet.computedChecksum(form: form, source: source, destination: destination)
            if !sameChecksum(computed, expected) {
                fail("VRRP checksum invalid with expected \(expected), encoder computes \(computed) (\(form.rawValue))",
                     linkType: linkType, input: input)
            }
        case .unverified:
            if !packet.isTruncated {
                fail("VRRP checksum unverified in an untruncated packet", linkType: linkType, input: input)
            }
        }
    case .carp(let packet):
        sink &+= Int(packet.vhid) &+ packet.digest.count &+ (packet.checksumValid ? 1 : 0)
    case .authenticated(let header, let inner):
        sink &+= header.length &+ header.integrityCheckValue.count
        inspect(inner, source: source, destination: destination, linkType: linkType, input: input, insideAH: true)
    case .neighborAdvertisement(let advert):
        check(advert.target, linkType, input)
        if let mac = advert.targetLinkLayerAddress { check(mac, linkType, input) }
        sink &+= advert.isUnsolicited(destination: destination) ? 1 : 0
        if advert.checksumValid == true, case .v6(let s) = source, case .v6(let d) = destination {
            let computed = advert.computedChecksum(source: s, destination: d)
            if !sameChecksum(computed, advert.checksum) {
                fail("NA checksum \(advert.checksum) called valid, encoder computes \(computed)", linkType: linkType, input: input)
            }
        }
    case .other(let proto, let bytes):
        sink &+= Int(proto) &+ bytes.count
    case .malformed(_, let error, let bytes):
        consume(error.description)
        consume(error.layer.rawValue)
        sink &+= bytes.count
    }
}
