import Codec
import ElectionModel

/// One master term of the virtual router, set against the capture: the story line of a what-if.
public struct WhatIfOutcome: Sendable, Hashable {
    /// When it would have become master.
    public var at: Int64
    public var priority: UInt8
    public var cause: MasterCause
    /// The master before it and that master's last advertised priority, when known.
    public var previous: IPAddress?
    public var previousPriority: UInt8?
    /// The previous master's last advert (its priority-0 advert for `resigned`).
    public var trigger: Int64?
    /// Who took over in the capture after the same trigger, and when.
    public var recordedSuccessor: IPAddress?
    public var recordedSuccessorAt: Int64?
    /// When the virtual router joined, and its Master_Down_Interval (for `preempted` / `master-down`).
    public var joined: Int64
    public var masterDownInterval: Int64

    public init(at: Int64, priority: UInt8, cause: MasterCause, previous: IPAddress?, previousPriority: UInt8?,
                trigger: Int64?, recordedSuccessor: IPAddress?, recordedSuccessorAt: Int64?, joined: Int64,
                masterDownInterval: Int64) {
        self.at = at
        self.priority = priority
        self.cause = cause
        self.previous = previous
        self.previousPriority = previousPriority
        self.trigger = trigger
        self.recordedSuccessor = recordedSuccessor
        self.recordedSuccessorAt = recordedSuccessorAt
        self.joined = joined
        self.masterDownInterval = masterDownInterval
    }
}
