"""vrrplab: keepalived/VRRP scenario lab in Linux network namespaces.

Modules (one concept each):
  util       - logging, subprocess helpers, JSON writers
  registry   - tracking of namespaces/PIDs this harness created; `lab cleanup`
  topology   - namespaces, bridge, veths, addresses
  keepalived - config rendering and keepalived process control
  capture    - tcpdump / vrrpdump capture in the observer namespace
  actions    - the action log and injections (nftables, TCP check listeners)
  runner     - a scenario run: ties the above together, records expectations
  scenarios  - the scenario corpus
  verify     - check a run directory: keepalived logs and the pcap vs. expectations
  cli        - argument parsing
"""
