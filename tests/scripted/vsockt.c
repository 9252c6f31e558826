// SPDX-License-Identifier: MIT
/*
 * A guest-side vsock tool for the tests, built like the agent (no C
 * library): copies stdin to a stream socket and the socket to stdout
 * until both ends are done.
 *   vsockt connect CID PORT   connect to CID:PORT
 *   vsockt listen PORT        wait for one connection on PORT
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../../guest/agent/sys.h"

#define SYS_socket 198
#define SYS_bind 200
#define SYS_listen 201
#define SYS_accept 202
#define SYS_connect 203
#define SYS_shutdown 210
#define AF_VSOCK 40
#define SOCK_STREAM 1

struct sockaddr_vm {
	unsigned short svm_family;
	unsigned short svm_reserved1;
	unsigned int svm_port;
	unsigned int svm_cid;
	unsigned char svm_flags;
	unsigned char svm_zero[3];
};

__asm__(".section .text._start\n"
	".global _start\n"
	"_start:\n"
	".option push\n"
	".option norelax\n"
	"	la gp, __global_pointer$\n"
	".option pop\n"
	"	mv a0, sp\n"
	"	andi sp, sp, -16\n"
	"	call vsockt_main\n"
	"1:	j 1b\n");

void *memset(void *d, int c, size_t n)
{
	uint8_t *p = d;

	while (n--)
		*p++ = (uint8_t)c;
	return d;
}

static unsigned long num(const char *s)
{
	unsigned long v = 0;

	while (*s >= '0' && *s <= '9')
		v = v * 10 + (unsigned long)(*s++ - '0');
	return v;
}

static void die(const char *msg)
{
	size_t n = 0;

	while (msg[n])
		n++;
	sys_write(2, msg, n);
	sys_exit(1);
}

static bool pump(int from, int to)
{
	static uint8_t buf[65536];
	long n = sys_read(from, buf, sizeof(buf));

	if (n <= 0)
		return false;
	for (long off = 0; off < n;) {
		long w = sys_write(to, buf + off, (size_t)(n - off));

		if (w <= 0)
			return false;
		off += w;
	}
	return true;
}

void vsockt_main(long *sp);

void vsockt_main(long *sp)
{
	int argc = (int)sp[0];
	char **argv = (char **)(sp + 1);
	struct sockaddr_vm a;
	bool in_open = true, sock_open = true;
	int s;

	memset(&a, 0, sizeof(a));
	a.svm_family = AF_VSOCK;
	s = (int)sys3(SYS_socket, AF_VSOCK, SOCK_STREAM, 0);
	if (s < 0)
		die("vsockt: no vsock socket\n");
	if (argc == 4 && argv[1][0] == 'c') {
		a.svm_cid = (unsigned)num(argv[2]);
		a.svm_port = (unsigned)num(argv[3]);
		if (sys3(SYS_connect, s, &a, sizeof(a)) < 0)
			die("vsockt: connect refused\n");
	} else if (argc == 3 && argv[1][0] == 'l') {
		int c;

		a.svm_cid = 0xffffffffu; /* VMADDR_CID_ANY */
		a.svm_port = (unsigned)num(argv[2]);
		if (sys3(SYS_bind, s, &a, sizeof(a)) < 0 ||
		    sys2(SYS_listen, s, 1) < 0)
			die("vsockt: cannot listen\n");
		sys_write(2, "listening\n", 10);
		c = (int)sys3(SYS_accept, s, 0, 0);
		if (c < 0)
			die("vsockt: accept failed\n");
		s = c;
	} else {
		die("usage: vsockt connect CID PORT | vsockt listen PORT\n");
	}
	while (sock_open) {
		struct pollfd p[2] = {{s, POLLIN, 0}, {0, POLLIN, 0}};

		if (sys5(SYS_ppoll, p, in_open ? 2 : 1, 0, 0, 8) < 0)
			continue;
		if (p[0].revents && !pump(s, 1))
			sock_open = false;
		if (in_open && p[1].revents && !pump(0, s)) {
			in_open = false;
			sys2(SYS_shutdown, s, 1 /* SHUT_WR */);
		}
	}
	sys_exit(0);
}
