import Codec
import ElectionModel

/// The routers of one virtual router, in order of their first advert.
///
/// Records live in an array and are found by address through an index of positions. Every advert
/// and announcement updates a record: through a dictionary of these large structs each optional-chained
/// access (`routers[a]?.x`) moved or copied the whole record, whereas an array element is read and
/// mutated in place. A record's `address` is immutable, so the index never goes stale.
struct RouterTable: Sendable, RandomAccessCollection {
    private var records: [RouterRecord] = []
    private var positions = AddressMap<Int>()

    var startIndex: Int { records.startIndex }
    var endIndex: Int { records.endIndex }

    /// The record at `position`, in place.
    subscript(position: Int) -> RouterRecord {
        _read { yield records[position] }
        _modify { yield &records[position] }
    }

    /// Where the record of `address` is, if the router is known.
    func position(of address: IPAddress) -> Int? { positions[address] }

    /// A copy of the record of `address`: for paths that run when something changes, not per packet.
    subscript(address: IPAddress) -> RouterRecord? {
        positions[address].map { records[$0] }
    }

    /// Adds a router not known yet; returns its position.
    mutating func add(_ record: RouterRecord) -> Int {
        precondition(positions[record.address] == nil, "router \(record.address) is already known")
        positions.append(record.address, records.count)
        records.append(record)
        return records.count - 1
    }

    /// Applies `change` to the record of `address` in place; nil (and nothing done) if it is unknown.
    @discardableResult
    mutating func update<Result>(_ address: IPAddress, _ change: (inout RouterRecord) -> Result) -> Result? {
        guard let position = positions[address] else { return nil }
        return change(&records[position])
    }
}
