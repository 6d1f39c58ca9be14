import CPcap

/// A compiled classic BPF program, kept as its instructions so it can be run, combined and installed.
struct BPFProgram: Sendable {
    let instructions: [bpf_insn]
    /// Frames known to pass without running the program (the default filter alone, on Ethernet).
    var shortcut: FilterShortcut?

    /// Compiles `expression` for `handle`'s link type; on a live handle libpcap uses Linux's VLAN
    /// metadata for the first `vlan`, so kernel programs must be compiled there, not on a dead handle.
    init(compiling expression: String, on handle: OpaquePointer, linkTypeName: String) throws(CaptureError) {
        var program = bpf_program()
        guard pcap_compile(handle, &program, expression, 1, PCAP_NETMASK_UNKNOWN) == 0 else {
            throw .badFilter(expression: expression, linkType: linkTypeName, message: String(cString: pcap_geterr(handle)))
        }
        defer { pcap_freecode(&program) }
        instructions = Array(UnsafeBufferPointer(start: program.bf_insns, count: Int(program.bf_len)))
    }

    private init(instructions: [bpf_insn]) {
        self.instructions = instructions
    }

    /// A program accepting what both accept: `self` runs first and each of its accepting returns
    /// becomes a jump to `other`'s first instruction.
    ///
    /// Compiling "(A) and (B)" as one expression is not the same: libpcap's `vlan` keyword shifts
    /// the offsets of everything parsed after it, so B would look 4 or 8 bytes too deep. BPF jumps
    /// are relative and forward only, and libpcap stores scratch memory before loading it, so the
    /// two programs concatenate safely.
    func and(_ other: BPFProgram) -> BPFProgram {
        var combined = instructions
        let entry = instructions.count
        for index in combined.indices where Self.isAccepting(combined[index]) {
            combined[index] = bpf_insn(code: UInt16(BPF_JMP | BPF_JA), jt: 0, jf: 0, k: UInt32(entry - index - 1))
        }
        combined += other.instructions
        return BPFProgram(instructions: combined)
    }

    /// Anything but `ret #0`: libpcap returns only constants, the snapshot length meaning "accept".
    private static func isAccepting(_ instruction: bpf_insn) -> Bool {
        Int32(instruction.code) & 0x07 == BPF_RET && !(Int32(instruction.code) & 0x18 == BPF_K && instruction.k == 0)
    }

    /// Runs the program in user space, as `pcap_offline_filter` does.
    func matches(_ packet: UnsafeRawBufferPointer, originalLength: Int) -> Bool {
        if let shortcut, shortcut.accepts(packet) { return true }
        return instructions.withUnsafeBufferPointer { program in
            bpf_filter(
                program.baseAddress, packet.baseAddress?.assumingMemoryBound(to: UInt8.self),
                UInt32(truncatingIfNeeded: originalLength), UInt32(truncatingIfNeeded: packet.count)) != 0
        }
    }

    /// Lends libpcap a `bpf_program` over the instructions, e.g. for `pcap_setfilter`, which copies them.
    func withProgram<Result>(_ body: (inout bpf_program) -> Result) -> Result {
        var copy = instructions
        return copy.withUnsafeMutableBufferPointer { buffer in
            var program = bpf_program(bf_len: UInt32(buffer.count), bf_insns: buffer.baseAddress)
            return body(&program)
        }
    }
}
