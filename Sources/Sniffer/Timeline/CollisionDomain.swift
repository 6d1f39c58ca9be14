/// What the analyser keeps per collision domain (segment, family, VRID): its groups and its flood,
/// found with one look-up, as every advert of a router not seen before (every advert of a flood) needs.
struct CollisionDomain: Sendable {
    /// The tracker positions of its groups, in group order.
    var groups: [Int] = []
    /// Where `FloodGuard` counts the adverts it turned away, once there are any.
    var flood: Int?
}
