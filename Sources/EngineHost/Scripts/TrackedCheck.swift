/// A check as one router tracks it: keepalived's `track_script` entry, with the script's weight or the
/// entry's own. Several routers may track one `CheckCommand`; it runs once for all of them, as
/// keepalived runs a vrrp_script on its own timer and gives its result to every instance tracking it.
public struct TrackedCheck {
    public let check: CheckCommand
    /// keepalived's `weight`: negative is subtracted from the priority while failing, positive added
    /// while succeeding, 0 puts the router in Fault while failing.
    public let weight: Int

    public init(_ check: CheckCommand, weight: Int) {
        self.check = check
        self.weight = weight
    }
}
