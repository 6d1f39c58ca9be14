import Codec
import ElectionModel

/// One line of a what-if replay: something the virtual router or a modelled recorded router would
/// have done, or a recorded fact the models were given.
public struct WhatIfLine: Sendable, Hashable {
    public enum Origin: String, Sendable, Hashable {
        /// On the wire in the capture.
        case recorded
        /// Computed by the state machine: the virtual router always, the recorded routers once they
        /// would have heard it.
        case modelled
    }

    public enum What: Sendable, Hashable {
        /// A transition or finding the router reported (the timeline's event model).
        case event(TimelineEvent)
        /// An advert of the virtual router worth a line: the first of each master term, and priority 0.
        case advert(priority: UInt8)
        /// One announcement burst: `count` gratuitous ARPs / unsolicited NAs per address.
        case announce(addresses: [IPAddress], count: Int)
        /// A recorded router's own life, replayed into its model after the virtual router's first advert.
        case recordedLife(RecordedLife)
    }

    public var ts: Int64
    public var origin: Origin
    public var router: IPAddress
    /// The line is about the virtual router ("you").
    public var isVirtual: Bool
    public var what: What

    public init(ts: Int64, origin: Origin, router: IPAddress, isVirtual: Bool, what: What) {
        self.ts = ts
        self.origin = origin
        self.router = router
        self.isVirtual = isVirtual
        self.what = what
    }
}

/// What a recorded router did by itself, whatever the others did: the inputs its model gets.
public enum RecordedLife: String, Sendable, Hashable {
    /// It sent priority 0 (stopped cleanly).
    case resigned
    /// It stopped advertising while nobody outranked it: crashed or cut off.
    case wentSilent = "went-silent"
    /// It came back after resigning or going silent (started one Master_Down_Interval before its first advert).
    case restarted
    /// It advertised another priority (tracking); the model takes it over.
    case priorityChanged = "priority-changed"
}
