#!/usr/bin/env python3
"""Extract every packet record of pcap/pcapng captures as a CodecFuzzer input.

Each output file is one record's captured bytes with one prefix byte: the index of the capture's link
type in the order the fuzzer binary reports (`FUZZ_PRINT_LINKTYPES=1 codec-fuzzer`), e.g.
"1 101 113 228 229 276". A record of a link type the Codec does not decode contributes the VRRP-bearing
IP packet found inside it (as raw IPv4/IPv6 and behind an Ethernet header), or nothing. Files are named
`<capture-stem>.r<record number>[-ip4|-ip6|-eth]` and deduplicated by content (first occurrence wins).

usage: extract_seeds.py --linktypes "1 101 113 ..." --out DIR CAPTURE...
Prints one line per capture and a summary; stdlib only.
"""
import argparse
import hashlib
import os
import re
import struct
import sys

# Old pcap files written with the DLT_ value for raw IP instead of LINKTYPE_RAW (101).
LINKTYPE_ALIASES = {12: 101, 14: 101}


def pcap_records(data):
    """Yields (linktype, bytes) from a classic pcap file (either byte order, µs or ns)."""
    magic = data[:4]
    if magic in (b"\xd4\xc3\xb2\xa1", b"\x4d\x3c\xb2\xa1"):
        endian = "<"
    elif magic in (b"\xa1\xb2\xc3\xd4", b"\xa1\xb2\x3c\x4d"):
        endian = ">"
    else:
        raise ValueError("not a pcap file")
    if len(data) < 24:
        raise ValueError("pcap header truncated")
    snaplen, linktype = struct.unpack(endian + "II", data[16:24])
    linktype &= 0x0FFFFFFF
    offset = 24
    while offset + 16 <= len(data):
        _, _, caplen, _ = struct.unpack(endian + "IIII", data[offset:offset + 16])
        offset += 16
        if offset + caplen > len(data):
            break  # a truncated final record: keep what is whole
        # libpcap keeps at most the snap length of a record that claims more (tcpdump's "oobr" files).
        yield linktype, data[offset:offset + min(caplen, snaplen or caplen)]
        offset += caplen


def pcapng_records(data):
    """Yields (linktype, bytes) from a pcapng file: EPB, SPB and obsolete PB in every section."""
    offset = 0
    endian = "<"
    interfaces = []
    while offset + 12 <= len(data):
        block_type_raw = data[offset:offset + 4]
        if block_type_raw == b"\x0a\x0d\x0d\x0a":  # section header: byte order from its magic
            bom = data[offset + 8:offset + 12]
            endian = "<" if bom == b"\x4d\x3c\x2b\x1a" else ">"
            interfaces = []
        block_type, length = struct.unpack(endian + "II", data[offset:offset + 8])
        if length < 12 or offset + length > len(data):
            break
        body = data[offset + 8:offset + length - 4]
        if block_type == 1:  # interface description
            interfaces.append(struct.unpack(endian + "H", body[0:2])[0])
        elif block_type == 6 and len(body) >= 20:  # enhanced packet
            iface, _, _, caplen, _ = struct.unpack(endian + "IIIII", body[0:20])
            if iface < len(interfaces):
                yield interfaces[iface], body[20:20 + caplen]
        elif block_type == 3 and len(body) >= 4 and interfaces:  # simple packet: interface 0
            original = struct.unpack(endian + "I", body[0:4])[0]
            yield interfaces[0], body[4:4 + min(original, len(body) - 4)]
        elif block_type == 2 and len(body) >= 20:  # obsolete packet block
            iface, _, _, _, caplen, _ = struct.unpack(endian + "HHIIII", body[0:20])
            if iface < len(interfaces):
                yield interfaces[iface], body[20:20 + caplen]
        offset += length


def embedded_ip(frame):
    """For a link type the Codec does not decode: the first IPv4/IPv6 packet carrying VRRP, AH or ICMPv6
    found within the first 64 bytes (a link header of unknown length precedes it), or None."""
    for start in range(min(64, len(frame))):
        version = frame[start] >> 4
        if version == 4 and frame[start] & 0xF >= 5 and start + 10 <= len(frame) and frame[start + 9] in (112, 51):
            return 4, frame[start:]
        if version == 6 and start + 7 <= len(frame) and frame[start + 6] in (112, 51, 58):
            return 6, frame[start:]
    return None


def ethernet_wrapped(version, packet):
    """`packet` behind an Ethernet header from the VRRP virtual MAC to the VRRP multicast group."""
    if version == 4:
        return bytes.fromhex("01005e000012" "00005e000101" "0800") + packet
    return bytes.fromhex("333300000012" "00005e000201" "86dd") + packet


def records(path):
    with open(path, "rb") as f:
        data = f.read()
    if data[:4] == b"\x0a\x0d\x0d\x0a":
        return list(pcapng_records(data))
    return list(pcap_records(data))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--linktypes", required=True, help="LINKTYPE_ numbers in prefix-byte order")
    parser.add_argument("--out", required=True)
    parser.add_argument("captures", nargs="*")
    args = parser.parse_args()

    order = [int(x) for x in args.linktypes.split()]
    os.makedirs(args.out, exist_ok=True)
    seen = set()
    for name in os.listdir(args.out):
        with open(os.path.join(args.out, name), "rb") as f:
            seen.add(hashlib.sha1(f.read()).digest())
    written = skipped = duplicates = 0
    for path in args.captures:
        try:
            recs = records(path)
        except (OSError, ValueError, struct.error) as error:
            print(f"  {path}: skipped ({error})", file=sys.stderr)
            continue
        stem = re.sub(r"[^A-Za-z0-9_.-]", "_", os.path.basename(path).split(".pcap")[0])
        count = 0
        for number, (linktype, frame) in enumerate(recs, 1):
            linktype = LINKTYPE_ALIASES.get(linktype, linktype)
            if linktype in order:
                inputs = [("", bytes([order.index(linktype)]) + frame)]
            else:
                # Not decodable as captured (e.g. tcpdump's Frame Relay "oobr" file): seed the IP packet
                # inside, as raw IPv4/IPv6 and behind an Ethernet header.
                found = embedded_ip(frame)
                if found is None:
                    skipped += 1
                    continue
                version, packet = found
                raw = 228 if version == 4 else 229
                inputs = [(f"-ip{version}", bytes([order.index(raw)]) + packet),
                          ("-eth", bytes([order.index(1)]) + ethernet_wrapped(version, packet))]
            for suffix, content in inputs:
                digest = hashlib.sha1(content).digest()
                if digest in seen:
                    duplicates += 1
                    continue
                seen.add(digest)
                with open(os.path.join(args.out, f"{stem}.r{number}{suffix}"), "wb") as f:
                    f.write(content)
                count += 1
        written += count
        print(f"  {path}: {len(recs)} records, {count} new")
    print(f"extract_seeds: {written} written, {duplicates} duplicates, {skipped} of other link types")


if __name__ == "__main__":
    main()
