/*
 * Which extensions a Linux user program finds: each probe runs one
 * instruction in a child process; an instruction of an extension --isa
 * left out raises illegal-instruction, which Linux delivers as SIGILL.
 * Prints "isaprobe: NAME yes|no" for each, and the value each computed.
 */
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

static uint64_t probe_zbb(void)
{
	uint64_t r, a = 0xf0f0;

	asm volatile(".insn r 0x13, 1, 0x30, %0, %1, x2" : "=r"(r) : "r"(a));
	return r; /* cpop: 8 */
}

static uint64_t probe_zicond(void)
{
	uint64_t r, a = 5, b = 0;

	asm volatile(".insn r 0x33, 5, 7, %0, %1, %2"
		     : "=r"(r)
		     : "r"(a), "r"(b));
	return r; /* czero.eqz with b = 0: 0 */
}

static uint64_t probe_zbc(void)
{
	uint64_t r, a = 3, b = 3;

	asm volatile(".insn r 0x33, 1, 5, %0, %1, %2"
		     : "=r"(r)
		     : "r"(a), "r"(b));
	return r; /* clmul 3, 3: 5 */
}

static uint64_t probe_zfhmin(void)
{
	uint64_t r;

	/* fmv.h.x ft0, a0 (1.0 = 0x3c00); fcvt.s.h ft1, ft0; fmv.x.w */
	asm volatile("li t0, 0x3c00\n\t"
		     ".insn r 0x53, 0, 0x7a, ft0, t0, x0\n\t"
		     ".insn r 0x53, 0, 0x20, ft1, ft0, x2\n\t"
		     "fmv.x.w %0, ft1"
		     : "=r"(r)::"t0", "ft0", "ft1");
	return r; /* 1.0f: 0x3f800000 */
}

static uint64_t probe_zfh(void)
{
	uint64_t r;

	/* fadd.h ft0, ft0, ft0 on 1.0: 2.0 = 0x4000 */
	asm volatile("li t0, 0x3c00\n\t"
		     ".insn r 0x53, 0, 0x7a, ft0, t0, x0\n\t"
		     ".insn r 0x53, 7, 0x02, ft0, ft0, ft0\n\t"
		     ".insn r 0x53, 0, 0x72, %0, ft0, x0"
		     : "=r"(r)::"t0", "ft0");
	return r & 0xffff;
}

static uint64_t probe_zcb(void)
{
	uint64_t r = 0x1ff;

	/* c.zext.b a0 */
	asm volatile("mv a0, %1\n\t.half 0x9d61\n\tmv %0, a0"
		     : "=r"(r)
		     : "r"(r)
		     : "a0");
	return r; /* 0xff */
}

static uint64_t probe_zimop(void)
{
	uint64_t r = 7;

	/* mop.r.0 a0, a0: writes 0 */
	asm volatile("mv a0, %1\n\t.word 0x81c54573\n\tmv %0, a0"
		     : "=r"(r)
		     : "r"(r)
		     : "a0");
	return r;
}

static const struct {
	const char *name;
	uint64_t (*fn)(void);
	uint64_t want;
} probes[] = {
	{"zbb", probe_zbb, 8},	    {"zicond", probe_zicond, 0},
	{"zbc", probe_zbc, 5},	    {"zfhmin", probe_zfhmin, 0x3f800000},
	{"zfh", probe_zfh, 0x4000}, {"zcb", probe_zcb, 0xff},
	{"zimop", probe_zimop, 0},
};

int main(void)
{
	int bad = 0;

	setvbuf(stdout, NULL, _IONBF, 0);
	for (unsigned i = 0; i < sizeof(probes) / sizeof(probes[0]); i++) {
		int st;
		pid_t pid = fork();

		if (pid == 0) {
			_exit(probes[i].fn() == probes[i].want ? 0 : 1);
		}
		waitpid(pid, &st, 0);
		if (WIFSIGNALED(st) && WTERMSIG(st) == SIGILL) {
			printf("isaprobe: %s no\n", probes[i].name);
		} else if (WIFEXITED(st) && WEXITSTATUS(st) == 0) {
			printf("isaprobe: %s yes\n", probes[i].name);
		} else {
			printf("isaprobe: %s wrong result\n", probes[i].name);
			bad = 1;
		}
	}
	return bad;
}
