import Codec
import ElectionModel

/// A map keyed by IP address for the few addresses of one virtual router (its routers, its virtual
/// addresses), touched at every advert or announcement. While small it is searched linearly, which
/// for a handful of addresses costs far less than hashing one; past `linearLimit` keys a dictionary
/// indexes it. Keys keep their order of insertion; nothing is removed but all at once.
struct AddressMap<Value> {
    private(set) var keys: [IPAddress] = []
    private(set) var values: [Value] = []
    /// Positions by key, once there are more than `linearLimit`.
    private var index: [IPAddress: Int]?

    static var linearLimit: Int { 16 }

    init() {}

    var isEmpty: Bool { keys.isEmpty }
    var count: Int { keys.count }

    func position(of key: IPAddress) -> Int? {
        if let index { return index[key] }
        return keys.firstIndex(of: key)
    }

    subscript(key: IPAddress) -> Value? {
        position(of: key).map { values[$0] }
    }

    mutating func updateValue(_ value: Value, forKey key: IPAddress) {
        if let position = position(of: key) { values[position] = value } else { append(key, value) }
    }

    subscript(key: IPAddress, default value: @autoclosure () -> Value) -> Value {
        get { self[key] ?? value() }
        _modify {
            let position = position(of: key) ?? append(key, value())
            yield &values[position]
        }
    }

    /// Adds a key not present yet; returns its position.
    @discardableResult
    mutating func append(_ key: IPAddress, _ value: Value) -> Int {
        keys.append(key)
        values.append(value)
        if index != nil {
            index?[key] = keys.count - 1
        } else if keys.count > Self.linearLimit {
            index = Dictionary(uniqueKeysWithValues: zip(keys, keys.indices))
        }
        return keys.count - 1
    }

    mutating func removeAll() {
        keys.removeAll(keepingCapacity: true)
        values.removeAll(keepingCapacity: true)
        index = nil
    }
}

extension AddressMap: Sendable where Value: Sendable {}

/// Equal when they map the same keys to the same values, whatever the order of insertion.
extension AddressMap: Equatable where Value: Equatable {
    static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.count == rhs.count && zip(lhs.keys, lhs.values).allSatisfy { rhs[$0] == $1 }
    }
}

extension AddressMap: Hashable where Value: Hashable {
    func hash(into hasher: inout Hasher) {
        // Order-independent, as equality is.
        var combined = 0
        for (key, value) in zip(keys, values) { combined ^= Hasher.hash(key, value) }
        hasher.combine(combined)
    }
}

private extension Hasher {
    static func hash(_ key: IPAddress, _ value: some Hashable) -> Int {
        var hasher = Hasher()
        hasher.combine(key)
        hasher.combine(value)
        return hasher.finalize()
    }
}
