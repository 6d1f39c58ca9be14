import Codec

/// The address lists of recent adverts as arrays, one array per distinct list, so that a router's
/// steady adverts share the array its record keeps. Each unique advert (a flood, AH sequence numbers,
/// frames past the memo) made an array of its own, compared it element by element with the kept one
/// and freed it: a ninth of its analysis. Shared, the comparison finds the same storage at once.
///
/// A fixed number of places, each list in the one its `AddressList.quickHash` picks: memory is bounded
/// whatever a segment sends, and lists that pick the same place only take it from each other.
struct AddressArrays {
    private var places = [(list: AddressList, array: [IPAddress])?](repeating: nil, count: 1 << Self.placeBits)
    private static let placeBits = 8

    mutating func array(of list: AddressList) -> [IPAddress] {
        let place = Int(truncatingIfNeeded: list.quickHash >> (64 - Self.placeBits))
        if let kept = places[place], kept.list == list { return kept.array }
        let array = list.array
        places[place] = (list, array)
        return array
    }
}
