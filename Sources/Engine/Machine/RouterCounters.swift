/// What a router received, sent and dropped; shown on SIGUSR1, at exit and by the tests.
public struct RouterCounters: Sendable, Hashable {
    /// Every advert handed to the machine, dropped or not.
    public var received: Int = 0
    /// Adverts the machine asked to send, priority-0 ones included.
    public var sent: Int = 0
    public var drops: [DropReason: Int] = [:]
    /// Accepted adverts whose address list differs from ours (RFC: MAY log; the advert still counts).
    public var addressListMismatch: Int = 0
    /// Lower-priority adverts a preempting backup discarded (RFC 9568 §6.4.2).
    public var lowerPriorityDiscarded: Int = 0
    /// Transitions to master held back by flap damping.
    public var flapHolds: Int = 0
    /// Timer inputs for a timer not armed (cancelled or re-armed) or not yet due.
    public var staleTimers: Int = 0

    public init() {}

    public subscript(reason: DropReason) -> Int { drops[reason] ?? 0 }

    public var dropped: Int { drops.values.reduce(0, +) }
}
