// SPDX-License-Identifier: MIT
/*
 * Unit tests for net/slirp.c: the --net user option, and a real libslirp
 * on the loop answering frames built by hand (ARP, DHCP, UDP through a
 * host socket, host forwarding, restrict=on), as a guest would see it.
 */
#include "net/net.h"

#include <errno.h>
#include <uv.h>
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "base/loop.h"

static int failures;

static void check(bool cond, const char *name, const char *why)
{
	if (cond) {
		printf("ok %s\n", name);
	} else {
		printf("FAIL %s: %s\n", name, why);
		failures++;
	}
}

/* ---- Option parsing ---- */

static void test_parse(void)
{
	struct net_slirp_config c;
	struct net_config nc;
	char err[256];
	struct in_addr lo;
	int ret;

	inet_pton(AF_INET, "127.0.0.1", &lo);

	ret = net_slirp_parse("user", &c, err, sizeof(err));
	check(ret == 0 && c.n_fwd == 0 && !c.restricted, "parse_user",
	      "plain 'user' refused or not empty");

	ret = net_slirp_parse("user,hostfwd=tcp::8080-:80", &c, err,
			      sizeof(err));
	check(ret == 0 && c.n_fwd == 1 && !c.fwd[0].udp &&
		      c.fwd[0].host_addr.s_addr == INADDR_ANY &&
		      c.fwd[0].host_port == 8080 &&
		      c.fwd[0].guest_addr.s_addr == 0 &&
		      c.fwd[0].guest_port == 80,
	      "parse_hostfwd_tcp", "tcp::8080-:80 misparsed");

	ret = net_slirp_parse("user,hostfwd=tcp:127.0.0.1:8080-:80,"
			      "hostfwd=udp::5353-10.0.2.15:53,restrict=on",
			      &c, err, sizeof(err));
	check(ret == 0 && c.n_fwd == 2 && c.restricted &&
		      c.fwd[0].host_addr.s_addr == lo.s_addr && c.fwd[1].udp &&
		      c.fwd[1].host_port == 5353 &&
		      c.fwd[1].guest_addr.s_addr == htonl(0x0a00020f) &&
		      c.fwd[1].guest_port == 53,
	      "parse_hostfwd_several", "two rules + restrict misparsed");

	ret = net_slirp_parse("user,hostfwd=::2222-:22", &c, err, sizeof(err));
	check(ret == 0 && c.n_fwd == 1 && !c.fwd[0].udp &&
		      c.fwd[0].host_port == 2222,
	      "parse_hostfwd_default_proto", "protocol should default to tcp");

	static const char *const bad[] = {
		"user,hostfwd=tcp::0-:80",
		"user,hostfwd=tcp::70000-:80",
		"user,hostfwd=sctp::1-:2",
		"user,hostfwd=tcp::80",
		"user,hostfwd=tcp:300.1.1.1:80-:80",
		"user,hostfwd=tcp::80-:x",
		"user,foo=bar",
		"user,restrict=maybe",
		"user,restrict",
		"usr",
	};
	bool all = true;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		err[0] = 0;
		ret = net_slirp_parse(bad[i], &c, err, sizeof(err));
		if (ret != -EINVAL || strncmp(err, "--net", 5) != 0 ||
		    strchr(err, '\n')) {
			printf("# accepted or bad message: %s -> %d '%s'\n",
			       bad[i], ret, err);
			all = false;
		}
	}
	check(all, "parse_errors", "a bad option was accepted");

	ret = net_parse("tap,ifname=tap0", &nc, err, sizeof(err));
	check(ret == 0 && nc.kind == NET_TAP &&
		      strcmp(nc.tap.ifname, "tap0") == 0,
	      "parse_tap", "tap,ifname=tap0 misparsed");
	ret = net_parse("tap", &nc, err, sizeof(err));
	check(ret == -EINVAL && strncmp(err, "--net", 5) == 0,
	      "parse_tap_noname", "tap without ifname accepted");
	ret = net_parse("user,restrict=off", &nc, err, sizeof(err));
	check(ret == 0 && nc.kind == NET_USER && !nc.user.restricted,
	      "parse_net_user", "net_parse of user failed");
	ret = net_parse("none", &nc, err, sizeof(err));
	check(ret == 0 && nc.kind == NET_NONE, "parse_net_none",
	      "'none' refused");
	ret = net_parse("vde", &nc, err, sizeof(err));
	check(ret == -EINVAL && strncmp(err, "--net", 5) == 0,
	      "parse_net_unknown", "unknown type accepted");
}

/* ---- Frames ---- */

static const uint8_t guest_mac[6] = {0x52, 0x54, 0x00, 0x12, 0x34, 0x56};
#define GUEST_IP 0x0a00020fu /* 10.0.2.15 */
#define HOST_IP 0x0a000202u  /* 10.0.2.2 */

struct rx {
	struct loop *l;
	uint8_t frames[16][2048];
	size_t lens[16];
	unsigned n;
	bool (*want)(struct rx *r, const uint8_t *f, size_t len);
	bool got;
	struct net_backend *be; /* to answer ARP requests for the guest */
};

static void put16(uint8_t *p, uint16_t v)
{
	p[0] = v >> 8;
	p[1] = (uint8_t)v;
}

static void put32(uint8_t *p, uint32_t v)
{
	put16(p, v >> 16);
	put16(p + 2, (uint16_t)v);
}

static uint16_t get16(const uint8_t *p)
{
	return (uint16_t)(p[0] << 8 | p[1]);
}

static uint32_t get32(const uint8_t *p)
{
	return (uint32_t)get16(p) << 16 | get16(p + 2);
}

static uint16_t ip_csum(const uint8_t *p, size_t len)
{
	uint32_t sum = 0;

	for (size_t i = 0; i + 1 < len; i += 2)
		sum += get16(p + i);
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return (uint16_t)~sum;
}

static size_t build_arp(uint8_t *f, uint16_t op, const uint8_t *dst_mac,
			uint32_t sip, const uint8_t *tha, uint32_t tip)
{
	memcpy(f, dst_mac, 6);
	memcpy(f + 6, guest_mac, 6);
	put16(f + 12, 0x0806);
	put16(f + 14, 1);
	put16(f + 16, 0x0800);
	f[18] = 6;
	f[19] = 4;
	put16(f + 20, op);
	memcpy(f + 22, guest_mac, 6);
	put32(f + 28, sip);
	memcpy(f + 32, tha, 6);
	put32(f + 38, tip);
	return 42;
}

/* Ethernet + IPv4 + UDP around @payload; UDP checksum left 0 (none). */
static size_t build_udp(uint8_t *f, const uint8_t *dst_mac, uint32_t src,
			uint32_t dst, uint16_t sport, uint16_t dport,
			const void *payload, size_t plen)
{
	uint8_t *ip = f + 14, *udp = ip + 20;

	memcpy(f, dst_mac, 6);
	memcpy(f + 6, guest_mac, 6);
	put16(f + 12, 0x0800);
	memset(ip, 0, 20);
	ip[0] = 0x45;
	put16(ip + 2, (uint16_t)(28 + plen));
	put16(ip + 4, 0x1234);
	ip[8] = 64;
	ip[9] = 17;
	put32(ip + 12, src);
	put32(ip + 16, dst);
	put16(ip + 10, ip_csum(ip, 20));
	put16(udp, sport);
	put16(udp + 2, dport);
	put16(udp + 4, (uint16_t)(8 + plen));
	put16(udp + 6, 0);
	memcpy(udp + 8, payload, plen);
	return 14 + 28 + plen;
}

static int send_frame(struct net_backend *be, const void *f, size_t len)
{
	struct iovec iov[2] = {
		{.iov_base = (void *)f, .iov_len = 10},
		{.iov_base = (uint8_t *)f + 10, .iov_len = len - 10},
	};

	return net_send(be, iov, 2); /* gathered, as from a chain */
}

static bool rx_receive(void *opaque, const void *frame, size_t len)
{
	struct rx *r = opaque;
	const uint8_t *f = frame;
	static const uint8_t bcast[6] = {0xff, 0xff, 0xff, 0xff, 0xff, 0xff};

	/* slirp asks who has the guest's address before sending to it. */
	if (r->be && len >= 42 && get16(f + 12) == 0x0806 &&
	    get16(f + 20) == 1 && get32(f + 38) == GUEST_IP) {
		uint8_t reply[64];
		size_t n = build_arp(reply, 2, f + 6, GUEST_IP, f + 22,
				     get32(f + 28));

		send_frame(r->be, reply, n);
		(void)bcast;
		return true;
	}
	if (r->n < 16 && len <= sizeof(r->frames[0])) {
		memcpy(r->frames[r->n], frame, len);
		r->lens[r->n] = len;
		r->n++;
	}
	if (r->want && r->want(r, frame, len)) {
		r->got = true;
		uv_stop(loop_uv(r->l));
	}
	return true;
}

static void watchdog_cb(uv_timer_t *t)
{
	uv_stop(t->loop);
}

/* Runs the loop until the awaited frame came or @ms passed. */
static bool run_until(struct rx *r, unsigned ms)
{
	uv_timer_t t;

	r->got = false;
	uv_timer_init(loop_uv(r->l), &t);
	uv_timer_start(&t, watchdog_cb, ms, 0);
	uv_run(loop_uv(r->l), UV_RUN_DEFAULT);
	uv_timer_stop(&t);
	uv_close((uv_handle_t *)&t, NULL);
	uv_run(loop_uv(r->l), UV_RUN_NOWAIT);
	return r->got;
}

static bool want_arp_reply(struct rx *r, const uint8_t *f, size_t len)
{
	return len >= 42 && get16(f + 12) == 0x0806 && get16(f + 20) == 2;
}

static bool want_dhcp(struct rx *r, const uint8_t *f, size_t len)
{
	return len >= 14 + 28 + 240 && get16(f + 12) == 0x0800 && f[23] == 17 &&
	       get16(f + 34) == 67 && get16(f + 36) == 68;
}

static uint16_t udp_wait_port;

static bool want_udp(struct rx *r, const uint8_t *f, size_t len)
{
	return len >= 14 + 28 && get16(f + 12) == 0x0800 && f[23] == 17 &&
	       get16(f + 36) == udp_wait_port;
}

/* The value of DHCP option @code in the BOOTP packet at @b, or NULL. */
static const uint8_t *dhcp_opt(const uint8_t *b, size_t len, uint8_t code,
			       uint8_t *olen)
{
	size_t i = 240;

	while (i + 2 <= len && b[i] != 255) {
		if (b[i] == 0) {
			i++;
			continue;
		}
		if (i + 2 + b[i + 1] > len)
			break;
		if (b[i] == code) {
			*olen = b[i + 1];
			return b + i + 2;
		}
		i += 2 + (size_t)b[i + 1];
	}
	return NULL;
}

static int host_udp_socket(uint16_t *port)
{
	struct sockaddr_in a = {.sin_family = AF_INET};
	socklen_t alen = sizeof(a);
	int s = socket(AF_INET, SOCK_DGRAM | SOCK_NONBLOCK, 0);

	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (s < 0 || bind(s, (struct sockaddr *)&a, sizeof(a)) ||
	    getsockname(s, (struct sockaddr *)&a, &alen)) {
		perror("socket");
		exit(1);
	}
	*port = ntohs(a.sin_port);
	return s;
}

/* The host side of the UDP test: echo "pong" to whatever arrives. */
struct echo {
	uv_poll_t poll;
	int fd;
	unsigned got;
	char last[64];
};

static void echo_cb(uv_poll_t *p, int status, int events)
{
	struct echo *e = p->data;
	struct sockaddr_in from;
	socklen_t flen = sizeof(from);
	ssize_t n;

	n = recvfrom(e->fd, e->last, sizeof(e->last) - 1, 0,
		     (struct sockaddr *)&from, &flen);
	if (n < 0)
		return;
	e->last[n] = 0;
	e->got++;
	sendto(e->fd, "pong", 4, 0, (struct sockaddr *)&from, flen);
}

/* Ethernet + IPv4 + a 20-byte TCP header with @flags, checksummed. */
static size_t build_tcp(uint8_t *f, const uint8_t *dst_mac, uint32_t src,
			uint32_t dst, uint16_t sport, uint16_t dport,
			uint32_t seq, uint8_t flags)
{
	uint8_t *ip = f + 14, *tcp = ip + 20, pseudo[12 + 20];

	memcpy(f, dst_mac, 6);
	memcpy(f + 6, guest_mac, 6);
	put16(f + 12, 0x0800);
	memset(ip, 0, 40);
	ip[0] = 0x45;
	put16(ip + 2, 40);
	put16(ip + 4, 0x4321);
	ip[8] = 64;
	ip[9] = 6;
	put32(ip + 12, src);
	put32(ip + 16, dst);
	put16(ip + 10, ip_csum(ip, 20));
	put16(tcp, sport);
	put16(tcp + 2, dport);
	put32(tcp + 4, seq);
	tcp[12] = 5 << 4;
	tcp[13] = flags;
	put16(tcp + 14, 65535);
	put32(pseudo, src);
	put32(pseudo + 4, dst);
	pseudo[8] = 0;
	pseudo[9] = 6;
	put16(pseudo + 10, 20);
	memcpy(pseudo + 12, tcp, 20);
	put16(tcp + 16, ip_csum(pseudo, sizeof(pseudo)));
	return 54;
}

static uint16_t tcp_wait_port;
static uint8_t tcp_wait_flags;

static bool want_tcp(struct rx *r, const uint8_t *f, size_t len)
{
	return len >= 54 && get16(f + 12) == 0x0800 && f[23] == 6 &&
	       get16(f + 36) == tcp_wait_port && f[47] == tcp_wait_flags;
}

static int host_tcp_listener(uint16_t *port)
{
	struct sockaddr_in a = {.sin_family = AF_INET};
	socklen_t alen = sizeof(a);
	int s = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);

	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (s < 0 || bind(s, (struct sockaddr *)&a, sizeof(a)) ||
	    listen(s, 4) || getsockname(s, (struct sockaddr *)&a, &alen)) {
		perror("socket");
		exit(1);
	}
	*port = ntohs(a.sin_port);
	return s;
}

static void test_live(void)
{
	static const uint8_t bcast[6] = {0xff, 0xff, 0xff, 0xff, 0xff, 0xff};
	static const uint8_t zero[6] = {0};
	static const uint8_t slirp_mac[6] = {0x52, 0x55, 0x0a,
					     0x00, 0x02, 0x02};
	struct net_slirp_config cfg;
	struct net_backend *be;
	struct loop l;
	struct rx *r = calloc(1, sizeof(*r));
	struct net_frontend fe = {.receive = rx_receive, .opaque = r};
	uint8_t f[600];
	char err[256];
	size_t n;
	int ret;

	if (loop_init(&l)) {
		check(false, "slirp_create", "loop_init failed");
		return;
	}
	r->l = &l;
	net_slirp_parse("user", &cfg, err, sizeof(err));
	ret = net_slirp_create(&be, &l, &cfg, err, sizeof(err));
	check(ret == 0, "slirp_create", err);
	if (ret)
		goto out;
	net_attach(be, &fe);

	/* ARP: who has 10.0.2.2? */
	n = build_arp(f, 1, bcast, GUEST_IP, zero, HOST_IP);
	r->want = want_arp_reply;
	ret = send_frame(be, f, n);
	if (ret == 0 && run_until(r, 2000)) {
		const uint8_t *a = r->frames[r->n - 1];
		bool good = memcmp(a, guest_mac, 6) == 0 &&
			    get16(a + 14) == 1 && get16(a + 16) == 0x0800 &&
			    memcmp(a + 22, slirp_mac, 6) == 0 &&
			    get32(a + 28) == HOST_IP &&
			    memcmp(a + 32, guest_mac, 6) == 0 &&
			    get32(a + 38) == GUEST_IP;
		check(good, "slirp_arp_reply",
		      "reply fields differ from 10.0.2.2 is-at "
		      "52:55:0a:00:02:02");
	} else {
		check(false, "slirp_arp_reply", "no ARP reply within 2 s");
	}

	/* DHCP DISCOVER from 0.0.0.0: expect an OFFER of 10.0.2.15. */
	{
		uint8_t b[300] = {0};
		uint8_t olen = 0;
		const uint8_t *o;

		b[0] = 1; /* BOOTREQUEST */
		b[1] = 1;
		b[2] = 6;
		put32(b + 4, 0xdeadbeef);
		put16(b + 10, 0x8000); /* broadcast reply */
		memcpy(b + 28, guest_mac, 6);
		put32(b + 236, 0x63825363);
		b[240] = 53;
		b[241] = 1;
		b[242] = 1; /* DHCPDISCOVER */
		b[243] = 255;
		n = build_udp(f, bcast, 0, 0xffffffffu, 68, 67, b, 300);
		r->want = want_dhcp;
		r->n = 0;
		send_frame(be, f, n);
		if (run_until(r, 2000)) {
			const uint8_t *p = r->frames[r->n - 1];
			const uint8_t *bp = p + 42;
			size_t blen = r->lens[r->n - 1] - 42;
			bool good = bp[0] == 2 && get32(bp + 4) == 0xdeadbeef &&
				    get32(bp + 16) == GUEST_IP &&
				    memcmp(bp + 28, guest_mac, 6) == 0;

			o = dhcp_opt(bp, blen, 53, &olen);
			good = good && o && olen == 1 && o[0] == 2;
			o = dhcp_opt(bp, blen, 54, &olen);
			good = good && o && olen == 4 && get32(o) == HOST_IP;
			o = dhcp_opt(bp, blen, 3, &olen); /* router */
			good = good && o && olen >= 4 && get32(o) == HOST_IP;
			o = dhcp_opt(bp, blen, 6, &olen); /* DNS */
			good = good && o && olen >= 4 &&
			       get32(o) == 0x0a000203u;
			check(good, "slirp_dhcp_offer",
			      "OFFER lacks yiaddr 10.0.2.15, server/router "
			      "10.0.2.2 or DNS 10.0.2.3");
		} else {
			check(false, "slirp_dhcp_offer",
			      "no DHCP reply within 2 s");
		}
	}

	/* UDP to 10.0.2.2 reaches the host's loopback and back. */
	{
		struct echo e = {0};
		uint16_t port;

		e.fd = host_udp_socket(&port);
		uv_poll_init(loop_uv(&l), &e.poll, e.fd);
		e.poll.data = &e;
		uv_poll_start(&e.poll, UV_READABLE, echo_cb);
		n = build_udp(f, slirp_mac, GUEST_IP, HOST_IP, 40000, port,
			      "ping", 4);
		udp_wait_port = 40000;
		r->want = want_udp;
		r->n = 0;
		r->be = be;
		send_frame(be, f, n);
		if (run_until(r, 3000)) {
			const uint8_t *p = r->frames[r->n - 1];

			check(e.got == 1 && strcmp(e.last, "ping") == 0 &&
				      get32(p + 26) == HOST_IP &&
				      get32(p + 30) == GUEST_IP &&
				      get16(p + 34) == port &&
				      r->lens[r->n - 1] >= 46 &&
				      memcmp(p + 42, "pong", 4) == 0,
			      "slirp_udp_roundtrip",
			      "reply not from 10.0.2.2:port or not 'pong'");
		} else {
			check(false, "slirp_udp_roundtrip",
			      e.got ? "host got ping, guest no pong"
				    : "host socket got nothing");
		}
		uv_close((uv_handle_t *)&e.poll, NULL);
		uv_run(loop_uv(&l), UV_RUN_NOWAIT);
		close(e.fd);
	}
	/* A TCP SYN to 10.0.2.2 becomes a host connection, then SYN-ACK. */
	{
		uint16_t port;
		int ls = host_tcp_listener(&port), cs;

		n = build_tcp(f, slirp_mac, GUEST_IP, HOST_IP, 40002, port,
			      1000, 0x02);
		tcp_wait_port = 40002;
		tcp_wait_flags = 0x12;
		r->want = want_tcp;
		r->n = 0;
		send_frame(be, f, n);
		if (run_until(r, 3000)) {
			const uint8_t *p = r->frames[r->n - 1];

			cs = accept(ls, NULL, NULL);
			check(get32(p + 26) == HOST_IP &&
				      get16(p + 34) == port &&
				      get32(p + 42) == 1001 && cs >= 0,
			      "slirp_tcp_connect",
			      "SYN-ACK not acking 1001 or no host connection");
			if (cs >= 0)
				close(cs);
		} else {
			check(false, "slirp_tcp_connect",
			      "no SYN-ACK within 3 s");
		}
		close(ls);
	}
	net_destroy(be);

	/* restrict=on with a UDP forward: in works, out is refused. */
	{
		struct echo e = {0};
		uint16_t port, fport, tport;
		int hs, s, ts;
		struct sockaddr_in a = {.sin_family = AF_INET};
		char opt[128];

		e.fd = host_udp_socket(&port);
		/* A free port for the forward: bind, learn, release. */
		hs = host_udp_socket(&fport);
		close(hs);
		hs = host_tcp_listener(&tport);
		close(hs);
		snprintf(opt, sizeof(opt),
			 "user,restrict=on,hostfwd=udp:127.0.0.1:%u-:5555,"
			 "hostfwd=tcp:127.0.0.1:%u-:22",
			 fport, tport);
		ret = net_slirp_parse(opt, &cfg, err, sizeof(err));
		if (!ret)
			ret = net_slirp_create(&be, &l, &cfg, err, sizeof(err));
		check(ret == 0, "slirp_create_restricted", err);
		if (ret) {
			close(e.fd);
			goto out;
		}
		net_attach(be, &fe);
		r->be = be;
		uv_poll_init(loop_uv(&l), &e.poll, e.fd);
		e.poll.data = &e;
		uv_poll_start(&e.poll, UV_READABLE, echo_cb);

		/* Host -> 127.0.0.1:fport -> guest 10.0.2.15:5555. */
		s = socket(AF_INET, SOCK_DGRAM, 0);
		a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
		a.sin_port = htons(fport);
		sendto(s, "fwd!", 4, 0, (struct sockaddr *)&a, sizeof(a));
		udp_wait_port = 5555;
		r->want = want_udp;
		r->n = 0;
		if (run_until(r, 3000)) {
			const uint8_t *p = r->frames[r->n - 1];

			check(get32(p + 30) == GUEST_IP &&
				      memcmp(p, guest_mac, 6) == 0 &&
				      r->lens[r->n - 1] >= 46 &&
				      memcmp(p + 42, "fwd!", 4) == 0,
			      "slirp_hostfwd_udp",
			      "forwarded datagram malformed");
		} else {
			check(false, "slirp_hostfwd_udp",
			      "nothing forwarded within 3 s");
		}
		close(s);

		/* Host connects to 127.0.0.1:tport: the guest gets a SYN. */
		ts = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
		a.sin_port = htons(tport);
		connect(ts, (struct sockaddr *)&a, sizeof(a));
		tcp_wait_port = 22;
		tcp_wait_flags = 0x02;
		r->want = want_tcp;
		r->n = 0;
		if (run_until(r, 3000)) {
			const uint8_t *p = r->frames[r->n - 1];

			check(get32(p + 30) == GUEST_IP && get16(p + 36) == 22,
			      "slirp_hostfwd_tcp", "SYN not for 10.0.2.15:22");
		} else {
			check(false, "slirp_hostfwd_tcp",
			      "no SYN to the guest within 3 s");
		}
		close(ts);

		n = build_udp(f, slirp_mac, GUEST_IP, HOST_IP, 40001, port,
			      "ping", 4);
		udp_wait_port = 40001;
		r->n = 0;
		send_frame(be, f, n);
		run_until(r, 400);
		check(e.got == 0, "slirp_restrict_blocks",
		      "a restricted guest reached a host socket");
		uv_close((uv_handle_t *)&e.poll, NULL);
		uv_run(loop_uv(&l), UV_RUN_NOWAIT);
		close(e.fd);
		net_destroy(be);
	}

out:
	loop_destroy(&l);
	free(r);
}

int main(void)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	test_parse();
	test_live();
	return failures ? 1 : 0;
}
