/// What the packet printers show, from the command line.
struct PrintOptions {
    var verbosity: Int = 0
    var redact: Bool = false
    var color: Bool = false
    var timestamps: TimestampFormat = .absolute
    /// Prefix each packet with the interface it came from (`-i any`, multi-interface pcapng).
    var showInterface: Bool = false
}
