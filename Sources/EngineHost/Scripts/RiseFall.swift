/// keepalived 2.2.7's verdict on a tracked script (`vrrp_script`'s `rise` and `fall`): a failing script
/// is good again after `rise` consecutive successes, a good one bad after `fall` consecutive failures.
/// Before the first result it is neither, and that first result decides at once, as keepalived's
/// initial state (one success short of good, a failure reported immediately) does.
public struct RiseFall: Sendable, Hashable {
    public let rise: Int
    public let fall: Int
    /// keepalived's `result`: 0 ..< rise is bad, rise ... rise + fall - 1 good.
    private var result: Int
    public private(set) var verdict: Bool?

    public init(rise: Int = 1, fall: Int = 1) {
        self.rise = max(1, rise)
        self.fall = max(1, fall)
        result = self.rise - 1
    }

    /// Records one run; returns the verdict when it changed (the first run always decides).
    public mutating func record(_ success: Bool) -> Bool? {
        let before = verdict
        if success {
            if result < rise - 1 {
                result += 1
            } else {
                result = rise + fall - 1
                verdict = true
            }
        } else if result > rise {
            result -= 1
        } else {
            result = 0
            verdict = false
        }
        return verdict == before ? nil : verdict
    }
}
