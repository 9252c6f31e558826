// SPDX-License-Identifier: MIT
/*
 * hvrun's guest agent: runs one command for `hvrun --run` and passes its
 * input, output and exit status over a virtio-console port (proto.h).
 *
 * hvrun appends the agent to the guest's initramfs and boots with
 * rdinit= naming it, so the kernel starts it as process 1. It forks at
 * once: process 1 goes on to exec the guest's own init (what rdinit= was,
 * /init by default), and the child does the work, so the guest boots as
 * it always does. The child mounts what the command will want if init
 * has not yet (/proc, /sys, /dev), opens the port, mounts the shares
 * hvrun names, runs the command with /bin/sh -c in a session of its own
 * and reports its status once it has ended and the file systems are
 * synced.
 *
 * It is built without a C library (sys.h), static, for any riscv64
 * Linux kernel with virtio-console.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "proto.h"
#include "sys.h"

__asm__(".section .text._start\n"
	".global _start\n"
	"_start:\n"
	".option push\n"
	".option norelax\n"
	"	la gp, __global_pointer$\n"
	".option pop\n"
	"	mv a0, sp\n"
	"	andi sp, sp, -16\n"
	"	call agent_start\n"
	"1:	j 1b\n");

/* What the compiler may call for struct copies and zeroing. */
void *memcpy(void *d, const void *s, size_t n)
{
	uint8_t *dp = d;
	const uint8_t *sp = s;

	while (n--)
		*dp++ = *sp++;
	return d;
}

void *memmove(void *d, const void *s, size_t n)
{
	uint8_t *dp = d;
	const uint8_t *sp = s;

	if (dp < sp)
		return memcpy(d, s, n);
	while (n--)
		dp[n] = sp[n];
	return d;
}

void *memset(void *d, int c, size_t n)
{
	uint8_t *dp = d;

	while (n--)
		*dp++ = (uint8_t)c;
	return d;
}

static size_t slen(const char *s)
{
	size_t n = 0;

	while (s[n])
		n++;
	return n;
}

static bool starts(const char *s, const char *prefix)
{
	while (*prefix)
		if (*s++ != *prefix++)
			return false;
	return true;
}

static bool same(const char *a, const char *b)
{
	while (*a && *a == *b)
		a++, b++;
	return *a == *b;
}

/* Appends @s to @buf (of @cap bytes, kept NUL-terminated). */
static void cat(char *buf, size_t cap, const char *s)
{
	size_t n = slen(buf);

	while (*s && n + 1 < cap)
		buf[n++] = *s++;
	buf[n] = 0;
}

static void cat_num(char *buf, size_t cap, long v)
{
	char d[24];
	int i = sizeof(d) - 1;
	bool neg = v < 0;
	unsigned long u = neg ? -(unsigned long)v : (unsigned long)v;

	d[i] = 0;
	do
		d[--i] = (char)('0' + u % 10);
	while ((u /= 10) && i > 1);
	if (neg)
		d[--i] = '-';
	cat(buf, cap, d + i);
}

static const char *errname(long err)
{
	switch (-err) {
	case 1:
		return "operation not permitted";
	case 2:
		return "no such file or directory";
	case 13:
		return "permission denied";
	case 16:
		return "device or resource busy";
	case 19:
		return "no such device (is 9p in the guest kernel?)";
	case 20:
		return "not a directory";
	case 22:
		return "invalid argument";
	default:
		return "error";
	}
}

/* A line on the console, for whoever reads the guest's log. */
static void say(const char *a, const char *b)
{
	char line[256] = "hvrun-agent: ";

	cat(line, sizeof(line), a);
	cat(line, sizeof(line), b);
	cat(line, sizeof(line), "\n");
	sys_write(2, line, slen(line));
}

static bool write_all(int fd, const void *buf, size_t len)
{
	const uint8_t *p = buf;

	while (len) {
		long n = sys_write(fd, p, len);

		if (n == -EINTR)
			continue;
		if (n == -EAGAIN) {
			struct pollfd pfd = {fd, POLLOUT, 0};

			sys5(SYS_ppoll, &pfd, 1, 0, 0, 8);
			continue;
		}
		if (n <= 0)
			return false;
		p += n;
		len -= (size_t)n;
	}
	return true;
}

static void nap_ms(long ms)
{
	struct timespec t = {0, ms * 1000000};

	sys2(SYS_nanosleep, &t, 0);
}

struct agent {
	int port;
	char **envp;
	/* From hvrun: frames being put together. */
	uint8_t in[AGENT_HDR + AGENT_MAX_PAYLOAD];
	size_t in_len;
	/* A STDIN payload the command has not taken yet: in[off..end). */
	size_t stdin_off, stdin_end;
	bool stdin_pending;
	/* The command. */
	int pid;
	int sin, sout, serr, sigfd;
	bool exited;
	int status;
	/* To hvrun: one frame at a time. */
	uint8_t out[AGENT_HDR + 16384];
};

static void send_frame(struct agent *a, unsigned type, const void *data,
		       size_t len)
{
	uint8_t *f = a->out;

	if (len > sizeof(a->out) - AGENT_HDR)
		len = sizeof(a->out) - AGENT_HDR;
	agent_put_hdr(f, type, (uint32_t)len);
	memcpy(f + AGENT_HDR, data, len);
	write_all(a->port, f, AGENT_HDR + len);
}

static void send_error(struct agent *a, const char *what, const char *arg,
		       long err)
{
	char msg[512] = "";

	cat(msg, sizeof(msg), what);
	cat(msg, sizeof(msg), arg);
	if (err) {
		cat(msg, sizeof(msg), ": ");
		cat(msg, sizeof(msg), errname(err));
		cat(msg, sizeof(msg), " (errno ");
		cat_num(msg, sizeof(msg), -err);
		cat(msg, sizeof(msg), ")");
	}
	send_frame(a, AGENT_ERROR, msg, slen(msg));
}

/* What the command will want, unless init has mounted it already. */
static void mount_basics(void)
{
	if (sys_access("/proc/self") < 0) {
		sys_mkdir("/proc", 0555);
		sys_mount("proc", "/proc", "proc", 0, 0);
	}
	if (sys_access("/sys/class") < 0) {
		sys_mkdir("/sys", 0555);
		sys_mount("sysfs", "/sys", "sysfs", 0, 0);
	}
	if (sys_access("/dev/null") < 0) {
		sys_mkdir("/dev", 0755);
		sys_mount("devtmpfs", "/dev", "devtmpfs", 0, 0);
	}
}

/* Reads a small file into @buf, without a trailing newline. */
static bool read_small(const char *path, char *buf, size_t cap)
{
	int fd = sys_open(path, O_RDONLY | O_CLOEXEC);
	long n;

	if (fd < 0)
		return false;
	n = sys_read(fd, buf, cap - 1);
	sys_close(fd);
	if (n < 0)
		return false;
	while (n > 0 && (buf[n - 1] == '\n' || buf[n - 1] == 0))
		n--;
	buf[n] = 0;
	return true;
}

/* Opens the port's device through a node made from its sysfs "dev". */
static int open_by_number(const char *port)
{
	char path[128] = "/sys/class/virtio-ports/", num[32];
	unsigned long major = 0, minor = 0, *v = &major;
	int fd;

	cat(path, sizeof(path), port);
	cat(path, sizeof(path), "/dev");
	if (!read_small(path, num, sizeof(num)))
		return -ENOENT;
	for (const char *p = num; *p; p++) {
		if (*p == ':')
			v = &minor;
		else if (*p >= '0' && *p <= '9')
			*v = *v * 10 + (unsigned long)(*p - '0');
	}
	/* The kernel's encoding of a device number for mknod(). */
	sys4(SYS_mknodat, AT_FDCWD, "/.hvrun-port", S_IFCHR | 0600,
	     (minor & 0xff) | (major << 8) | ((minor & ~0xfful) << 12));
	fd = sys_open("/.hvrun-port", O_RDWR | O_CLOEXEC);
	sys3(SYS_unlinkat, AT_FDCWD, "/.hvrun-port", 0);
	return fd;
}

/* The port named AGENT_PORT_NAME, once the driver has set it up. */
static int open_port(void)
{
	static uint8_t dents[4096];
	int warned = 0;

	for (;;) {
		int dir = sys_open("/sys/class/virtio-ports",
				   O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		long n;

		while (dir >= 0 && (n = sys3(SYS_getdents64, dir, dents,
					     sizeof(dents))) > 0) {
			for (long off = 0; off < n;) {
				struct dirent64 *d =
					(struct dirent64 *)(dents + off);
				char path[128] = "/sys/class/virtio-ports/";
				char name[64];
				int fd;

				off += d->d_reclen;
				if (d->d_name[0] == '.')
					continue;
				cat(path, sizeof(path), d->d_name);
				cat(path, sizeof(path), "/name");
				if (!read_small(path, name, sizeof(name)) ||
				    !same(name, AGENT_PORT_NAME))
					continue;
				path[0] = 0;
				cat(path, sizeof(path), "/dev/");
				cat(path, sizeof(path), d->d_name);
				fd = sys_open(path, O_RDWR | O_CLOEXEC);
				/* No devtmpfs: a node of our own. */
				if (fd == -ENOENT)
					fd = open_by_number(d->d_name);
				if (fd >= 0) {
					sys_close(dir);
					return fd;
				}
			}
		}
		if (dir >= 0)
			sys_close(dir);
		/* The driver adds the port from a work queue: soon. */
		if (++warned == 2000)
			say("still waiting for the port ", AGENT_PORT_NAME);
		nap_ms(5);
	}
}

/* Reads from hvrun until a whole frame is in a->in; its length or -1. */
static long read_frame(struct agent *a)
{
	for (;;) {
		if (a->in_len >= AGENT_HDR) {
			uint32_t len = agent_hdr_len(a->in);

			if (len > AGENT_MAX_PAYLOAD)
				return -1;
			if (a->in_len >= AGENT_HDR + len)
				return len;
		}
		long n = sys_read(a->port, a->in + a->in_len,
				  sizeof(a->in) - a->in_len);

		if (n == -EINTR)
			continue;
		if (n <= 0)
			return -1;
		a->in_len += (size_t)n;
	}
}

static void drop_frame(struct agent *a, size_t len)
{
	size_t whole = AGENT_HDR + len;

	memmove(a->in, a->in + whole, a->in_len - whole);
	a->in_len -= whole;
}

static int share_mount(struct agent *a, const char *tag, bool ro)
{
	char dir[128] = "/mnt/";
	long err;

	cat(dir, sizeof(dir), tag);
	sys_mkdir("/mnt", 0755);
	sys_mkdir(dir, 0755);
	err = sys_mount(tag, dir, "9p", ro ? MS_RDONLY : 0,
			"trans=virtio,version=9p2000.L,msize=262144");
	if (err < 0) {
		send_error(a, "cannot mount the shared folder at ", dir, err);
		return -1;
	}
	return 0;
}

static int make_pipe(int fds[2])
{
	return (int)sys2(SYS_pipe2, fds, O_CLOEXEC);
}

/* Forks the command with pipes on 0, 1 and 2. */
static int spawn(struct agent *a, const char *cmd, const char *cwd)
{
	int in[2], out[2], err[2];
	uint64_t none = 0;
	char *argv[] = {"sh", "-c", (char *)cmd, 0};
	long ret;

	if (make_pipe(in) || make_pipe(out) || make_pipe(err)) {
		send_error(a, "cannot make pipes", "", -EAGAIN);
		return -1;
	}
	a->pid = sys_fork();
	if (a->pid < 0) {
		send_error(a, "cannot fork", "", a->pid);
		return -1;
	}
	if (a->pid == 0) {
		sys1(SYS_setsid, 0);
		sys4(SYS_rt_sigprocmask, 2 /* SIG_SETMASK */, &none, 0, 8);
		sys3(SYS_dup3, in[0], 0, 0);
		sys3(SYS_dup3, out[1], 1, 0);
		sys3(SYS_dup3, err[1], 2, 0);
		if (sys1(SYS_chdir, cwd) < 0) {
			say("cannot enter ", cwd);
			sys_exit(126);
		}
		ret = sys_execve("/bin/sh", argv, a->envp);
		say("cannot run /bin/sh: ", errname(ret));
		sys_exit(127);
	}
	sys_close(in[0]);
	sys_close(out[1]);
	sys_close(err[1]);
	a->sin = in[1];
	a->sout = out[0];
	a->serr = err[0];
	sys3(SYS_fcntl, a->sin, F_SETFL, O_NONBLOCK);
	sys3(SYS_fcntl, a->sout, F_SETFL, O_NONBLOCK);
	sys3(SYS_fcntl, a->serr, F_SETFL, O_NONBLOCK);
	return 0;
}

/* Reads what a pipe holds now and sends it; false at its end. */
static bool forward(struct agent *a, int *fd, unsigned type)
{
	uint8_t *data = a->out + AGENT_HDR;
	long n = sys_read(*fd, data, sizeof(a->out) - AGENT_HDR);

	if (n == -EAGAIN || n == -EINTR)
		return true;
	if (n <= 0) {
		sys_close(*fd);
		*fd = -1;
		return false;
	}
	agent_put_hdr(a->out, type, (uint32_t)n);
	write_all(a->port, a->out, AGENT_HDR + (size_t)n);
	return true;
}

/* Gives the command what it takes of the STDIN payload held. */
static void feed_stdin(struct agent *a)
{
	while (a->stdin_off < a->stdin_end) {
		long n = sys_write(a->sin, a->in + a->stdin_off,
				   a->stdin_end - a->stdin_off);

		if (n == -EAGAIN)
			return;
		if (n == -EINTR)
			continue;
		if (n <= 0) {
			/* The command closed its input: the rest goes. */
			sys_close(a->sin);
			a->sin = -1;
			break;
		}
		a->stdin_off += (size_t)n;
	}
	drop_frame(a, a->stdin_end - AGENT_HDR);
	a->stdin_pending = false;
}

/* The frames hvrun sent while the command runs. */
static void take_frames(struct agent *a)
{
	while (!a->stdin_pending && a->in_len >= AGENT_HDR) {
		uint32_t len = agent_hdr_len(a->in);

		if (a->in_len < AGENT_HDR + len)
			return;
		if (a->in[0] != AGENT_STDIN || a->sin < 0) {
			drop_frame(a, len);
			continue;
		}
		if (!len) {
			/* End of input. */
			sys_close(a->sin);
			a->sin = -1;
			drop_frame(a, 0);
			continue;
		}
		a->stdin_off = AGENT_HDR;
		a->stdin_end = AGENT_HDR + len;
		a->stdin_pending = true;
		feed_stdin(a);
	}
}

static void reap(struct agent *a)
{
	uint8_t info[128];
	int status;

	while (sys_read(a->sigfd, info, sizeof(info)) > 0)
		;
	if (sys_wait4(a->pid, &status, WNOHANG) != a->pid)
		return;
	a->exited = true;
	/* Like a shell: a signal's number plus 128. */
	a->status =
		(status & 0x7f) ? 128 + (status & 0x7f) : (status >> 8) & 0xff;
}

static void serve(struct agent *a)
{
	while (!a->exited) {
		struct pollfd p[5];
		int n = 0, ip = -1, isin = -1, iout = -1, ierr = -1;

		p[n++] = (struct pollfd){a->sigfd, POLLIN, 0};
		if (!a->stdin_pending) {
			ip = n;
			p[n++] = (struct pollfd){a->port, POLLIN, 0};
		} else if (a->sin >= 0) {
			isin = n;
			p[n++] = (struct pollfd){a->sin, POLLOUT, 0};
		}
		if (a->sout >= 0) {
			iout = n;
			p[n++] = (struct pollfd){a->sout, POLLIN, 0};
		}
		if (a->serr >= 0) {
			ierr = n;
			p[n++] = (struct pollfd){a->serr, POLLIN, 0};
		}
		if (sys5(SYS_ppoll, p, n, 0, 0, 8) < 0)
			continue;
		if (iout >= 0 && p[iout].revents)
			forward(a, &a->sout, AGENT_STDOUT);
		if (ierr >= 0 && p[ierr].revents)
			forward(a, &a->serr, AGENT_STDERR);
		if (isin >= 0 && p[isin].revents) {
			feed_stdin(a);
			take_frames(a);
		}
		if (ip >= 0 && p[ip].revents) {
			long r = sys_read(a->port, a->in + a->in_len,
					  sizeof(a->in) - a->in_len);

			if (r > 0)
				a->in_len += (size_t)r;
			take_frames(a);
		}
		if (p[0].revents)
			reap(a);
	}
	/* What the command wrote before it ended; later writers lose. */
	while (a->sout >= 0 && forward(a, &a->sout, AGENT_STDOUT) &&
	       a->sout >= 0) {
		struct pollfd q = {a->sout, POLLIN, 0};
		struct timespec zero = {0, 0};

		if (sys5(SYS_ppoll, &q, 1, &zero, 0, 8) <= 0)
			break;
	}
	while (a->serr >= 0 && forward(a, &a->serr, AGENT_STDERR) &&
	       a->serr >= 0) {
		struct pollfd q = {a->serr, POLLIN, 0};
		struct timespec zero = {0, 0};

		if (sys5(SYS_ppoll, &q, 1, &zero, 0, 8) <= 0)
			break;
	}
}

static void agent_main(struct agent *a)
{
	static char run[AGENT_MAX_PAYLOAD + 1];
	char *cmd = 0, *cwd = "/";
	uint64_t chld = 1ull << (SIGCHLD - 1);
	uint8_t st[4];
	long len;

	sys1(SYS_setsid, 0);
	mount_basics();
	a->port = open_port();
	len = read_frame(a);
	if (len < 0 || a->in[0] != AGENT_RUN) {
		say("no command from hvrun", "");
		return;
	}
	/* RUN's strings, each NUL-terminated; STDIN frames may follow. */
	memcpy(run, a->in + AGENT_HDR, (size_t)len);
	run[len] = 0;
	drop_frame(a, (size_t)len);
	for (char *s = run; s < run + len; s += slen(s) + 1) {
		if (starts(s, "v=") && !same(s, "v=1")) {
			send_error(a, "hvrun and its agent differ: ", s, 0);
			return;
		}
		if (starts(s, "cmd="))
			cmd = s + 4;
		else if (starts(s, "cwd="))
			cwd = s + 4;
		else if (starts(s, "mount=") && share_mount(a, s + 6, false))
			return;
		else if (starts(s, "mount-ro=") && share_mount(a, s + 9, true))
			return;
	}
	if (!cmd) {
		send_error(a, "no command given", "", 0);
		return;
	}
	sys4(SYS_rt_sigprocmask, SIG_BLOCK, &chld, 0, 8);
	a->sigfd =
		(int)sys4(SYS_signalfd4, -1, &chld, 8, O_CLOEXEC | O_NONBLOCK);
	if (a->sigfd < 0) {
		send_error(a, "cannot watch the command", "", a->sigfd);
		return;
	}
	if (spawn(a, cmd, cwd))
		return;
	take_frames(a);
	serve(a);
	/* Nothing written is lost once hvrun ends the guest. */
	sys0(SYS_sync);
	st[0] = (uint8_t)a->status;
	st[1] = st[2] = st[3] = 0;
	send_frame(a, AGENT_EXIT, st, 4);
}

/* envp without our own variable, which is no business of init's. */
static void strip_env(char **envp)
{
	char **w = envp;

	for (char **r = envp; *r; r++)
		if (!starts(*r, AGENT_INIT_VAR "="))
			*w++ = *r;
	*w = 0;
}

static const char *getenv_(char **envp, const char *name)
{
	size_t n = slen(name);

	for (; *envp; envp++)
		if (starts(*envp, name) && (*envp)[n] == '=')
			return *envp + n + 1;
	return 0;
}

void agent_start(long *sp);

void agent_start(long *sp)
{
	static struct agent a;
	int argc = (int)sp[0];
	char **argv = (char **)(sp + 1);
	char **envp = argv + argc + 1;
	const char *init = getenv_(envp, AGENT_INIT_VAR);
	int pid;

	a.envp = envp;
	a.sin = a.sout = a.serr = a.sigfd = a.port = -1;
	if (!init || !init[0])
		init = "/init";
	if (sys_getpid() != 1) {
		/* Started by hand: just the agent. */
		agent_main(&a);
		sys_exit(0);
	}
	pid = sys_fork();
	if (pid == 0) {
		strip_env(envp);
		agent_main(&a);
		/* Stay, so the guest's init has no surprise child exit. */
		for (;;)
			sys5(SYS_ppoll, 0, 0, 0, 0, 8);
	}
	strip_env(envp);
	argv[0] = (char *)init;
	sys_execve(init, argv, envp);
	/* No init to start: process 1 stays, reaping orphans. */
	say("cannot start the guest's init ", init);
	for (;;) {
		int status;

		if (sys_wait4(-1, &status, 0) < 0)
			nap_ms(1000);
	}
}
