// Kernel interfaces the live node uses that Glibc's module map leaves out.
#include <sys/types.h>
#include <sys/socket.h>
#include <sys/signalfd.h>
#include <sys/timerfd.h>
#include <net/if.h>
#include <netinet/in.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <linux/if_addr.h>
#include <linux/if_link.h>
#include <linux/if_packet.h>
#include <linux/if_ether.h>
#include <linux/filter.h>

// struct in6_pktinfo (RFC 3542), which glibc only declares under _GNU_SOURCE.
struct vrrpdump_in6_pktinfo {
    struct in6_addr ipi6_addr;
    unsigned int ipi6_ifindex;
};
