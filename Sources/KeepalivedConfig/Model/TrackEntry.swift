/// A `track_script` or `track_interface` entry, with the weight that applies (the entry's own, else the
/// script's).
public struct TrackEntry: Sendable, Hashable {
    public var name: String
    public var weight: Int
}
