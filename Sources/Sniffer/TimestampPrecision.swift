/// The finest timestamp unit an interface records; decides which pcap magic a writer uses.
public enum TimestampPrecision: Sendable, Hashable {
    case microseconds
    case nanoseconds
}
