/// An interface one router tracks: keepalived's `track_interface` entry, or `--track-interface`.
public struct TrackedInterface: Equatable, Sendable {
    public let name: String
    /// keepalived 2.2.7's weight: 0 puts the router in Fault while the interface is down; a positive
    /// weight is added to the priority while it is up, a negative one while it is down.
    public let weight: Int

    public init(_ name: String, weight: Int = 0) {
        self.name = name
        self.weight = weight
    }

    /// What it adds to the priority with the interface up or down (never a fault: that is weight 0).
    public func weight(up: Bool) -> Int {
        if weight > 0, up { return weight }
        if weight < 0, !up { return weight }
        return 0
    }
}
