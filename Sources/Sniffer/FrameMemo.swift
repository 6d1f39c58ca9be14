import Codec
import ElectionModel
#if canImport(Glibc)
import Glibc
#endif

/// Decodes each distinct frame once. VRRP traffic is mostly repeats: a master sends the same advert
/// every interval and the same announcements in every burst, except that an IPv4 sender numbers its
/// datagrams (keepalived increments the identification, which changes the header checksum). A frame
/// equal to a recent one outside those two fields gets that one's decode back, with its own header
/// checksum verified so that the validity the decode reports still holds.
///
/// The frame handed back therefore carries the IPv4 identification and header checksum of the first
/// frame of its kind: it serves readers that use neither (the election analyser, the tally), never
/// printing. Bounded: `capacity` frames (in sets of two) of up to `maximumLength` bytes, so memory
/// is flat whatever the capture's size, and an evicted frame is simply decoded again.
public struct FrameMemo: Sendable {
    /// A class, handed out and kept without copying the decoded frame. Unchecked Sendable: all but
    /// two fields are immutable; `uses` belongs to the memo's thread, and `route` is read and written
    /// only by the one analyser the entries are handed to, kept behind a lock if threads share it.
    public final class Entry: @unchecked Sendable {
        /// How many frames the entry has stood for; counted by the memo's thread, read by nobody
        /// else. First, away from `route`, so that counting does not disturb the analyser's cache line.
        fileprivate var uses = 1
        public let frame: Frame
        /// `frame` counted alone.
        public let tally: PacketTally
        /// Where the election analyser filed the frame: set by the analyser, reused for the repeats.
        /// Exclusivity unchecked: it is read for every frame, and access is serialised (see above).
        @exclusivity(unchecked) public var route: ElectionAnalyzer.Route?
        /// The frame as first seen (owned, freed with the entry); nil when it is not kept.
        fileprivate let bytes: UnsafeRawBufferPointer?
        fileprivate let linkType: LinkType
        /// Where the IPv4 header starts when its identification and checksum are left out of the
        /// comparison; nil when the frame is compared whole.
        fileprivate let ipv4Offset: Int?
        fileprivate let headerChecksumValid: Bool
        /// The IPv4 header summed without those two fields: a repeat's header checksum is checked by
        /// adding its own two.
        fileprivate let headerSumOfOthers: InternetChecksum

        fileprivate init(frame: Frame, tally: PacketTally, bytes: UnsafeRawBufferPointer?, linkType: LinkType, ipv4Offset: Int?,
                         headerChecksumValid: Bool, headerSumOfOthers: InternetChecksum) {
            self.frame = frame
            self.tally = tally
            self.bytes = bytes
            self.linkType = linkType
            self.ipv4Offset = ipv4Offset
            self.headerChecksumValid = headerChecksumValid
            self.headerSumOfOthers = headerSumOfOthers
        }

        /// Decodes `bytes`; `located` is where `FrameMemo.ipv4Offset` expects the IPv4 header.
        fileprivate convenience init(decoding bytes: UnsafeRawBufferPointer, linkType: LinkType, located: Int?,
                                     keep: Bool) {
            let frame = Frame.decode(bytes, linkType: linkType)
            let tally = PacketTally(frame)
            // Leave the two fields out only where the decoder agrees that they are the IPv4 header's.
            var offset: Int?
            var headerValid = false
            var sumOfOthers = InternetChecksum()
            if let located, case .ipv4(let header, _) = frame.network, frame.link.encodedLength == located {
                offset = located
                headerValid = header.checksumValid
                sumOfOthers.add(UnsafeRawBufferPointer(rebasing: bytes[located..<located + 4]))
                sumOfOthers.add(UnsafeRawBufferPointer(rebasing: bytes[located + 6..<located + 10]))
                sumOfOthers.add(UnsafeRawBufferPointer(rebasing: bytes[located + 12..<located + header.headerLength]))
            }
            var kept: UnsafeRawBufferPointer?
            if keep {
                let copy = UnsafeMutableRawBufferPointer.allocate(byteCount: bytes.count, alignment: 8)
                copy.copyMemory(from: bytes)
                kept = UnsafeRawBufferPointer(copy)
            }
            self.init(frame: frame, tally: tally, bytes: kept, linkType: linkType,
                      ipv4Offset: offset, headerChecksumValid: headerValid, headerSumOfOthers: sumOfOthers)
        }

        /// Whether the memo keeps the entry for the frame's repeats (`route` is then worth setting).
        public var isKept: Bool { bytes != nil }

        deinit { bytes?.deallocate() }
    }

    /// Sets of two entries. A frame may live in either of two sets, chosen by two parts of its hash,
    /// and takes the place used least recently of the four: with a single set per frame, some 320 live
    /// frames (64 groups, four frames each) overfilled a third of the sets, whose frames then evicted
    /// each other at every round (30 % misses); with two choices nearly every frame finds a place.
    public static let sets = 256
    public static let capacity = 2 * sets
    public static let maximumLength = 512

    private var entries: [Entry?] = Array(repeating: nil, count: Self.capacity)
    /// Per place, the hash of its entry's frame as first seen: most places hold other frames, told
    /// apart by it alone. Kept beside the entries, like `lastUses`, so that passing over a place does
    /// not retain and release its entry.
    private var hashes = [UInt64](repeating: 0, count: Self.capacity)
    /// Per place, when the memo last handed its entry out (its clock; 0: empty): the least recent of a
    /// frame's places is reused.
    private var lastUses = [Int](repeating: 0, count: Self.capacity)
    /// The frames of entries no longer kept.
    private var evicted = PacketTally()
    /// Frames handed a kept decode: how well the memo pays (see `TimelineDecoder`).
    public private(set) var hits = 0
    /// Counts lookups, for `lastUses`.
    private var clock = 0

    public init() {}

    /// Every frame decoded through the memo, counted as `PacketTally.count` counts them: counting
    /// each frame's decode once and its repeats by number costs nothing per packet.
    public var tally: PacketTally {
        var total = evicted
        for case let entry? in entries { total.add(entry.tally, times: entry.uses) }
        return total
    }

    /// The decode of `bytes`: a kept one if they repeat a recent frame, else a new one (kept unless
    /// longer than `maximumLength`).
    public mutating func decode(_ bytes: UnsafeRawBufferPointer, linkType: LinkType) -> Entry {
        guard bytes.count <= Self.maximumLength else {
            let entry = Entry(decoding: bytes, linkType: linkType, located: nil, keep: false)
            evicted.add(entry.tally)
            return entry
        }
        let located = Self.ipv4Offset(in: bytes, linkType: linkType)
        let hash = Self.hash(bytes, linkType: linkType, skipping: located)
        // The hash's high bits pick the first set (the low bits of a product mix poorly), a second
        // product's high bits the other.
        let first = 2 * Int((hash >> 32) % UInt64(Self.sets))
        let second = 2 * Int(((hash &* 0xD6E8_FEB8_6659_FD93) >> 32) % UInt64(Self.sets))
        clock += 1
        var victim = first
        // The four places by number: an array literal of them cost an object per look-up.
        for probe in 0..<4 {
            let place = (probe < 2 ? first : second - 2) + probe
            guard lastUses[place] != 0 else {
                if lastUses[victim] != 0 { victim = place }
                continue
            }
            if hashes[place] == hash, let entry = entries[place],
               Self.matches(entry, bytes, linkType: linkType, located: located) {
                entry.uses += 1
                lastUses[place] = clock
                hits += 1
                return entry
            }
            // An empty victim (0) stays: nothing is used less recently.
            if lastUses[place] < lastUses[victim] { victim = place }
        }
        let entry = Entry(decoding: bytes, linkType: linkType, located: located, keep: true)
        lastUses[victim] = clock
        hashes[victim] = hash
        if let leaving = entries[victim] { evicted.add(leaving.tally, times: leaving.uses) }
        entries[victim] = entry
        return entry
    }

    /// The decode of `bytes`, neither looked up nor kept: a frame nobody will repeat needs no entry to
    /// share. Counted in `tally` unless `counting` is false (whoever analyses it counts it then).
    public mutating func decodeAlone(_ bytes: UnsafeRawBufferPointer, linkType: LinkType, counting: Bool = true) -> Frame {
        let frame = Frame.decode(bytes, linkType: linkType)
        if counting { evicted.count(frame) }
        return frame
    }

    private static func matches(_ entry: Entry, _ bytes: UnsafeRawBufferPointer, linkType: LinkType, located: Int?) -> Bool {
        guard let kept = entry.bytes, kept.count == bytes.count, entry.linkType == linkType,
              entry.ipv4Offset == located else { return false }
        guard let offset = located else { return same(kept, bytes, 0..<bytes.count) }
        guard same(kept, bytes, 0..<offset + 4), same(kept, bytes, offset + 6..<offset + 10),
              same(kept, bytes, offset + 12..<bytes.count) else { return false }
        // The rest of the header is the kept one's: only the two words differ.
        var sum = entry.headerSumOfOthers
        sum.add(UInt16(bigEndian: bytes.loadUnaligned(fromByteOffset: offset + 4, as: UInt16.self)))
        sum.add(UInt16(bigEndian: bytes.loadUnaligned(fromByteOffset: offset + 10, as: UInt16.self)))
        return (sum.folded == 0xFFFF) == entry.headerChecksumValid
    }

    /// Where an IPv4 header would start; nil when the frame does not carry IPv4 (or is too short for
    /// its header).
    static func ipv4Offset(in bytes: UnsafeRawBufferPointer, linkType: LinkType) -> Int? {
        guard let (etherType, offset) = LinkHeader.networkLayer(in: bytes, linkType: linkType),
              etherType == EtherType.ipv4, offset + 20 <= bytes.count else { return nil }
        return offset
    }

    private static func same(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer, _ range: Range<Int>) -> Bool {
        guard let left = a.baseAddress, let right = b.baseAddress else { return range.isEmpty }
        return memcmp(left + range.lowerBound, right + range.lowerBound, range.count) == 0
    }

    /// A hash of the whole frame but an IPv4 header's identification and checksum: alike for frames the
    /// memo takes for repeats (but for a 64-bit collision), so that repeats can be counted without
    /// keeping the frames.
    public static func fingerprint(_ bytes: UnsafeRawBufferPointer, linkType: LinkType) -> UInt64 {
        var hash = seed(bytes, linkType: linkType)
        func mix(_ range: Range<Int>) {
            var position = range.lowerBound
            while position + 8 <= range.upperBound {
                HashMix.add(bytes.loadUnaligned(fromByteOffset: position, as: UInt64.self), to: &hash)
                position += 8
            }
            for byte in bytes[position..<range.upperBound] { HashMix.add(byte, to: &hash) }
        }
        guard let offset = ipv4Offset(in: bytes, linkType: linkType) else {
            mix(0..<bytes.count)
            return hash
        }
        mix(0..<offset + 4)
        mix(offset + 6..<offset + 10)
        mix(offset + 12..<bytes.count)
        return hash
    }

    /// A fast non-cryptographic hash of a few words of the frame that tell frames apart (link
    /// addresses, IP addresses, the end of the message) and lie clear of the IPv4 identification and
    /// checksum. Frames that hash alike are still compared in full.
    private static func hash(_ bytes: UnsafeRawBufferPointer, linkType: LinkType, skipping offset: Int?) -> UInt64 {
        var hash = seed(bytes, linkType: linkType)
        func mix(at position: Int) { HashMix.add(bytes.loadUnaligned(fromByteOffset: position, as: UInt64.self), to: &hash) }
        if let offset {
            // Before the identification, the IPv4 addresses, and the last word (past the header).
            if offset >= 4 { mix(at: 0) }
            mix(at: offset + 12)
            mix(at: bytes.count - 8)
        } else if bytes.count >= 16 {
            mix(at: 0)
            mix(at: 8)
            mix(at: bytes.count - 16)
            mix(at: bytes.count - 8)
        } else {
            for byte in bytes { HashMix.add(byte, to: &hash) }
        }
        return hash
    }

    /// The start of both hashes: the link type and the length.
    private static func seed(_ bytes: UnsafeRawBufferPointer, linkType: LinkType) -> UInt64 {
        (UInt64(linkType.rawValue) << 32 | UInt64(bytes.count)) &* 0x9E37_79B9_7F4A_7C15
    }

}
