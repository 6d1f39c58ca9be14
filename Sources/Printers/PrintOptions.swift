/// What the packet printers show, from the command line.
package struct PrintOptions {
    package var verbosity: Int = 0
    package var redact: Bool = false
    package var color: Bool = false
    package var timestamps: TimestampFormat = .absolute
    /// Prefix each packet with the interface it came from (`-i any`, multi-interface pcapng).
    package var showInterface: Bool = false

    package init() {}
}
