/// One 802.1Q or 802.1ad tag: the TPID that introduced it and its tag control information.
public struct VLANTag: Hashable, Sendable {
    public var tpid: UInt16
    public var tci: UInt16

    public init(tpid: UInt16 = EtherType.vlan, tci: UInt16) {
        self.tpid = tpid
        self.tci = tci
    }

    public init(tpid: UInt16 = EtherType.vlan, vid: UInt16, pcp: UInt8 = 0, dei: Bool = false) {
        self.init(tpid: tpid, tci: UInt16(pcp & 7) << 13 | (dei ? 0x1000 : 0) | (vid & 0x0FFF))
    }

    public var vid: UInt16 { tci & 0x0FFF }
    public var pcp: UInt8 { UInt8(tci >> 13) }
    public var dei: Bool { tci & 0x1000 != 0 }
}

extension ByteReader {
    /// Reads tags while `type` names one; returns the EtherType behind the last tag.
    mutating func readVLANTags(after type: UInt16, into tags: inout [VLANTag]) throws(DecodeError) -> UInt16 {
        var type = type
        while EtherType.isVLANTag(type) {
            let tci = try readUInt16()
            tags.append(VLANTag(tpid: type, tci: tci))
            type = try readUInt16()
        }
        return type
    }
}

extension ByteWriter {
    /// Writes the tags and then the EtherType they carry, in wire order (TPID, TCI, …, type).
    mutating func writeVLANTags(_ tags: some Sequence<VLANTag>, then type: UInt16) {
        for tag in tags {
            write(tag.tpid)
            write(tag.tci)
        }
        write(type)
    }
}
