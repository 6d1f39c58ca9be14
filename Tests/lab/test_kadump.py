#!/usr/bin/python3
"""kadump (keepalived's own reading of a configuration, compared with vrrpdump --check-config in
vrrpdumpTests.KeepalivedComparisonTests): the parts that need no root — the interfaces a file names and
the normalisation of keepalived 2.2.7's `-d` dump."""
import os
import sys
import tempfile
import unittest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, "scripts"))

from vrrplab import kadump  # noqa: E402

# Lines as keepalived 2.2.7 printed them for a seed-like file (timestamps already stripped).
DUMP = """(/tmp/k.conf: Line 13) Unknown keyword 'interval1'
------< VRRP Topology >------
 VRRP Instance = VI_1
   VRRP Version = 2
   Wantstate = BACKUP
   Interface = eth7
   Using src_ip = 192.0.2.10
   Gratuitous ARP delay = 5
   Gratuitous ARP repeat = 5
   Gratuitous ARP refresh = 0
   Virtual Router ID = 51
   Priority = 100
   Advert interval = 1 sec
   Accept = enabled
   Preempt = disabled
   Authentication type = SIMPLE_PASSWORD
   Password = 1111
   Virtual IP (2):
     192.0.2.223/24 dev eth7 scope global
     192.0.2.224 dev eth7 scope global
   No sockets allocated
   Tracked scripts :
     chk_a weight -20
   Using smtp notification = no
------< VRRP Scripts >------
 VRRP Script = chk_a
   Command = '/usr/bin/true'
   Interval = 2 sec
   Timeout = 0 sec
   Weight = -20
   Rise = 3
   Fall = 2
   Result = 0
------< Interfaces >------
""".splitlines()


class TestKadump(unittest.TestCase):
    def test_normalise(self):
        out = kadump.normalise(DUMP)
        self.assertEqual(out["log"], ["(/tmp/k.conf: Line 13) Unknown keyword 'interval1'"])
        [vi] = out["instances"]
        self.assertEqual((vi["name"], vi["state"], vi["vrid"], vi["priority"], vi["preempt"]), ("VI_1", "BACKUP", 51, 100, False))
        self.assertEqual((vi["authentication"], vi["password"]), ("pass", "1111"))
        self.assertEqual(vi["virtualAddresses"], ["192.0.2.223/24", "192.0.2.224"])
        self.assertEqual(vi["trackScripts"], [{"name": "chk_a", "weight": -20}])
        self.assertEqual(vi["advertIntervalCentiseconds"], 100)
        [script] = out["scripts"]
        self.assertEqual((script["intervalSeconds"], script["weight"], script["rise"], script["fall"]), (2, -20, 3, 2))

    def test_interfaces_named(self):
        with tempfile.NamedTemporaryFile("w", suffix=".conf", delete=False) as f:
            f.write("vrrp_instance V {\n interface eno16777736 # c\n virtual_ipaddress {\n  192.0.2.1 dev eth9\n }\n"
                    " track_interface {\n  eth8 weight 2\n }\n}\n")
        try:
            self.assertEqual(kadump.interfaces_named(f.name), ["eno16777736", "eth9", "eth8"])
        finally:
            os.unlink(f.name)


if __name__ == "__main__":
    unittest.main()
