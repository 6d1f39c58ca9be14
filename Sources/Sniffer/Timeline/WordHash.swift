/// A key the analyser folds into one word, for its dictionaries looked up at every advert
/// (memberships, address owners). Through `Hasher` (SipHash) such a look-up cost some 240
/// instructions, a tenth of a unique advert's analysis; this is a few multiplications.
///
/// The keys give a dictionary its hash directly (`Hashable._rawHashValue(seed:)`, the value it uses),
/// mixed with the dictionary's own seed, which is random per process and per table: a segment of
/// forged senders cannot aim its keys at one bucket without knowing it (and the tables are bounded by
/// `FloodLimits` anyway). Equality still compares the keys themselves.
protocol WordHashable: Hashable {
    /// Equal keys give equal words.
    var word: UInt64 { get }
}

extension WordHashable {
    func hash(into hasher: inout Hasher) { hasher.combine(word) }

    func _rawHashValue(seed: Int) -> Int {
        var hash = word ^ UInt64(bitPattern: Int64(seed)) &* 0x9E37_79B9_7F4A_7C15
        hash = (hash ^ hash >> 32) &* 0xD6E8_FEB8_6659_FD93
        hash = (hash ^ hash >> 32) &* 0xD6E8_FEB8_6659_FD93
        return Int(truncatingIfNeeded: hash ^ hash >> 32)
    }
}
