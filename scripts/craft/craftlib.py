"""Shared helpers for the vrrpdump test-data generators.

Everything here is deterministic: no clocks, no randomness, fixed addresses.
Packets are built either with scapy (headers) or by hand with struct (VRRP,
CARP and AH payloads, so that checksums are under our control).  Capture files
are written by hand with struct so that byte order, timestamp resolution and
link type are exactly what the test needs.
"""

import hashlib
import hmac
import ipaddress
import struct

# 2026-01-01T00:00:00Z
T0 = 1767225600

# Documentation MAC range (RFC 7042 §2.1.2): 00:00:5e:00:53:00-ff.
def doc_mac(n):
    return "00:00:5e:00:53:%02x" % n

def vmac4(vrid):
    return "00:00:5e:00:01:%02x" % vrid

def vmac6(vrid):
    return "00:00:5e:00:02:%02x" % vrid

MCAST4_MAC = "01:00:5e:00:00:12"
MCAST6_MAC = "33:33:00:00:00:12"
ALLNODES_MAC = "33:33:00:00:00:01"
BCAST = "ff:ff:ff:ff:ff:ff"
VRRP_GROUP4 = "224.0.0.18"
VRRP_GROUP6 = "ff02::12"

# Link types
LINKTYPE_ETHERNET = 1
LINKTYPE_RAW = 101
LINKTYPE_LINUX_SLL = 113
LINKTYPE_USER0 = 147
LINKTYPE_LINUX_SLL2 = 276


def mac_bytes(mac):
    return bytes(int(x, 16) for x in mac.split(":"))


def ip4(a):
    return ipaddress.IPv4Address(a).packed


def ip6(a):
    return ipaddress.IPv6Address(a).packed


# ---------------------------------------------------------------- checksums

def csum(data):
    """RFC 1071 internet checksum (one's complement of one's complement sum)."""
    if len(data) % 2:
        data += b"\x00"
    s = sum(struct.unpack("!%dH" % (len(data) // 2), data))
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return (~s) & 0xFFFF


def pseudo4(src, dst, proto, length):
    return ip4(src) + ip4(dst) + struct.pack("!BBH", 0, proto, length)


def pseudo6(src, dst, nh, length):
    return ip6(src) + ip6(dst) + struct.pack("!I3xB", length, nh)


def set_cksum(payload, off, value):
    return payload[:off] + struct.pack("!H", value) + payload[off + 2:]


# ---------------------------------------------------------------- VRRP payloads

def vrrp2(vrid, prio, addrs, adv=1, auth_type=0, auth=b"", typ=1, version=2,
          count=None, cksum="ok", extra=b""):
    """VRRPv2 (RFC 3768) message.  cksum: "ok" (plain, correct), an int
    (written as is), or "bad" (correct value XOR 0x0101)."""
    if count is None:
        count = len(addrs)
    body = struct.pack("!BBBBBBH", (version << 4) | typ, vrid, prio, count,
                       auth_type, adv, 0)
    body += b"".join(ip4(a) for a in addrs)
    body += auth.ljust(8, b"\x00")[:8] if auth is not None else b""
    body += extra
    return _finish(body, csum(body), cksum)


def vrrp3_body(vrid, prio, addrs, adv_cs=100, typ=1, version=3, count=None,
               family=4):
    if count is None:
        count = len(addrs)
    pack = ip4 if family == 4 else ip6
    body = struct.pack("!BBBBHH", (version << 4) | typ, vrid, prio, count,
                       adv_cs & 0x0FFF, 0)
    body += b"".join(pack(a) for a in addrs)
    return body


def vrrp3_v4(src, dst, vrid, prio, addrs, adv_cs=100, form="pseudo",
             typ=1, version=3, count=None, cksum="ok"):
    """VRRPv3 over IPv4.  form: "pseudo" (pseudo-header with dst, RFC 5798),
    "plain" (no pseudo-header, RFC 9568 / Cisco), "pseudo224" (pseudo-header
    with 224.0.0.18 whatever dst is: old keepalived unicast)."""
    body = vrrp3_body(vrid, prio, addrs, adv_cs, typ, version, count, 4)
    if form == "plain":
        c = csum(body)
    elif form == "pseudo":
        c = csum(pseudo4(src, dst, 112, len(body)) + body)
    elif form == "pseudo224":
        c = csum(pseudo4(src, VRRP_GROUP4, 112, len(body)) + body)
    else:
        raise ValueError(form)
    return _finish(body, c, cksum)


def vrrp3_v6(src, dst, vrid, prio, addrs, adv_cs=100, typ=1, version=3,
             count=None, cksum="ok"):
    body = vrrp3_body(vrid, prio, addrs, adv_cs, typ, version, count, 6)
    c = csum(pseudo6(src, dst, 112, len(body)) + body)
    return _finish(body, c, cksum)


def _finish(body, good, cksum):
    if cksum == "ok":
        v = good
    elif cksum == "bad":
        v = good ^ 0x0101
    else:
        v = cksum
    return set_cksum(body, 6, v)


def carp(vhid, advskew, advbase, counter, demote=0, key=b"vrrpdump-carp"):
    """CARP advertisement (OpenBSD/FreeBSD ip_carp.h): 36 bytes.
    version 2, type 1, authlen 7 (counter + HMAC in 32-bit words).  The
    20-byte 'HMAC' is HMAC-SHA1(key, vhid|counter): deterministic, but not
    the real CARP digest (which covers the virtual addresses)."""
    ctr = struct.pack("!Q", counter)
    md = hmac.new(key, bytes([vhid]) + ctr, hashlib.sha1).digest()
    body = struct.pack("!BBBBBBH", 0x21, vhid, advskew, 7, demote, advbase, 0)
    body += ctr + md
    assert len(body) == 36
    return set_cksum(body, 6, csum(body))


# ---------------------------------------------------------------- capture writers

def _split_ts(ts, nano):
    """ts is an int in microseconds (nano=False) or nanoseconds (nano=True)."""
    div = 1_000_000_000 if nano else 1_000_000
    return ts // div, ts % div


def us(seconds_from_t0, extra_us=0):
    """Absolute timestamp in microseconds, seconds_from_t0 may be a float
    with at most microsecond precision (rounded)."""
    return (T0 * 1_000_000) + int(round(seconds_from_t0 * 1_000_000)) + extra_us


def write_pcap(path, records, linktype=LINKTYPE_ETHERNET, snaplen=262144,
               nano=False, big_endian=False):
    """records: list of (timestamp, frame_bytes[, orig_len]).  Timestamps are
    integers in µs, or in ns when nano=True."""
    e = ">" if big_endian else "<"
    magic = 0xA1B23C4D if nano else 0xA1B2C3D4
    out = [struct.pack(e + "IHHiIII", magic, 2, 4, 0, 0, snaplen, linktype)]
    for rec in records:
        ts, data = rec[0], rec[1]
        orig = rec[2] if len(rec) > 2 else len(data)
        sec, frac = _split_ts(ts, nano)
        out.append(struct.pack(e + "IIII", sec, frac, len(data), orig))
        out.append(data)
    with open(path, "wb") as f:
        f.write(b"".join(out))


def _pad4(b):
    return b + b"\x00" * (-len(b) % 4)


def ng_option(code, value):
    return struct.pack("<HH", code, len(value)) + _pad4(value)


def ng_block(btype, body):
    body = _pad4(body)
    total = 12 + len(body)
    return struct.pack("<II", btype, total) + body + struct.pack("<I", total)


def ng_shb(options=b""):
    body = struct.pack("<IHHq", 0x1A2B3C4D, 1, 0, -1)
    if options:
        body += options + ng_option(0, b"")
    return ng_block(0x0A0D0D0A, body)


def ng_idb(linktype, snaplen=262144, name=None, tsresol=None):
    body = struct.pack("<HHI", linktype, 0, snaplen)
    opts = b""
    if name:
        opts += ng_option(2, name.encode())
    if tsresol is not None:
        opts += ng_option(9, bytes([tsresol]))
    if opts:
        body += opts + ng_option(0, b"")
    return ng_block(0x00000001, body)


def ng_epb(ifid, ts_units, data, orig_len=None):
    """ts_units: timestamp as an integer count of the interface's units."""
    if orig_len is None:
        orig_len = len(data)
    body = struct.pack("<IIIII", ifid, (ts_units >> 32) & 0xFFFFFFFF,
                       ts_units & 0xFFFFFFFF, len(data), orig_len) + data
    return ng_block(0x00000006, body)


# ---------------------------------------------------------------- Linux cooked headers

def sll_header(pkttype, ethertype, mac, arphrd=1):
    """LINKTYPE_LINUX_SLL (113): 16 bytes, network byte order."""
    a = mac_bytes(mac) if mac else b""
    return struct.pack("!HHH8sH", pkttype, arphrd, len(a), a.ljust(8, b"\x00"),
                       ethertype)


def sll2_header(ethertype, ifindex, pkttype, mac, arphrd=1):
    """LINKTYPE_LINUX_SLL2 (276): 20 bytes, network byte order."""
    a = mac_bytes(mac) if mac else b""
    return struct.pack("!HHIHBB8s", ethertype, 0, ifindex, arphrd, pkttype,
                       len(a), a.ljust(8, b"\x00"))
