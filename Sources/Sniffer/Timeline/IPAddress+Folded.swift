import Codec

extension IPAddress {
    /// The address folded into one word, for the analyser's cheap hashes (one word for the hasher, a
    /// bit of a mask): equal addresses fold alike. Equality still compares the addresses themselves.
    var folded: UInt64 {
        switch self {
        case .v4(let a): UInt64(a.rawValue)
        case .v6(let a): a.high &* 0xC2B2_AE3D_27D4_EB4F ^ a.low
        }
    }
}
