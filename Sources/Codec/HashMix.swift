/// One step of the fast, unseeded hashes over captured bytes: the frame memo's and an address list's
/// (`AddressList.quickHash`). For places in tables of bounded size, where a collision costs a miss;
/// never for a table an attacker can make grow. Inlinable: it runs several times per frame.
public enum HashMix {
    @inlinable
    public static func add(_ word: UInt64, to hash: inout UInt64) {
        hash = (hash ^ word) &* 0xFF51_AFD7_ED55_8CCD
        hash ^= hash >> 32
    }

    @inlinable
    public static func add(_ byte: UInt8, to hash: inout UInt64) {
        hash = (hash ^ UInt64(byte)) &* 0xFF51_AFD7_ED55_8CCD
    }
}
