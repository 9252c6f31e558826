/* SPDX-License-Identifier: MIT */
/*
 * A GDB stub: GDB's remote serial protocol (GDB's manual, appendix
 * "GDB Remote Serial Protocol") on a TCP or Unix socket, one debugger at
 * a time, in all-stop mode: each hart is a thread, and when one stops
 * (a breakpoint, a watchpoint, a step, Ctrl-C) every hart stops until
 * the debugger resumes them, each as its vCont action says.
 *
 * The stub knows the protocol and RISC-V's target description; what it
 * debugs is behind a small table of callbacks (struct gdbstub_target),
 * which the caller fills. Everything here runs on the loop's thread.
 */
#ifndef HVRUN_GDBSTUB_H
#define HVRUN_GDBSTUB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct loop;
struct gdbstub;

/* Register numbers: GDB's own for RISC-V (gdb/riscv-tdep.h). */
enum {
	GDBSTUB_REG_X0 = 0, /* x0..x31 */
	GDBSTUB_REG_PC = 32,
	GDBSTUB_REG_F0 = 33,	 /* f0..f31, raw 64-bit */
	GDBSTUB_REG_CSR0 = 65,	 /* CSR n is 65 + n */
	GDBSTUB_REG_PRIV = 4161, /* 0 U, 1 S, 3 M; bit 2 set when V=1 */
};

/* What a hart does when the debugger resumes the VM. */
enum gdbstub_run {
	GDBSTUB_RUN_STOP, /* stays stopped */
	GDBSTUB_RUN_CONT,
	GDBSTUB_RUN_STEP, /* one instruction (or trap entry), then stops */
};

/* Breakpoints and watchpoints, numbered as GDB's Z packets number them. */
enum gdbstub_point_type {
	GDBSTUB_BREAK_SW,
	GDBSTUB_BREAK_HW,
	GDBSTUB_WATCH_WRITE,
	GDBSTUB_WATCH_READ,
	GDBSTUB_WATCH_ACCESS,
};

struct gdbstub_point {
	enum gdbstub_point_type type;
	uint64_t addr, len; /* len: a watchpoint's bytes */
};

/* Why a hart stopped by itself. */
enum gdbstub_stop {
	GDBSTUB_STOP_BREAK, /* before the instruction at its pc */
	GDBSTUB_STOP_STEP,
	GDBSTUB_STOP_WATCH, /* before the access; addr is the watched byte */
};

struct gdbstub_target {
	void *opaque;
	unsigned nharts;
	/* Breakpoints, watchpoints and steps work (else only run and stop). */
	bool can_debug;
	/* How many breakpoints and watchpoints (each) every hart takes. */
	unsigned max_breaks, max_watches;
	/*
	 * While every hart is stopped. Registers by GDBSTUB_REG_* number:
	 * 0 or -errno (-ENOENT: the hart has no such register).
	 */
	int (*get_reg)(void *opaque, unsigned hart, unsigned reg,
		       uint64_t *val);
	int (*set_reg)(void *opaque, unsigned hart, unsigned reg, uint64_t val);
	/* Memory as hart @hart's loads and stores see it; -EFAULT. */
	int (*access)(void *opaque, unsigned hart, uint64_t va, void *buf,
		      size_t len, bool write);
	/* Stops every hart; 0, or -errno when the VM is ending. */
	int (*stop)(void *opaque);
	/*
	 * Every hart stopped by stop(): the harts run as @run (nharts
	 * entries) says, with @points (npoints) set on every hart, until
	 * one of them stops by itself (gdbstub_hart_stopped) or stop().
	 */
	int (*resume)(void *opaque, const enum gdbstub_run *run,
		      const struct gdbstub_point *points, unsigned npoints);
	/*
	 * Delivers now, through gdbstub_hart_stopped(), the stops harts
	 * reported that are still on their way to the loop.
	 */
	void (*flush)(void *opaque);
	/* Ends the VM. */
	void (*kill)(void *opaque);
	/* A line about hart @hart for the debugger's thread list. */
	void (*describe)(void *opaque, unsigned hart, char *buf, size_t len);
};

/*
 * Listens on @spec: "tcp:[HOST]:PORT" (HOST defaults to 127.0.0.1) or
 * "unix:PATH" (a stale socket there is replaced, and removed at the
 * end). 0; -EINVAL for a malformed @spec, another -errno when the socket
 * cannot be had; @err holds one line naming the option.
 */
int gdbstub_create(struct gdbstub **out, struct loop *l, const char *spec,
		   const struct gdbstub_target *t, char *err, size_t errlen);
/* Hart @hart stopped by itself, as @why says; it waits for the stub. */
void gdbstub_hart_stopped(struct gdbstub *s, unsigned hart,
			  enum gdbstub_stop why, uint64_t addr);
/*
 * The VM ended with exit status @code: a debugger waiting for its harts
 * hears so (GDB's W packet), and the connection ends. The loop need not
 * run.
 */
void gdbstub_vm_ended(struct gdbstub *s, int code);
void gdbstub_destroy(struct gdbstub *s);

#endif
