/// The hash of a key the analyser has folded into one word, for its dictionaries looked up at every
/// advert (memberships, address owners). Through `Hasher` (SipHash) such a look-up cost some 240
/// instructions, a tenth of a unique advert's analysis; this is a few multiplications.
///
/// Keys implement `Hashable._rawHashValue(seed:)` with it, the value a dictionary uses directly. The
/// dictionary's seed is random per process and per table, so a segment of forged senders cannot aim
/// its keys at one bucket without knowing it (and the tables are bounded by `FloodLimits` anyway).
enum WordHash {
    static func value(_ word: UInt64, seed: Int) -> Int {
        var hash = word ^ UInt64(bitPattern: Int64(seed)) &* 0x9E37_79B9_7F4A_7C15
        hash = (hash ^ hash >> 32) &* 0xD6E8_FEB8_6659_FD93
        hash = (hash ^ hash >> 32) &* 0xD6E8_FEB8_6659_FD93
        return Int(truncatingIfNeeded: hash ^ hash >> 32)
    }
}
