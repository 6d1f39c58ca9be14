"""Namespaces, the bridge "switch", veth ports and addresses.

  switch ns (vdlab-<id>-sw): bridge br0, ports p-r1, p-r2, ..., p-obs
  router ns (vdlab-<id>-r1): eth0 <-> p-r1, fixed MAC, 192.0.2.x/24, 2001:db8::x/64 + link-local
  observer ns (vdlab-<id>-obs): eth0 <-> p-obs, no addresses, IPv6 off: a silent sniffer port

Only documentation prefixes are used (192.0.2.0/24, 2001:db8::/32, fe80::/64).
"""
from dataclasses import dataclass

from .util import PREFIX, log, mac_to_linklocal, nsrun, run


@dataclass
class Host:
    name: str          # r1, r2, ..., obs
    ip4: str = None    # 192.0.2.111
    ip6: str = None    # 2001:db8::111
    mac: str = None    # 02:00:00:00:00:11

    @property
    def linklocal(self):
        return mac_to_linklocal(self.mac)


# Address plan (mirrors the seed's .111 / .199 / .223)
HOSTS = {
    "r1": Host("r1", "192.0.2.111", "2001:db8::111", "02:00:00:00:00:11"),
    "r2": Host("r2", "192.0.2.199", "2001:db8::199", "02:00:00:00:00:22"),
    "r3": Host("r3", "192.0.2.150", "2001:db8::150", "02:00:00:00:00:33"),
}
OBS = Host("obs", None, None, "02:00:00:00:00:fe")

SYSCTL_COMMON = [
    "net.ipv6.conf.all.accept_dad=0",
    "net.ipv6.conf.default.accept_dad=0",
    "net.ipv6.conf.all.router_solicitations=0",
    "net.ipv6.conf.default.router_solicitations=0",
    "net.ipv6.conf.all.accept_ra=0",
    "net.ipv6.conf.default.accept_ra=0",
]


class Topology:
    def __init__(self, run_id, registry, router_names):
        self.run_id = run_id
        self.registry = registry
        self.router_names = list(router_names)
        self.switch_ns = self.ns("sw")
        self.obs_ns = self.ns("obs")
        self.created = []

    def ns(self, short):
        return f"{PREFIX}{self.run_id}-{short}"

    def router_ns(self, name):
        return self.ns(name)

    @staticmethod
    def port(name):
        return f"p-{name}"

    def _add_ns(self, ns):
        run(["ip", "netns", "add", ns])
        self.registry.add_ns(ns)
        self.created.append(ns)
        for s in SYSCTL_COMMON:
            nsrun(ns, ["sysctl", "-q", "-w", s], check=False)
        nsrun(ns, ["ip", "link", "set", "lo", "up"])

    def setup(self):
        log(f"creating topology {self.switch_ns} + {len(self.router_names)} routers + observer")
        sw = self.switch_ns
        self._add_ns(sw)
        # the switch itself never speaks IPv6 (no MLD/RS noise from the bridge)
        nsrun(sw, ["sysctl", "-q", "-w", "net.ipv6.conf.default.disable_ipv6=1"], check=False)
        nsrun(sw, ["sysctl", "-q", "-w", "net.ipv6.conf.all.disable_ipv6=1"], check=False)
        nsrun(sw, ["ip", "link", "add", "br0", "type", "bridge", "stp_state", "0",
                   "forward_delay", "0", "mcast_snooping", "0"])
        nsrun(sw, ["ip", "link", "set", "br0", "address", "02:00:00:00:00:fd", "up"])
        for name in self.router_names:
            self._attach(HOSTS[name], self.router_ns(name))
        self._attach(OBS, self.obs_ns, observer=True)

    def _attach(self, host, ns, observer=False):
        sw = self.switch_ns
        self._add_ns(ns)
        if observer:
            nsrun(ns, ["sysctl", "-q", "-w", "net.ipv6.conf.default.disable_ipv6=1"], check=False)
            nsrun(ns, ["sysctl", "-q", "-w", "net.ipv6.conf.all.disable_ipv6=1"], check=False)
            # no IPv4 address either: ARP requests are never answered
            nsrun(ns, ["sysctl", "-q", "-w", "net.ipv4.conf.all.arp_ignore=8"], check=False)
        port = self.port(host.name)
        nsrun(sw, ["ip", "link", "add", port, "type", "veth", "peer", "name", "eth0", "netns", ns])
        last = host.mac.split(":")[-1]
        nsrun(sw, ["ip", "link", "set", port, "address", f"02:00:00:00:01:{last}"])
        nsrun(sw, ["ip", "link", "set", port, "master", "br0", "up"])
        nsrun(ns, ["ip", "link", "set", "eth0", "address", host.mac])
        if not observer:
            for s in ("accept_dad=0", "router_solicitations=0"):
                nsrun(ns, ["sysctl", "-q", "-w", f"net.ipv6.conf.eth0.{s}"], check=False)
            nsrun(ns, ["ip", "addr", "add", f"{host.ip4}/24", "dev", "eth0"])
            nsrun(ns, ["ip", "-6", "addr", "add", f"{host.ip6}/64", "dev", "eth0", "nodad"])
        nsrun(ns, ["ip", "link", "set", "eth0", "up"])

    def teardown(self):
        from .registry import delete_ns
        for ns in reversed(self.created):
            delete_ns(ns, grace=2.0)
            self.registry.remove_ns(ns)
        self.created = []
