// SPDX-License-Identifier: MIT
/*
 * Unit tests for ui/gdbstub.c against a pretend target: the all-stop
 * bookkeeping a real debugger rarely shows (two harts stopping at once, a
 * watchpoint stop kept for later, a breakpoint stop that is found again
 * instead), what a target without debugging (KVM) answers, and what a
 * departing debugger leaves behind. A client thread speaks the protocol
 * over a Unix socket while the main thread runs the loop.
 */
#include "ui/gdbstub.h"

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "base/loop.h"

#define NHARTS 2
#define MEM_BASE 0x1000
#define MEM_SIZE 0x2000

static int failures;

static void check(bool cond, const char *name, const char *fmt, ...)
{
	va_list ap;

	if (cond) {
		printf("ok %s\n", name);
		return;
	}
	printf("FAIL %s: ", name);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	failures++;
}

/* The pretend target; touched on the loop's thread only. */
struct fake {
	struct loop loop;
	struct gdbstub *stub;
	char path[108];
	uint64_t regs[NHARTS][33];
	uint8_t mem[MEM_SIZE];
	unsigned stops, resumes;
	enum gdbstub_run run[NHARTS];
	unsigned npoints;
	bool stopped;
	int fd; /* the client's socket */
	char buf[8192];
	size_t len;
};

static int f_get_reg(void *o, unsigned hart, unsigned reg, uint64_t *val)
{
	struct fake *f = o;

	if (reg > GDBSTUB_REG_PC)
		return -ENOENT;
	*val = f->regs[hart][reg];
	return 0;
}

static int f_set_reg(void *o, unsigned hart, unsigned reg, uint64_t val)
{
	struct fake *f = o;

	if (reg > GDBSTUB_REG_PC)
		return -ENOENT;
	f->regs[hart][reg] = val;
	return 0;
}

static int f_access(void *o, unsigned hart, uint64_t va, void *buf, size_t len,
		    bool write)
{
	struct fake *f = o;

	if (va < MEM_BASE || va - MEM_BASE + len > MEM_SIZE)
		return -EFAULT;
	if (write)
		memcpy(f->mem + va - MEM_BASE, buf, len);
	else
		memcpy(buf, f->mem + va - MEM_BASE, len);
	return 0;
}

static int f_stop(void *o)
{
	struct fake *f = o;

	if (!f->stopped)
		f->stops++;
	f->stopped = true;
	return 0;
}

static int f_resume(void *o, const enum gdbstub_run *run,
		    const struct gdbstub_point *points, unsigned npoints)
{
	struct fake *f = o;

	f->resumes++;
	memcpy(f->run, run, sizeof(f->run));
	f->npoints = npoints;
	f->stopped = false;
	return 0;
}

static void f_flush(void *o)
{
}

static void f_kill(void *o)
{
}

static void f_describe(void *o, unsigned hart, char *buf, size_t len)
{
	snprintf(buf, len, "pretend hart %u", hart);
}

/* ---- The client's side (its own thread) ---- */

static void client_send(struct fake *f, const char *payload)
{
	char pkt[1024];
	unsigned sum = 0;
	int n;

	for (const char *p = payload; *p; p++)
		sum += (uint8_t)*p;
	n = snprintf(pkt, sizeof(pkt), "$%s#%02x", payload, sum & 0xff);
	if (write(f->fd, pkt, n) != n)
		perror("write");
}

/* Bytes up to and including the next packet; its payload into @out. */
static bool client_packet(struct fake *f, char *out, size_t outlen)
{
	for (;;) {
		char *start = memchr(f->buf, '$', f->len), *hash;
		ssize_t n;

		if (start) {
			hash = memchr(start, '#', f->len - (start - f->buf));
			if (hash && (size_t)(hash - f->buf) + 3 <= f->len) {
				size_t plen = hash - start - 1;

				if (plen >= outlen)
					plen = outlen - 1;
				memcpy(out, start + 1, plen);
				out[plen] = 0;
				f->len -= hash + 3 - f->buf;
				memmove(f->buf, hash + 3, f->len);
				if (write(f->fd, "+", 1) != 1)
					perror("write");
				return true;
			}
		}
		if (f->len == sizeof(f->buf))
			return false;
		n = read(f->fd, f->buf + f->len, sizeof(f->buf) - f->len);
		if (n <= 0)
			return false;
		f->len += n;
	}
}

/* A request and its reply (acks are skipped by client_packet). */
static const char *ask(struct fake *f, const char *payload)
{
	static char reply[4096];

	client_send(f, payload);
	if (!client_packet(f, reply, sizeof(reply)))
		return "(connection lost)";
	return reply;
}

struct stop_args {
	struct fake *f;
	unsigned hart;
	enum gdbstub_stop why;
	uint64_t addr;
};

static void do_stop(void *arg)
{
	struct stop_args *a = arg;

	a->f->regs[a->hart][GDBSTUB_REG_PC] = 0x1100 + a->hart;
	gdbstub_hart_stopped(a->f->stub, a->hart, a->why, a->addr);
	free(a);
}

/* Hart @hart stops by itself, as the target would report it. */
static void hart_stops(struct fake *f, unsigned hart, enum gdbstub_stop why,
		       uint64_t addr)
{
	struct stop_args *a = calloc(1, sizeof(*a));

	*a = (struct stop_args){f, hart, why, addr};
	loop_post(&f->loop, do_stop, a);
}

/* Something the loop thread does, waited for. */
struct sync {
	pthread_mutex_t lock;
	pthread_cond_t cond;
	bool done;
};

static void do_sync(void *arg)
{
	struct sync *s = arg;

	pthread_mutex_lock(&s->lock);
	s->done = true;
	pthread_cond_broadcast(&s->cond);
	pthread_mutex_unlock(&s->lock);
}

/* Waits until the loop ran everything posted so far. */
static void sync_loop(struct fake *f)
{
	struct sync s = {PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER,
			 false};

	loop_post(&f->loop, do_sync, &s);
	pthread_mutex_lock(&s.lock);
	while (!s.done)
		pthread_cond_wait(&s.cond, &s.lock);
	pthread_mutex_unlock(&s.lock);
}

/*
 * Waits until the stub served what was sent and posted so far: a packet
 * it always answers at once comes after them on the socket.
 */
static void settle(struct fake *f)
{
	char r[64];

	client_send(f, "qC");
	client_packet(f, r, sizeof(r));
	sync_loop(f);
}

/* After the client left: until the stub let the harts go (or 2 s). */
static void wait_released(struct fake *f, unsigned resumes)
{
	for (int i = 0; i < 200; i++) {
		sync_loop(f);
		if (f->resumes == resumes)
			return;
		usleep(10000);
	}
}

static int client_connect(struct fake *f)
{
	struct sockaddr_un a = {.sun_family = AF_UNIX};
	int fd = socket(AF_UNIX, SOCK_STREAM, 0);

	strcpy(a.sun_path, f->path);
	if (fd < 0 || connect(fd, (struct sockaddr *)&a, sizeof(a))) {
		perror("connect");
		if (fd >= 0)
			close(fd);
		return -1;
	}
	f->len = 0;
	return fd;
}

/*
 * Two harts stop at once; the stub reports one, keeps a watchpoint stop
 * for the next resume of its hart, and drops a breakpoint stop (the hart
 * finds it again).
 */
static void *allstop_client(void *arg)
{
	struct fake *f = arg;
	char r[4096];
	const char *q;

	f->fd = client_connect(f);
	if (f->fd < 0)
		goto out;
	q = ask(f, "?");
	check(!strcmp(q, "T05thread:1;") && f->stops == 1,
	      "gdbstub_stops_on_connect", "%s, %u stops", q, f->stops);
	check(!strcmp(ask(f, "Z0,1100,4"), "OK") &&
		      !strcmp(ask(f, "Z2,1800,8"), "OK"),
	      "gdbstub_points", "refused");
	client_send(f, "vCont;c");
	settle(f);
	check(f->resumes == 1 && f->run[0] == GDBSTUB_RUN_CONT &&
		      f->run[1] == GDBSTUB_RUN_CONT && f->npoints == 2,
	      "gdbstub_resume_all", "%u resumes, run %d %d, %u points",
	      f->resumes, f->run[0], f->run[1], f->npoints);
	/* Hart 0 at a breakpoint, then hart 1 at a watchpoint. */
	hart_stops(f, 0, GDBSTUB_STOP_BREAK, 0);
	hart_stops(f, 1, GDBSTUB_STOP_WATCH, 0x1804);
	client_packet(f, r, sizeof(r));
	settle(f);
	check(!strcmp(r, "T05thread:1;swbreak:;") && f->stops == 2,
	      "gdbstub_first_stop_reported", "%s, %u stops", r, f->stops);
	/* Hart 0 steps alone: the watch of hart 1 waits. */
	client_send(f, "vCont;s:1");
	settle(f);
	check(f->resumes == 2 && f->run[0] == GDBSTUB_RUN_STEP &&
		      f->run[1] == GDBSTUB_RUN_STOP,
	      "gdbstub_step_one", "%u resumes, run %d %d", f->resumes,
	      f->run[0], f->run[1]);
	hart_stops(f, 0, GDBSTUB_STOP_STEP, 0);
	client_packet(f, r, sizeof(r));
	check(!strcmp(r, "T05thread:1;"), "gdbstub_step_reported", "%s", r);
	/* Everything continues: hart 1's kept watch is reported at once. */
	q = ask(f, "vCont;c");
	check(!strcmp(q, "T05thread:2;watch:1804;") && f->resumes == 2,
	      "gdbstub_kept_watch_reported", "%s, %u resumes", q, f->resumes);
	/* A watch removed meanwhile is forgotten with its stop. */
	client_send(f, "vCont;c");
	settle(f);
	hart_stops(f, 0, GDBSTUB_STOP_BREAK, 0);
	hart_stops(f, 1, GDBSTUB_STOP_WATCH, 0x1800);
	client_packet(f, r, sizeof(r));
	check(!strcmp(ask(f, "z2,1800,8"), "OK"), "gdbstub_remove", "refused");
	client_send(f, "vCont;c");
	settle(f);
	check(f->resumes == 4 && f->npoints == 1,
	      "gdbstub_removed_watch_dropped", "%u resumes, %u points",
	      f->resumes, f->npoints);
	hart_stops(f, 0, GDBSTUB_STOP_BREAK, 0);
	client_packet(f, r, sizeof(r));
	check(!strcmp(r, "T05thread:1;swbreak:;"), "gdbstub_swbreak", "%s", r);
	/* Memory and registers go to the target; holes are errors. */
	q = ask(f, "M1010,4:deadbeef");
	check(!strcmp(q, "OK") && f->mem[0x10] == 0xde, "gdbstub_write_memory",
	      "%s", q);
	q = ask(f, "m2ffe,4");
	check(!strcmp(q, "0000"), "gdbstub_read_to_the_hole", "%s", q);
	q = ask(f, "m100,4");
	check(q[0] == 'E', "gdbstub_read_hole", "%s", q);
	q = ask(f, "qThreadExtraInfo,2");
	check(!strcmp(q, "70726574656e6420686172742031"), "gdbstub_extra_info",
	      "%s", q);
	/* The debugger goes without a word: the harts run on, no points. */
	close(f->fd);
	wait_released(f, 5);
	check(f->resumes == 5 && !f->stopped && f->npoints == 0 &&
		      f->run[0] == GDBSTUB_RUN_CONT &&
		      f->run[1] == GDBSTUB_RUN_CONT,
	      "gdbstub_release_on_disconnect",
	      "%u resumes, stopped %d, %u points", f->resumes, f->stopped,
	      f->npoints);
out:
	loop_stop(&f->loop);
	return NULL;
}

/* A target without guest debugging (KVM): run and stop only. */
static void *nodebug_client(void *arg)
{
	struct fake *f = arg;
	const char *q;

	f->fd = client_connect(f);
	if (f->fd < 0)
		goto out;
	q = ask(f, "vCont?");
	check(!strcmp(q, "vCont;c;C"), "gdbstub_nodebug_vcont", "%s", q);
	q = ask(f, "Z0,1100,4");
	check(q[0] == 'E', "gdbstub_nodebug_breakpoint_refused", "%s", q);
	q = ask(f, "Z2,1100,4");
	check(q[0] == 'E', "gdbstub_nodebug_watchpoint_refused", "%s", q);
	q = ask(f, "vCont;s:1");
	check(q[0] == 'E' && f->resumes == 0, "gdbstub_nodebug_step_refused",
	      "%s", q);
	client_send(f, "vCont;c");
	settle(f);
	if (write(f->fd, "\x03", 1) != 1)
		perror("write");
	q = ask(f, "?");
	check(f->resumes == 1 && f->stops == 2, "gdbstub_nodebug_run_and_stop",
	      "%u resumes, %u stops", f->resumes, f->stops);
	close(f->fd);
	wait_released(f, 2);
out:
	loop_stop(&f->loop);
	return NULL;
}

static void run(bool can_debug, void *(*client)(void *))
{
	struct fake *f = calloc(1, sizeof(*f));
	struct gdbstub_target t = {
		.nharts = NHARTS,
		.max_breaks = 16,
		.max_watches = 16,
		.get_reg = f_get_reg,
		.set_reg = f_set_reg,
		.access = f_access,
		.stop = f_stop,
		.resume = f_resume,
		.flush = f_flush,
		.kill = f_kill,
		.describe = f_describe,
	};
	char spec[128], err[256];
	pthread_t th;

	t.can_debug = can_debug;
	t.opaque = f;
	snprintf(f->path, sizeof(f->path), "/tmp/hvrun-gdbstub-%d.sock",
		 (int)getpid());
	snprintf(spec, sizeof(spec), "unix:%s", f->path);
	if (loop_init(&f->loop) ||
	    gdbstub_create(&f->stub, &f->loop, spec, &t, err, sizeof(err))) {
		check(false, "gdbstub_create", "%s", err);
		exit(1);
	}
	pthread_create(&th, NULL, client, f);
	loop_run(&f->loop);
	pthread_join(th, NULL);
	gdbstub_destroy(f->stub);
	loop_destroy(&f->loop);
	check(access(f->path, F_OK) != 0,
	      can_debug ? "gdbstub_socket_removed"
			: "gdbstub_nodebug_socket_removed",
	      "%s is left", f->path);
	free(f);
}

int main(void)
{
	/* As in hvrun (vmm/control.c): a debugger that has gone is an error. */
	signal(SIGPIPE, SIG_IGN);
	run(true, allstop_client);
	run(false, nodebug_client);
	return failures ? 1 : 0;
}
