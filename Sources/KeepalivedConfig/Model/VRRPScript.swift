/// A `vrrp_script` block.
public struct VRRPScript: Sendable, Hashable {
    public var name: String
    /// The command words as keepalived splits them (first: the program, found on PATH when relative).
    public var command: [String] = []
    public var intervalSeconds = 1
    /// 0: keepalived's "unset" (the script may run for the whole interval).
    public var timeoutSeconds = 0
    public var weight = 0
    public var rise = 1
    public var fall = 1
    public var user: String?

    public init(name: String) { self.name = name }
}
