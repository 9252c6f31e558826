/* SPDX-License-Identifier: MIT */
/*
 * x86-64 emitter tests.
 *
 * Encodings: every instruction form is emitted over a sweep of registers,
 * operand sizes, memory operands (every base and index register, every
 * scale, displacements at the disp8/disp32 edges, no base, RIP-relative,
 * absolute) and immediates at the edges of each immediate size. Each case
 * is placed at its own offset of one flat image, which is then
 *  (a) decoded back with Capstone, whose Intel-syntax text must be the
 *      one the test writes for the operands it asked for, and
 *  (b) compared byte for byte with GNU as: the same cases are written as
 *      Intel-syntax assembly, each at the same offset (.org), assembled
 *      once and flattened with objcopy -O binary.
 * Expected texts follow Capstone 4's way of printing: numbers above 9 in
 * hex; immediates that fill their operand (imm8 of an 8-bit operation,
 * imm16 of a 16-bit one, imm32 of a 32-bit one) as unsigned, sign-extended
 * ones (imm8 of wider operations, imm32 of 64-bit ones) as signed, and
 * and/or/xor/movabs immediates always as unsigned of the operand size.
 * Two Capstone 4 flaws are worked around narrowly, as's bytes being the
 * check there: comiss/comisd memory operands print as xmmword (either
 * text is accepted), and negative absolute addresses print truncated to
 * the first operand's size (so they are only used with 64-bit ones, in
 * the addressing sweep).
 *
 * HVRUN_X86_ALL=1 lists every wrong case, not just the first of a group;
 * HVRUN_X86_KEEP=1 keeps the generated assembly in /tmp.
 *
 * Then: the buffer's limits (overflow never writes past the end, keeps
 * whole instructions only, is sticky), labels and patching, operands the
 * emitter must refuse, and execution of emitted functions in W^X memory
 * and through a dual (write/execute) mapping.
 */
#include "accel/dbt/jit/x86.h"

#include <capstone/capstone.h>
#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#if defined(__x86_64__)
#include <cpuid.h>
#endif

static int failures;

static void __attribute__((format(printf, 2, 3)))
fail(const char *name, const char *fmt, ...)
{
	va_list ap;

	printf("FAIL %s: ", name);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	failures++;
}

static void *xmalloc(size_t n)
{
	void *p = malloc(n);

	if (!p) {
		printf("FAIL x86/setup: out of memory\n");
		exit(1);
	}
	return p;
}

static char *xstrdup(const char *s)
{
	return strcpy(xmalloc(strlen(s) + 1), s);
}

/* ---- names and number formats ---- */

static const char *const r64[] = {"rax", "rcx", "rdx", "rbx", "rsp", "rbp",
				  "rsi", "rdi", "r8",  "r9",  "r10", "r11",
				  "r12", "r13", "r14", "r15"};
static const char *const r32[] = {"eax",  "ecx",  "edx",  "ebx", "esp",	 "ebp",
				  "esi",  "edi",  "r8d",  "r9d", "r10d", "r11d",
				  "r12d", "r13d", "r14d", "r15d"};
static const char *const r16[] = {"ax",	  "cx",	  "dx",	  "bx",	 "sp",	 "bp",
				  "si",	  "di",	  "r8w",  "r9w", "r10w", "r11w",
				  "r12w", "r13w", "r14w", "r15w"};
static const char *const r8n[] = {"al",	  "cl",	  "dl",	  "bl",	 "spl",	 "bpl",
				  "sil",  "dil",  "r8b",  "r9b", "r10b", "r11b",
				  "r12b", "r13b", "r14b", "r15b"};
static const char *const xmms[] = {
	"xmm0", "xmm1", "xmm2",	 "xmm3",  "xmm4",  "xmm5",  "xmm6",  "xmm7",
	"xmm8", "xmm9", "xmm10", "xmm11", "xmm12", "xmm13", "xmm14", "xmm15"};
static const char *const alu_names[] = {"add", "or",  "adc", "sbb",
					"and", "sub", "xor", "cmp"};
static const char *const shift_names[] = {"rol", "ror", "rcl", "rcr",
					  "shl", "shr", "sal", "sar"};
static const char *const unop_names[] = {"inc", "dec",	"not", "neg",
					 "mul", "imul", "div", "idiv"};
static const char *const bitop_names[] = {"bt", "bts", "btr", "btc"};
static const char *const cc_names[] = {"o",  "no", "b",	 "ae", "e", "ne",
				       "be", "a",  "s",	 "ns", "p", "np",
				       "l",  "ge", "le", "g"};

static const char *R(unsigned bits, int r)
{
	switch (bits) {
	case 8:
		return r8n[r];
	case 16:
		return r16[r];
	case 32:
		return r32[r];
	}
	return r64[r];
}

static const char *PTR(unsigned bits)
{
	switch (bits) {
	case 8:
		return "byte ptr";
	case 16:
		return "word ptr";
	case 32:
		return "dword ptr";
	case 64:
		return "qword ptr";
	case 128:
		return "xmmword ptr";
	}
	return "";
}

static uint64_t mask(unsigned bits)
{
	return bits == 64 ? ~0ull : (1ull << bits) - 1;
}

static int64_t sext(int64_t v, unsigned bits)
{
	unsigned sh = 64 - bits;

	return (int64_t)((uint64_t)v << sh) >> sh;
}

/* A few rotating buffers, so formats can be used as printf arguments. */
static char *ring(void)
{
	static char bufs[16][64];
	static unsigned i;

	return bufs[i++ % 16];
}

/* Capstone's numbers: decimal up to 9, else hex. */
static const char *U(uint64_t v)
{
	char *s = ring();

	snprintf(s, 64, v > 9 ? "0x%" PRIx64 : "%" PRIu64, v);
	return s;
}

static const char *S(int64_t v)
{
	char *s = ring();

	if (v >= 0)
		return U((uint64_t)v);
	snprintf(s, 64, -(uint64_t)v > 9 ? "-0x%" PRIx64 : "-%" PRIu64,
		 -(uint64_t)v);
	return s;
}

/* ---- memory operands ---- */

/* base X86_RIP: disp is the target's distance from the case's start. */
struct mspec {
	int base, index;
	unsigned scale;
	int64_t disp;
};

static const struct mspec mems[] = {
	{X86_RAX, X86_NOREG, 1, 0},
	{X86_RCX, X86_NOREG, 1, 8},
	{X86_RDX, X86_NOREG, 1, -8},
	{X86_RBX, X86_NOREG, 1, 0x7f},
	{X86_RSP, X86_NOREG, 1, 0},
	{X86_RSP, X86_NOREG, 1, -0x80},
	{X86_RBP, X86_NOREG, 1, 0},
	{X86_RBP, X86_NOREG, 1, 0x80},
	{X86_RSI, X86_NOREG, 1, -0x81},
	{X86_RDI, X86_NOREG, 1, 0x7fffffff},
	{X86_R8, X86_NOREG, 1, INT32_MIN},
	{X86_R12, X86_NOREG, 1, 0},
	{X86_R12, X86_NOREG, 1, 0x10},
	{X86_R13, X86_NOREG, 1, 0},
	{X86_R13, X86_NOREG, 1, -1},
	{X86_R15, X86_NOREG, 1, 0x1000},
	{X86_RAX, X86_RCX, 1, 0},
	{X86_RSP, X86_RAX, 8, -0x80},
	{X86_R12, X86_R13, 2, 0x12345678},
	{X86_RBX, X86_R12, 4, 0},
	{X86_RBP, X86_RBP, 1, 0},
	{X86_R13, X86_R15, 8, 0},
	{X86_R9, X86_R8, 2, 1},
	{X86_NOREG, X86_RAX, 4, 0x10},
	{X86_NOREG, X86_R15, 1, 0},
	{X86_NOREG, X86_R12, 8, -4},
	{X86_NOREG, X86_NOREG, 1, 0x1000},
	{X86_RIP, X86_NOREG, 1, 0x100},
	{X86_RIP, X86_NOREG, 1, -0x100},
	{X86_RIP, X86_NOREG, 1, 0x7fff0000},
};
#define NMEMS (sizeof(mems) / sizeof(mems[0]))

/*
 * The address of the case being emitted (its offset in the image, where
 * as will put it too). It is valid before begin() and until end(), so it
 * may be used in the same argument list as begin().
 */
static size_t img_len;
#define AT ((uint64_t)img_len)

static uint64_t rip_target;

static struct x86_mem M(const struct mspec *s) {
	if (s->base == X86_RIP) {
		rip_target = AT + (uint64_t)s->disp;
		return x86_mem_rip(rip_target);
	}
	if (s->base == X86_NOREG && s->index == X86_NOREG)
		return x86_mem_abs((int32_t)s->disp);
	return x86_mem_idx(s->base, s->index, s->scale, (int32_t)s->disp);
}

/*
 * Capstone prints [base + index*scale + disp], leaving out "*1"; with no
 * base that is ambiguous ("[r13]"), so as gets "*1" always. An absolute
 * address prints as the sign-extended 64-bit value. RIP-relative
 * displacements depend on the instruction's length: "{rip}" is filled in
 * once the case is emitted.
 */
static void
mem_text(char *cs, char *as, size_t n, unsigned bits, const struct mspec *s)
{
	const char *ptr = PTR(bits), *sp = *ptr ? " " : "";
	char bc[96] = "", ba[96] = "";
	size_t k;

	if (s->base == X86_RIP) {
		snprintf(cs, n, "%s%s[{rip}]", ptr, sp);
		snprintf(as, n, "%s%s[{rip}]", ptr, sp);
		return;
	}
	if (s->base == X86_NOREG && s->index == X86_NOREG) {
		snprintf(cs, n, "%s%s[%s]", ptr, sp, U((uint64_t)s->disp));
		snprintf(as, n, "%s%s[%" PRId64 "]", ptr, sp, s->disp);
		return;
	}
	if (s->base != X86_NOREG) {
		strcpy(bc, r64[s->base]);
		strcpy(ba, r64[s->base]);
	}
	if (s->index != X86_NOREG) {
		k = strlen(bc);
		snprintf(bc + k, sizeof(bc) - k, "%s%s", k ? " + " : "",
			 r64[s->index]);
		if (s->scale > 1)
			snprintf(bc + strlen(bc), sizeof(bc) - strlen(bc),
				 "*%u", s->scale);
		k = strlen(ba);
		snprintf(ba + k, sizeof(ba) - k, "%s%s*%u", k ? " + " : "",
			 r64[s->index], s->scale);
	}
	if (s->disp) {
		const char *d = s->disp < 0 ? U(-(uint64_t)s->disp)
					    : U((uint64_t)s->disp);
		const char *sign = s->disp < 0 ? " - " : " + ";

		k = strlen(bc);
		snprintf(bc + k, sizeof(bc) - k, "%s%s", sign, d);
		k = strlen(ba);
		snprintf(ba + k, sizeof(ba) - k, "%s%s", sign, d);
	}
	snprintf(cs, n, "%s%s[%s]", ptr, sp, bc);
	snprintf(as, n, "%s%s[%s]", ptr, sp, ba);
}

/* ---- the cases ---- */

#define CASE_MAX 1024 /* bytes one case may emit */
#define GAP 16	      /* filler between cases, so a longer as encoding shows */

struct tcase {
	const char *group;
	uint32_t off, len, next;
	uint16_t datalen; /* trailing bytes that are data, not code */
	unsigned err;
	char *cs, *as;
	char *cs_alt; /* another text Capstone may print, or NULL */
};

static uint8_t *img;
static size_t img_cap;
static struct tcase *cases;
static size_t ncases, cases_cap;
static struct x86_buf B;

static struct x86_buf *begin(void)
{
	if (img_len + CASE_MAX + GAP > img_cap) {
		size_t cap = img_cap ? img_cap * 2 : 1 << 20;

		img = realloc(img, cap);
		if (!img) {
			printf("FAIL x86/setup: out of memory\n");
			exit(1);
		}
		memset(img + img_cap, 0xcc, cap - img_cap);
		img_cap = cap;
	}
	x86_init(&B, img + img_len, CASE_MAX, img_len);
	return &B;
}

/* Replaces "{rip}" with the displacement Capstone prints. */
static char *fill_rip(const char *t, uint64_t end)
{
	const char *at = strstr(t, "{rip}");
	int64_t rel = (int64_t)(rip_target - end);
	char buf[256], r[64];

	if (!at)
		return xstrdup(t);
	if (rel == 0)
		snprintf(r, sizeof(r), "rip");
	else
		snprintf(r, sizeof(r), "rip %c %s", rel < 0 ? '-' : '+',
			 U(rel < 0 ? -(uint64_t)rel : (uint64_t)rel));
	snprintf(buf, sizeof(buf), "%.*s%s%s", (int)(at - t), t, r, at + 5);
	return xstrdup(buf);
}

static void end_data(const char *group, const char *cs, const char *as,
		     unsigned datalen)
{
	struct tcase *c;
	uint32_t len = (uint32_t)x86_size(&B);

	if (ncases == cases_cap) {
		cases_cap = cases_cap ? cases_cap * 2 : 4096;
		cases = realloc(cases, cases_cap * sizeof(*cases));
		if (!cases) {
			printf("FAIL x86/setup: out of memory\n");
			exit(1);
		}
	}
	c = &cases[ncases++];
	c->group = group;
	c->off = (uint32_t)img_len;
	c->len = len;
	c->datalen = (uint16_t)datalen;
	c->err = x86_error(&B);
	c->cs = fill_rip(cs, c->off + len);
	c->as = fill_rip(as ? as : cs, c->off + len);
	c->cs_alt = NULL;
	c->next = (c->off + len + GAP + 15) & ~15u;
	img_len = c->next;
}

static void end(const char *group, const char *cs, const char *as)
{
	end_data(group, cs, as, 0);
}

static void subst(char *out, size_t n, const char *t, const char *mem)
{
	const char *at = strchr(t, '@');

	if (!at)
		snprintf(out, n, "%s", t);
	else
		snprintf(out, n, "%.*s%s%s", (int)(at - t), t, mem, at + 1);
}

/* The same text for Capstone and as. */
static void __attribute__((format(printf, 2, 3)))
endf(const char *group, const char *fmt, ...)
{
	char buf[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	end(group, buf, NULL);
}

/* Capstone's text from fmt; as gets its own (an alias, a forced form). */
static void __attribute__((format(printf, 3, 4)))
endf2(const char *group, const char *as, const char *fmt, ...)
{
	char buf[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	end(group, buf, as);
}

/* '@' in fmt stands for the memory operand s, of size bits (0: none). */
static void __attribute__((format(printf, 4, 5)))
endm(const char *group, const struct mspec *s, unsigned bits, const char *fmt,
     ...)
{
	char buf[512], mc[160], ma[160], cs[640], as[640];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	mem_text(mc, ma, sizeof(mc), bits, s);
	subst(cs, sizeof(cs), buf, mc);
	subst(as, sizeof(as), buf, ma);
	end(group, cs, as);
}

/* ---- generators ---- */

static const unsigned sizes[] = {8, 16, 32, 64};
static const int some_regs[] = {X86_RAX, X86_RCX, X86_RSP, X86_RBP, X86_RSI,
				X86_RDI, X86_R8,  X86_R12, X86_R13, X86_R15};
static const int few_regs[] = {X86_RAX, X86_RSI, X86_R13};
#define N(a) (sizeof(a) / sizeof((a)[0]))

static const int64_t imms[] = {
	0,
	1,
	9,
	10,
	0x7f,
	0x80,
	-1,
	-0x80,
	-0x81,
	0xff,
	0x100,
	0x7fff,
	0x8000,
	-0x8000,
	0xffff,
	0x12345678,
	0x7fffffff,
	INT32_MIN,
	0x80000000,
	0xffffffff,
	0x100000000,
	-0x80000001LL,
	0x123456789abcdef0,
	INT64_MIN,
	INT64_MAX,
};

/* A shorter list for memory destinations. */
static const int64_t few_imms[] = {0,	   -1,	   0x7f,      0x80,	 -0x81,
				   0x7fff, 0xffff, INT32_MIN, 0xffffffff};

static bool fits_op(int64_t v, unsigned bits)
{
	if (bits == 64)
		return v == (int32_t)v;
	return v >= -(INT64_C(1) << (bits - 1)) && v < INT64_C(1) << bits;
}

static bool is_simm8(int64_t v, unsigned bits)
{
	int64_t s = sext(v, bits);

	return s == (int8_t)s;
}

/*
 * How Capstone prints an immediate of an operation of `bits`: sx8 says
 * the instruction has a sign-extended imm8 form, positive that it is an
 * and/or/xor/movabs.
 */
static const char *cs_imm(int64_t v, unsigned bits, bool sx8, bool positive)
{
	if (positive)
		return U((uint64_t)v & mask(bits));
	if (bits == 64 || (sx8 && bits != 8 && is_simm8(v, bits)))
		return S(sext(v, bits));
	return U((uint64_t)v & mask(bits));
}

static void gen_mov(void)
{
	for (unsigned z = 0; z < N(sizes); z++) {
		unsigned bits = sizes[z];

		for (int d = 0; d < 16; d++)
			for (int s = 0; s < 16; s++) {
				x86_mov_rr(begin(), bits, d, s);
				endf("mov_rr", "mov %s, %s", R(bits, d),
				     R(bits, s));
			}
		for (int d = 0; d < 16; d++)
			for (unsigned i = 0; i < N(imms); i++) {
				int64_t v = imms[i];

				if (bits < 64 && !fits_op(v, bits))
					continue;
				x86_mov_ri(begin(), bits, d, v);
				if (bits < 64)
					endf("mov_ri", "mov %s, %s", R(bits, d),
					     U((uint64_t)v & mask(bits)));
				else if ((uint64_t)v <= UINT32_MAX)
					endf("mov_ri", "mov %s, %s", r32[d],
					     U((uint64_t)v));
				else if (v == (int32_t)v)
					endf("mov_ri", "mov %s, %s", r64[d],
					     S(v));
				else
					endf("mov_ri", "movabs %s, %s", r64[d],
					     U((uint64_t)v));
			}
		for (unsigned r = 0; r < N(some_regs); r++)
			for (unsigned k = 0; k < NMEMS; k++) {
				int reg = some_regs[r];

				x86_mov_rm(begin(), bits, reg, M(&mems[k]));
				endm("mov_rm", &mems[k], bits, "mov %s, @",
				     R(bits, reg));
				x86_mov_mr(begin(), bits, M(&mems[k]), reg);
				endm("mov_mr", &mems[k], bits, "mov @, %s",
				     R(bits, reg));
			}
		for (unsigned k = 0; k < NMEMS; k++)
			for (unsigned i = 0; i < N(imms); i++) {
				int64_t v = imms[i];

				if (!fits_op(v, bits))
					continue;
				x86_mov_mi(begin(), bits, M(&mems[k]), v);
				endm("mov_mi", &mems[k], bits, "mov @, %s",
				     cs_imm(v, bits, false, false));
			}
	}
}

/* Every addressing form: all bases (none included), all indexes (none
 * included), every scale, displacements at the edges of disp8 and
 * disp32, and RIP-relative targets. */
static void gen_mem_sweep(void)
{
	static const int64_t disps[] = {
		0, 1, -1, 0x7f, -0x80, 0x80, -0x81, 0x7fffffff, INT32_MIN};
	static const int64_t rips[] = {0, 0x10, -0x10, 0x7fff0000, -0x7fff0000};
	unsigned n = 0;

	for (int base = X86_NOREG; base <= X86_R15; base++)
		for (int index = X86_NOREG; index <= X86_R15; index++) {
			if (index == X86_RSP)
				continue;
			for (unsigned sc = 1; sc <= 8; sc *= 2) {
				if (index == X86_NOREG && sc > 1)
					continue;
				for (unsigned d = 0; d < N(disps); d++) {
					struct mspec s = {base, index, sc,
							  disps[d]};
					int reg = (int)(n++ % 16);

					x86_mov_rm(begin(), 64, reg, M(&s));
					endm("mem_sweep", &s, 64, "mov %s, @",
					     r64[reg]);
				}
			}
		}
	for (unsigned i = 0; i < N(rips); i++)
		for (int reg = 0; reg < 16; reg++) {
			struct mspec s = {X86_RIP, X86_NOREG, 1, rips[i]};

			x86_mov_rm(begin(), 64, reg, M(&s));
			endm("mem_sweep", &s, 64, "mov %s, @", r64[reg]);
			/* An immediate after the displacement moves the
			 * end of the instruction the displacement counts
			 * from. */
			x86_mov_mi(begin(), 32, M(&s), 0x12345678);
			endm("mem_sweep", &s, 32, "mov @, 0x12345678");
			x86_alu_mi(begin(), X86_CMP, 8, M(&s), 0x80);
			endm("mem_sweep", &s, 8, "cmp @, 0x80");
		}
}

static const unsigned ext_pairs[][2] = {{16, 8},  {32, 8},  {64, 8},
					{32, 16}, {64, 16}, {64, 32}};

static void gen_ext(void)
{
	for (unsigned p = 0; p < N(ext_pairs); p++) {
		unsigned db = ext_pairs[p][0], sb = ext_pairs[p][1];
		/* Zero extension to 64 bits is written in 32 bits. */
		unsigned zdb = db == 64 ? 32 : db;

		for (int d = 0; d < 16; d++)
			for (int s = 0; s < 16; s++) {
				x86_movzx_rr(begin(), db, sb, d, s);
				if (sb == 32)
					endf("movzx", "mov %s, %s", r32[d],
					     r32[s]);
				else
					endf("movzx", "movzx %s, %s", R(zdb, d),
					     R(sb, s));
				x86_movsx_rr(begin(), db, sb, d, s);
				endf("movsx", "%s %s, %s",
				     sb == 32 ? "movsxd" : "movsx", R(db, d),
				     R(sb, s));
			}
		for (unsigned r = 0; r < N(some_regs); r++)
			for (unsigned k = 0; k < NMEMS; k++) {
				int d = some_regs[r];

				x86_movzx_rm(begin(), db, sb, d, M(&mems[k]));
				endm("movzx", &mems[k], sb, "%s %s, @",
				     sb == 32 ? "mov" : "movzx", R(zdb, d));
				x86_movsx_rm(begin(), db, sb, d, M(&mems[k]));
				endm("movsx", &mems[k], sb, "%s %s, @",
				     sb == 32 ? "movsxd" : "movsx", R(db, d));
			}
	}
	/* x86_load: every size, both signs, into the whole register. */
	for (unsigned z = 0; z < N(sizes); z++)
		for (int sign = 0; sign < 2; sign++)
			for (unsigned k = 0; k < NMEMS; k++) {
				unsigned bits = sizes[z];
				const char *op =
					bits == 64   ? "mov"
					: bits == 32 ? sign ? "movsxd" : "mov"
					: sign	     ? "movsx"
						     : "movzx";
				int d = bits == 64 || sign ? 64 : 32;

				x86_load(begin(), bits, sign, X86_R9,
					 M(&mems[k]));
				endm("load", &mems[k], bits, "%s %s, @", op,
				     R(d, X86_R9));
			}
}

static void gen_lea(void)
{
	static const unsigned lsizes[] = {16, 32, 64};

	for (unsigned z = 0; z < N(lsizes); z++)
		for (unsigned r = 0; r < N(some_regs); r++)
			for (unsigned k = 0; k < NMEMS; k++) {
				int d = some_regs[r];

				x86_lea(begin(), lsizes[z], d, M(&mems[k]));
				endm("lea", &mems[k], 0, "lea %s, @",
				     R(lsizes[z], d));
			}
}

static void gen_alu(void)
{
	for (unsigned op = 0; op < 8; op++) {
		bool logical = op == X86_AND || op == X86_OR || op == X86_XOR;
		const char *name = alu_names[op];

		for (unsigned z = 0; z < N(sizes); z++) {
			unsigned bits = sizes[z];

			for (int d = 0; d < 16; d++)
				for (int s = 0; s < 16; s++) {
					x86_alu_rr(begin(), op, bits, d, s);
					endf("alu_rr", "%s %s, %s", name,
					     R(bits, d), R(bits, s));
				}
			for (int d = 0; d < 16; d++)
				for (unsigned i = 0; i < N(imms); i++) {
					int64_t v = imms[i];

					if (!fits_op(v, bits))
						continue;
					x86_alu_ri(begin(), op, bits, d, v);
					endf("alu_ri", "%s %s, %s", name,
					     R(bits, d),
					     cs_imm(v, bits, true, logical));
				}
			for (unsigned r = 0; r < N(few_regs); r++)
				for (unsigned k = 0; k < NMEMS; k++) {
					int reg = few_regs[r];
					const struct mspec *s = &mems[k];

					x86_alu_rm(begin(), op, bits, reg,
						   M(s));
					endm("alu_rm", s, bits, "%s %s, @",
					     name, R(bits, reg));
					x86_alu_mr(begin(), op, bits, M(s),
						   reg);
					endm("alu_mr", s, bits, "%s @, %s",
					     name, R(bits, reg));
					if (op == X86_CMP)
						continue;
					x86_lock_alu_mr(begin(), op, bits, M(s),
							reg);
					endm("lock_alu", s, bits,
					     "lock %s @, %s", name,
					     R(bits, reg));
				}
			for (unsigned k = 0; k < NMEMS; k++)
				for (unsigned i = 0; i < N(few_imms); i++) {
					int64_t v = few_imms[i];
					const struct mspec *s = &mems[k];
					const char *t;

					if (!fits_op(v, bits))
						continue;
					t = cs_imm(v, bits, true, logical);
					x86_alu_mi(begin(), op, bits, M(s), v);
					endm("alu_mi", s, bits, "%s @, %s",
					     name, t);
					if (op == X86_CMP)
						continue;
					x86_lock_alu_mi(begin(), op, bits, M(s),
							v);
					endm("lock_alu", s, bits,
					     "lock %s @, %s", name, t);
				}
		}
	}
	/* The named wrappers reach the same encoders. */
	x86_add_rr(begin(), 64, X86_RAX, X86_R9);
	endf("alu_named", "add rax, r9");
	x86_sub_ri(begin(), 32, X86_R10, 1000);
	endf("alu_named", "sub r10d, 0x3e8");
	x86_and_ri(begin(), 64, X86_RDI, -16);
	endf("alu_named", "and rdi, 0xfffffffffffffff0");
	x86_or_rm(begin(), 16, X86_RDX, x86_mem(X86_RSP, 2));
	endf("alu_named", "or dx, word ptr [rsp + 2]");
	x86_xor_rr(begin(), 8, X86_RSI, X86_RDI);
	endf("alu_named", "xor sil, dil");
	x86_cmp_ri(begin(), 64, X86_R15, -1);
	endf("alu_named", "cmp r15, -1");
	x86_zero(begin(), X86_R12);
	endf("alu_named", "xor r12d, r12d");
	x86_zero(begin(), X86_RDX);
	endf("alu_named", "xor edx, edx");
}

static void gen_test(void)
{
	for (unsigned z = 0; z < N(sizes); z++) {
		unsigned bits = sizes[z];

		for (int a = 0; a < 16; a++)
			for (int c = 0; c < 16; c++) {
				x86_test_rr(begin(), bits, a, c);
				endf("test", "test %s, %s", R(bits, a),
				     R(bits, c));
			}
		for (int r = 0; r < 16; r++)
			for (unsigned i = 0; i < N(imms); i++) {
				int64_t v = imms[i];

				if (!fits_op(v, bits))
					continue;
				x86_test_ri(begin(), bits, r, v);
				endf("test", "test %s, %s", R(bits, r),
				     cs_imm(v, bits, false, false));
			}
		for (unsigned k = 0; k < NMEMS; k++) {
			for (unsigned r = 0; r < N(few_regs); r++) {
				x86_test_mr(begin(), bits, M(&mems[k]),
					    few_regs[r]);
				endm("test", &mems[k], bits, "test @, %s",
				     R(bits, few_regs[r]));
			}
			for (unsigned i = 0; i < N(few_imms); i++) {
				int64_t v = few_imms[i];

				if (!fits_op(v, bits))
					continue;
				x86_test_mi(begin(), bits, M(&mems[k]), v);
				endm("test", &mems[k], bits, "test @, %s",
				     cs_imm(v, bits, false, false));
			}
		}
	}
}

static void gen_unop(void)
{
	for (unsigned op = 0; op < 8; op++)
		for (unsigned z = 0; z < N(sizes); z++) {
			unsigned bits = sizes[z];

			for (int r = 0; r < 16; r++) {
				x86_unop_r(begin(), op, bits, r);
				endf("unop", "%s %s", unop_names[op],
				     R(bits, r));
			}
			for (unsigned k = 0; k < NMEMS; k++) {
				x86_unop_m(begin(), op, bits, M(&mems[k]));
				endm("unop", &mems[k], bits, "%s @",
				     unop_names[op]);
			}
		}
	x86_neg(begin(), 64, X86_R8);
	endf("unop", "neg r8");
	x86_not(begin(), 32, X86_RSP);
	endf("unop", "not esp");
	x86_inc(begin(), 8, X86_RDI);
	endf("unop", "inc dil");
	x86_dec(begin(), 16, X86_R15);
	endf("unop", "dec r15w");
}

static void gen_shift(void)
{
	static const unsigned ops[] = {X86_ROL, X86_ROR, 2,	 3,
				       X86_SHL, X86_SHR, X86_SAR};
	static const uint8_t counts[] = {0, 1, 2, 7, 31, 63};

	for (unsigned o = 0; o < N(ops); o++)
		for (unsigned z = 0; z < N(sizes); z++)
			for (int r = 0; r < 16; r++) {
				unsigned bits = sizes[z], op = ops[o];

				for (unsigned c = 0; c < N(counts); c++) {
					x86_shift_ri(begin(), op, bits, r,
						     counts[c]);
					endf("shift", "%s %s, %s",
					     shift_names[op], R(bits, r),
					     U(counts[c]));
				}
				x86_shift_rcl(begin(), op, bits, r);
				endf("shift", "%s %s, cl", shift_names[op],
				     R(bits, r));
			}
}

static void gen_imul(void)
{
	static const unsigned isizes[] = {16, 32, 64};
	static const int32_t iimms[] = {
		0,	1,	 -1,	 0x7f,	     0x80,	-0x80, -0x81,
		0x7fff, -0x8000, 0xffff, 0x12345678, INT32_MIN, -1000};

	for (unsigned z = 0; z < N(isizes); z++) {
		unsigned bits = isizes[z];

		for (unsigned i = 0; i < N(some_regs); i++)
			for (unsigned j = 0; j < N(some_regs); j++) {
				int d = some_regs[i], s = some_regs[j];

				x86_imul_rr(begin(), bits, d, s);
				endf("imul", "imul %s, %s", R(bits, d),
				     R(bits, s));
				for (unsigned k = 0; k < N(iimms); k++) {
					int32_t v = iimms[k];

					if (!fits_op(v, bits))
						continue;
					x86_imul_rri(begin(), bits, d, s, v);
					endf("imul", "imul %s, %s, %s",
					     R(bits, d), R(bits, s),
					     cs_imm(v, bits, true, false));
				}
			}
		for (unsigned r = 0; r < N(few_regs); r++)
			for (unsigned k = 0; k < NMEMS; k++) {
				x86_imul_rm(begin(), bits, few_regs[r],
					    M(&mems[k]));
				endm("imul", &mems[k], bits, "imul %s, @",
				     R(bits, few_regs[r]));
			}
	}
}

static void gen_misc(void)
{
	x86_cqo(begin());
	endf("misc", "cqo");
	x86_cdq(begin());
	endf("misc", "cdq");
	x86_mfence(begin());
	endf("misc", "mfence");
	x86_lfence(begin());
	endf("misc", "lfence");
	x86_sfence(begin());
	endf("misc", "sfence");
	x86_pause(begin());
	endf("misc", "pause");
	x86_ret(begin());
	endf("misc", "ret");
	x86_int3(begin());
	endf("misc", "int3");
	x86_ud2(begin());
	endf("misc", "ud2");
	for (int r = 0; r < 16; r++) {
		x86_push(begin(), r);
		endf("misc", "push %s", r64[r]);
		x86_pop(begin(), r);
		endf("misc", "pop %s", r64[r]);
		x86_bswap(begin(), 32, r);
		endf("bswap", "bswap %s", r32[r]);
		x86_bswap(begin(), 64, r);
		endf("bswap", "bswap %s", r64[r]);
	}
	{
		static const uint8_t raw[] = {0x0f, 0x01, 0xf9};

		x86_bytes(begin(), raw, sizeof(raw));
		endf("misc", "rdtscp");
	}
}

static void gen_cc(void)
{
	static const unsigned csizes[] = {16, 32, 64};

	for (unsigned cc = 0; cc < 16; cc++) {
		for (int r = 0; r < 16; r++) {
			x86_setcc_r(begin(), cc, r);
			endf("setcc", "set%s %s", cc_names[cc], r8n[r]);
		}
		for (unsigned k = 0; k < NMEMS; k++) {
			x86_setcc_m(begin(), cc, M(&mems[k]));
			endm("setcc", &mems[k], 8, "set%s @", cc_names[cc]);
		}
		for (unsigned z = 0; z < N(csizes); z++) {
			unsigned bits = csizes[z];

			for (unsigned i = 0; i < N(some_regs); i++)
				for (unsigned j = 0; j < N(some_regs); j++) {
					int d = some_regs[i], s = some_regs[j];

					x86_cmov_rr(begin(), cc, bits, d, s);
					endf("cmov", "cmov%s %s, %s",
					     cc_names[cc], R(bits, d),
					     R(bits, s));
				}
			for (unsigned k = 0; k < NMEMS; k += 3) {
				x86_cmov_rm(begin(), cc, bits, X86_R11,
					    M(&mems[k]));
				endm("cmov", &mems[k], bits, "cmov%s %s, @",
				     cc_names[cc], R(bits, X86_R11));
			}
		}
	}
}

static void gen_bits(void)
{
	static const unsigned bsizes[] = {16, 32, 64};
	static const char *const cnt[] = {"lzcnt", "tzcnt", "popcnt"};
	static const uint8_t bitn[] = {0, 5, 15, 31, 63};

	for (unsigned z = 0; z < N(bsizes); z++) {
		unsigned bits = bsizes[z];

		for (unsigned i = 0; i < N(some_regs); i++)
			for (unsigned j = 0; j < N(some_regs); j++) {
				int d = some_regs[i], s = some_regs[j];

				x86_lzcnt_rr(begin(), bits, d, s);
				endf("bitcount", "lzcnt %s, %s", R(bits, d),
				     R(bits, s));
				x86_tzcnt_rr(begin(), bits, d, s);
				endf("bitcount", "tzcnt %s, %s", R(bits, d),
				     R(bits, s));
				x86_popcnt_rr(begin(), bits, d, s);
				endf("bitcount", "popcnt %s, %s", R(bits, d),
				     R(bits, s));
				for (unsigned op = X86_BT; op <= X86_BTC;
				     op++) {
					x86_bitop_rr(begin(), op, bits, d, s);
					endf("bitop", "%s %s, %s",
					     bitop_names[op - 4], R(bits, d),
					     R(bits, s));
				}
			}
		for (unsigned k = 0; k < NMEMS; k++) {
			const struct mspec *s = &mems[k];

			x86_lzcnt_rm(begin(), bits, X86_RSI, M(s));
			endm("bitcount", s, bits, "%s %s, @", cnt[0],
			     R(bits, X86_RSI));
			x86_tzcnt_rm(begin(), bits, X86_R8, M(s));
			endm("bitcount", s, bits, "%s %s, @", cnt[1],
			     R(bits, X86_R8));
			x86_popcnt_rm(begin(), bits, X86_RAX, M(s));
			endm("bitcount", s, bits, "%s %s, @", cnt[2],
			     R(bits, X86_RAX));
			for (unsigned op = X86_BT; op <= X86_BTC; op++) {
				x86_bitop_mr(begin(), op, bits, M(s), X86_R12);
				endm("bitop", s, bits, "%s @, %s",
				     bitop_names[op - 4], R(bits, X86_R12));
				x86_bitop_mi(begin(), op, bits, M(s), 13);
				endm("bitop", s, bits, "%s @, 0xd",
				     bitop_names[op - 4]);
			}
		}
		for (int r = 0; r < 16; r++)
			for (unsigned op = X86_BT; op <= X86_BTC; op++)
				for (unsigned i = 0; i < N(bitn); i++) {
					x86_bitop_ri(begin(), op, bits, r,
						     bitn[i]);
					endf("bitop", "%s %s, %s",
					     bitop_names[op - 4], R(bits, r),
					     U(bitn[i]));
				}
	}
}

static void gen_bmi(void)
{
	static const unsigned bsizes[] = {32, 64};
	static const uint8_t rot[] = {0, 1, 13, 31, 63};
	const unsigned n = N(some_regs);

	for (unsigned z = 0; z < N(bsizes); z++) {
		unsigned bits = bsizes[z];

		for (unsigned i = 0; i < n; i++)
			for (unsigned j = 0; j < n; j++) {
				int d = some_regs[i], s = some_regs[j];
				int c = some_regs[(i + 3 * j + 1) % n];

				x86_shlx(begin(), bits, d, s, c);
				endf("bmi", "shlx %s, %s, %s", R(bits, d),
				     R(bits, s), R(bits, c));
				x86_shrx(begin(), bits, d, s, c);
				endf("bmi", "shrx %s, %s, %s", R(bits, d),
				     R(bits, s), R(bits, c));
				x86_sarx(begin(), bits, d, s, c);
				endf("bmi", "sarx %s, %s, %s", R(bits, d),
				     R(bits, s), R(bits, c));
				x86_andn(begin(), bits, d, s, c);
				endf("bmi", "andn %s, %s, %s", R(bits, d),
				     R(bits, s), R(bits, c));
				x86_mulx(begin(), bits, d, s, c);
				endf("bmi", "mulx %s, %s, %s", R(bits, d),
				     R(bits, s), R(bits, c));
				x86_rorx(begin(), bits, d, s, rot[j % N(rot)]);
				endf("bmi", "rorx %s, %s, %s", R(bits, d),
				     R(bits, s), U(rot[j % N(rot)]));
			}
	}
}

static void gen_xchg_atomic(void)
{
	for (unsigned z = 0; z < N(sizes); z++) {
		unsigned bits = sizes[z];

		for (int a = 0; a < 16; a++)
			for (int c = 0; c < 16; c++) {
				char as[64];

				x86_xchg_rr(begin(), bits, a, c);
				snprintf(as, sizeof(as), "xchg %s, %s",
					 R(bits, a), R(bits, c));
				if (bits != 8 && bits != 32 && a == 0 && c == 0)
					/* No-op exchanges are NOPs. */
					endf2("xchg", as, "nop");
				else if (bits != 8 && (a == 0 || c == 0) &&
					 (a | c))
					/* The short form names rAX first. */
					endf2("xchg", as, "xchg %s, %s",
					      R(bits, 0), R(bits, a | c));
				else
					endf("xchg", "%s", as);
			}
		for (unsigned k = 0; k < NMEMS; k++)
			for (unsigned r = 0; r < N(few_regs); r++) {
				const struct mspec *s = &mems[k];
				const char *rn = R(bits, few_regs[r]);

				x86_xchg_mr(begin(), bits, M(s), few_regs[r]);
				endm("xchg", s, bits, "xchg @, %s", rn);
				x86_lock_cmpxchg(begin(), bits, M(s),
						 few_regs[r]);
				endm("lock", s, bits, "lock cmpxchg @, %s", rn);
				x86_lock_xadd(begin(), bits, M(s), few_regs[r]);
				endm("lock", s, bits, "lock xadd @, %s", rn);
			}
	}
}

static void gen_indirect(void)
{
	for (int r = 0; r < 16; r++) {
		x86_jmp_r(begin(), r);
		endf("indirect", "jmp %s", r64[r]);
		x86_call_r(begin(), r);
		endf("indirect", "call %s", r64[r]);
	}
	for (unsigned k = 0; k < NMEMS; k++) {
		x86_jmp_m(begin(), M(&mems[k]));
		endm("indirect", &mems[k], 64, "jmp @");
		x86_call_m(begin(), M(&mems[k]));
		endm("indirect", &mems[k], 64, "call @");
	}
}

/* ---- NOP texts ---- */

/* Capstone's text and as's input for the SDM's NOP of each length; as
 * needs {disp8}/{disp32} to keep a zero displacement. */
static const char *const nop_cs[] = {
	"",
	"nop",
	"nop",
	"nop dword ptr [rax]",
	"nop dword ptr [rax]",
	"nop dword ptr [rax + rax]",
	"nop word ptr [rax + rax]",
	"nop dword ptr [rax]",
	"nop dword ptr [rax + rax]",
	"nop word ptr [rax + rax]",
};
static const char *const nop_as[] = {
	"",
	"nop",
	"xchg ax, ax",
	"nop dword ptr [rax]",
	"{disp8} nop dword ptr [rax]",
	"{disp8} nop dword ptr [rax + rax*1]",
	"{disp8} nop word ptr [rax + rax*1]",
	"{disp32} nop dword ptr [rax]",
	"{disp32} nop dword ptr [rax + rax*1]",
	"{disp32} nop word ptr [rax + rax*1]",
};

/* Appends "; text" (or text when s is empty). */
static void cat(char *s, size_t n, const char *text)
{
	size_t k = strlen(s);

	if (!*text)
		return;
	snprintf(s + k, n - k, "%s%s", k ? "; " : "", text);
}

static void nop_text(char *cs, char *as, size_t n, size_t len)
{
	while (len) {
		size_t k = len < 9 ? len : 9;

		cat(cs, n, nop_cs[k]);
		cat(as, n, nop_as[k]);
		len -= k;
	}
}

static void gen_nop(void)
{
	char cs[1024], as[1024];
	static const unsigned aligns[] = {1, 2, 4, 8, 16, 32, 64};

	for (size_t n = 0; n <= 40; n++) {
		*cs = *as = 0;
		x86_nop(begin(), n);
		nop_text(cs, as, sizeof(cs), n);
		end("nop", cs, as);
	}
	for (unsigned a = 0; a < N(aligns); a++)
		for (unsigned k = 0; k < 10; k++) {
			struct x86_buf *b = begin();
			size_t pad = (size_t)(-(AT + k) & (aligns[a] - 1));

			*cs = *as = 0;
			x86_nop(b, k);
			x86_align(b, aligns[a]);
			nop_text(cs, as, sizeof(cs), k);
			nop_text(cs, as, sizeof(cs), pad);
			end("align", cs, as);
		}
}

/* ---- branches ---- */

/* A jump, call or lea at case offset `at` to absolute `target`; as gets
 * it relative to the section start B, which relaxation turns into the
 * shortest form unless {disp32} is asked for. */
static void br_text(char *cs, char *as, size_t n, const char *op,
		    uint64_t target, bool near)
{
	char t[128];

	snprintf(t, sizeof(t), "%s %s", op, U(target));
	cat(cs, n, t);
	snprintf(t, sizeof(t), "%s%s B%+" PRId64, near ? "{disp32} " : "", op,
		 (int64_t)target);
	cat(as, n, t);
}

static void gen_jump_to(void)
{
	static const int64_t rels[] = {0,	   2,	       0x81,   0x82,
				       -0x7e,	   -0x7f,      0x1000, -0x1000,
				       0x7fffff00, -0x7fffff00};
	const uint64_t far = 0x123456789ab0;
	char cs[256], as[256];

	for (unsigned i = 0; i < N(rels); i++) {
		int64_t rel = rels[i];
		bool short8 = rel - 2 >= -128 && rel - 2 <= 127;

		x86_jmp_to(begin(), AT + (uint64_t)rel);
		*cs = *as = 0;
		br_text(cs, as, sizeof(cs), "jmp", AT + (uint64_t)rel, !short8);
		end("jump_to", cs, as);
		for (unsigned cc = 0; cc < 16; cc++) {
			char op[8];

			x86_jcc_to(begin(), cc, AT + (uint64_t)rel);
			snprintf(op, sizeof(op), "j%s", cc_names[cc]);
			*cs = *as = 0;
			br_text(cs, as, sizeof(cs), op, AT + (uint64_t)rel,
				!short8);
			end("jump_to", cs, as);
		}
		x86_call_to(begin(), AT + (uint64_t)rel);
		*cs = *as = 0;
		br_text(cs, as, sizeof(cs), "call", AT + (uint64_t)rel, false);
		end("jump_to", cs, as);
	}
	/* Out of reach: the long forms. */
	x86_jmp_to(begin(), far);
	snprintf(as, sizeof(as), "jmp qword ptr [rip]; .quad %s", U(far));
	end_data("jump_far", "jmp qword ptr [rip]", as, 8);
	for (unsigned cc = 0; cc < 16; cc++) {
		char op[8];

		x86_jcc_to(begin(), cc, far);
		snprintf(op, sizeof(op), "j%s", cc_names[cc ^ 1]);
		*cs = *as = 0;
		br_text(cs, as, sizeof(cs), op, AT + 16, false);
		cat(cs, sizeof(cs), "jmp qword ptr [rip]");
		snprintf(as + strlen(as), sizeof(as) - strlen(as),
			 "; jmp qword ptr [rip]; .quad %s", U(far));
		end_data("jump_far", cs, as, 8);
	}
	x86_call_to(begin(), far);
	endf("jump_far", "movabs r11, %s; call r11", U(far));
}

static void gen_labels(void)
{
	char cs[4096], as[4096];

	for (int cc = -1; cc < 16; cc++) {
		char op[8];

		snprintf(op, sizeof(op), cc < 0 ? "jmp" : "j%s",
			 cc < 0 ? "" : cc_names[cc]);
		/* Forward: rel32 by default, rel8 on request. */
		static const size_t fwd[] = {0, 1, 2, 127, 128, 300};
		static const size_t back[] = {0, 62, 124, 125, 126, 127, 200};

		for (unsigned f = 0; f < N(fwd); f++) {
			size_t k = fwd[f];

			for (int shrt = 0; shrt < 2; shrt++) {
				struct x86_buf *b = begin();
				struct x86_label l = {0};
				size_t len = shrt ? 2 : cc < 0 ? 5 : 6;

				if (shrt && k > 127)
					continue;
				if (shrt)
					cc < 0 ? x86_jmp8(b, &l)
					       : x86_jcc8(b, cc, &l);
				else
					cc < 0 ? x86_jmp(b, &l)
					       : x86_jcc(b, cc, &l);
				x86_nop(b, k);
				x86_bind(b, &l);
				*cs = *as = 0;
				br_text(cs, as, sizeof(cs), op, AT + len + k,
					!shrt);
				nop_text(cs, as, sizeof(cs), k);
				end("labels", cs, as);
			}
		}
		/* Backward: rel8 while it reaches, then rel32. */
		for (unsigned f = 0; f < N(back); f++) {
			size_t k = back[f];
			struct x86_buf *b = begin();
			struct x86_label l = {0};

			x86_bind(b, &l);
			x86_nop(b, k);
			if (cc < 0)
				x86_jmp(b, &l);
			else
				x86_jcc(b, cc, &l);
			*cs = *as = 0;
			nop_text(cs, as, sizeof(cs), k);
			br_text(cs, as, sizeof(cs), op, AT, k + 2 > 128);
			end("labels", cs, as);
		}
	}
	/* Several pending uses of one label, near and short mixed. */
	{
		struct x86_buf *b = begin();
		struct x86_label l = {0};
		uint64_t t = AT + 5 + 2 + 6 + 2 + 5 + 1;

		x86_jmp(b, &l);
		x86_jcc8(b, X86_CC_E, &l);
		x86_jcc(b, X86_CC_NE, &l);
		x86_jmp8(b, &l);
		x86_call(b, &l);
		x86_int3(b);
		x86_bind(b, &l);
		x86_ret(b);
		*cs = *as = 0;
		br_text(cs, as, sizeof(cs), "jmp", t, true);
		br_text(cs, as, sizeof(cs), "je", t, false);
		br_text(cs, as, sizeof(cs), "jne", t, true);
		br_text(cs, as, sizeof(cs), "jmp", t, false);
		br_text(cs, as, sizeof(cs), "call", t, false);
		cat(cs, sizeof(cs), "int3; ret");
		cat(as, sizeof(as), "int3; ret");
		end("labels", cs, as);
	}
	/* call and lea to labels, both directions. */
	for (int r = 0; r < 16; r += 5) {
		struct x86_buf *b = begin();
		struct x86_label fwd = {0}, back = {0};
		char t[64];

		x86_bind(b, &back);
		x86_call(b, &fwd);
		x86_lea_label(b, r, &fwd);
		x86_lea_label(b, r, &back);
		x86_call(b, &back);
		x86_bind(b, &fwd);
		*cs = *as = 0;
		br_text(cs, as, sizeof(cs), "call", AT + 5 + 14 + 5, false);
		snprintf(t, sizeof(t), "lea %s, [rip + 0xc]", r64[r]);
		cat(cs, sizeof(cs), t);
		cat(as, sizeof(as), t);
		snprintf(t, sizeof(t), "lea %s, [rip - 0x13]", r64[r]);
		cat(cs, sizeof(cs), t);
		cat(as, sizeof(as), t);
		br_text(cs, as, sizeof(cs), "call", AT, false);
		end("labels", cs, as);
	}
}

static void gen_patchable(void)
{
	char cs[512], as[512];

	for (unsigned k = 0; k < 8; k++) {
		for (int cc = -1; cc < 16; cc += 5) {
			struct x86_buf *b = begin();
			unsigned opn = cc < 0 ? 1 : 2;
			size_t pad = (size_t)(-(AT + k + opn) & 3);
			uint64_t target = AT + 0x1234;
			uint8_t *insn, *want;
			char op[8];

			x86_nop(b, k);
			want = img + AT + k + pad;
			insn = cc < 0 ? x86_jmp_patchable(b, target)
				      : x86_jcc_patchable(b, cc, target);
			snprintf(op, sizeof(op), cc < 0 ? "jmp" : "j%s",
				 cc < 0 ? "" : cc_names[cc]);
			*cs = *as = 0;
			nop_text(cs, as, sizeof(cs), k);
			nop_text(cs, as, sizeof(cs), pad);
			br_text(cs, as, sizeof(cs), op, target, true);
			end("patchable", cs, as);
			if (insn != want)
				fail("x86/patchable", "site at %p, not %p",
				     (void *)insn, (void *)want);
		}
		{
			struct x86_buf *b = begin();
			size_t pad = (size_t)(-(AT + k + 2) & 7);
			uint8_t *insn, *want = img + AT + k + pad;
			char t[64];

			x86_nop(b, k);
			insn = x86_mov_ri64_patchable(b, X86_R9, 5);
			*cs = *as = 0;
			nop_text(cs, as, sizeof(cs), k);
			nop_text(cs, as, sizeof(cs), pad);
			snprintf(t, sizeof(t), "movabs r9, 5");
			cat(cs, sizeof(cs), t);
			cat(as, sizeof(as), t);
			end("patchable", cs, as);
			if (insn != want)
				fail("x86/patchable", "mov site misplaced");
		}
	}
}

/* ---- SSE ---- */

struct sse_desc {
	enum x86_sse op;
	const char *name;
	unsigned membits;
};

static const struct sse_desc sse_ops[] = {
	{X86_ADDSS, "addss", 32},	{X86_ADDSD, "addsd", 64},
	{X86_MULSS, "mulss", 32},	{X86_MULSD, "mulsd", 64},
	{X86_SUBSS, "subss", 32},	{X86_SUBSD, "subsd", 64},
	{X86_MINSS, "minss", 32},	{X86_MINSD, "minsd", 64},
	{X86_DIVSS, "divss", 32},	{X86_DIVSD, "divsd", 64},
	{X86_MAXSS, "maxss", 32},	{X86_MAXSD, "maxsd", 64},
	{X86_SQRTSS, "sqrtss", 32},	{X86_SQRTSD, "sqrtsd", 64},
	{X86_CVTSS2SD, "cvtss2sd", 32}, {X86_CVTSD2SS, "cvtsd2ss", 64},
	{X86_UCOMISS, "ucomiss", 32},	{X86_UCOMISD, "ucomisd", 64},
	{X86_COMISS, "comiss", 32},	{X86_COMISD, "comisd", 64},
	{X86_ANDPS, "andps", 128},	{X86_ANDPD, "andpd", 128},
	{X86_ANDNPS, "andnps", 128},	{X86_ANDNPD, "andnpd", 128},
	{X86_ORPS, "orps", 128},	{X86_ORPD, "orpd", 128},
	{X86_XORPS, "xorps", 128},	{X86_XORPD, "xorpd", 128},
	{X86_MOVAPS, "movaps", 128},
};

static const int some_xmm[] = {0, 1, 7, 8, 13, 15};

static void gen_sse(void)
{
	static const char *const preds[] = {"eq",  "lt",  "le",	 "unord",
					    "neq", "nlt", "nle", "ord"};
	static const uint8_t rimm[] = {0, 1, 4, 9, 0xa, 0xff};

	for (int x = 0; x < 16; x++)
		for (int r = 0; r < 16; r++) {
			x86_movd_xr(begin(), 32, x, r);
			endf("sse_mov", "movd %s, %s", xmms[x], r32[r]);
			x86_movd_xr(begin(), 64, x, r);
			endf("sse_mov", "movq %s, %s", xmms[x], r64[r]);
			x86_movd_rx(begin(), 32, r, x);
			endf("sse_mov", "movd %s, %s", r32[r], xmms[x]);
			x86_movd_rx(begin(), 64, r, x);
			endf("sse_mov", "movq %s, %s", r64[r], xmms[x]);
			x86_movss_xx(begin(), x, r);
			endf("sse_mov", "movss %s, %s", xmms[x], xmms[r]);
			x86_movsd_xx(begin(), x, r);
			endf("sse_mov", "movsd %s, %s", xmms[x], xmms[r]);
			x86_movq_xx(begin(), x, r);
			endf("sse_mov", "movq %s, %s", xmms[x], xmms[r]);
			for (unsigned o = 0; o < N(sse_ops); o++) {
				x86_sse_xx(begin(), sse_ops[o].op, x, r);
				endf("sse", "%s %s, %s", sse_ops[o].name,
				     xmms[x], xmms[r]);
			}
		}
	for (unsigned i = 0; i < N(some_xmm); i++)
		for (unsigned k = 0; k < NMEMS; k++) {
			const struct mspec *s = &mems[k];
			int x = some_xmm[i];

			x86_movss_xm(begin(), x, M(s));
			endm("sse_mov", s, 32, "movss %s, @", xmms[x]);
			x86_movss_mx(begin(), M(s), x);
			endm("sse_mov", s, 32, "movss @, %s", xmms[x]);
			x86_movsd_xm(begin(), x, M(s));
			endm("sse_mov", s, 64, "movsd %s, @", xmms[x]);
			x86_movsd_mx(begin(), M(s), x);
			endm("sse_mov", s, 64, "movsd @, %s", xmms[x]);
			x86_movq_xm(begin(), x, M(s));
			endm("sse_mov", s, 64, "movq %s, @", xmms[x]);
			x86_movq_mx(begin(), M(s), x);
			endm("sse_mov", s, 64, "movq @, %s", xmms[x]);
			for (unsigned o = 0; o < N(sse_ops); o++) {
				enum x86_sse op = sse_ops[o].op;

				x86_sse_xm(begin(), op, x, M(s));
				endm("sse", s, sse_ops[o].membits, "%s %s, @",
				     sse_ops[o].name, xmms[x]);
				if (op == X86_COMISS || op == X86_COMISD) {
					/* Capstone before 5.0.7 prints their
					 * m32/m64 operand as xmmword. */
					char mc[160], ma[160], t[400];

					mem_text(mc, ma, sizeof(mc), 128, s);
					snprintf(t, sizeof(t), "%s %s, %s",
						 sse_ops[o].name, xmms[x], mc);
					cases[ncases - 1].cs_alt = fill_rip(
						t,
						cases[ncases - 1].off +
							cases[ncases - 1].len);
				}
			}
			x86_ldmxcsr(begin(), M(s));
			endm("mxcsr", s, 32, "ldmxcsr @");
			x86_stmxcsr(begin(), M(s));
			endm("mxcsr", s, 32, "stmxcsr @");
		}
	for (unsigned i = 0; i < N(some_xmm); i++)
		for (unsigned j = 0; j < N(some_xmm); j++) {
			int x = some_xmm[i], y = some_xmm[j];

			for (unsigned k = 0; k < N(rimm); k++) {
				x86_sse_xxi(begin(), X86_ROUNDSS, x, y,
					    rimm[k]);
				endf("sse_imm", "roundss %s, %s, %s", xmms[x],
				     xmms[y], U(rimm[k]));
				x86_sse_xxi(begin(), X86_ROUNDSD, x, y,
					    rimm[k]);
				endf("sse_imm", "roundsd %s, %s, %s", xmms[x],
				     xmms[y], U(rimm[k]));
			}
			for (unsigned p = 0; p < 8; p++) {
				x86_sse_xxi(begin(), X86_CMPSS, x, y, p);
				endf("sse_imm", "cmp%sss %s, %s", preds[p],
				     xmms[x], xmms[y]);
				x86_sse_xxi(begin(), X86_CMPSD, x, y, p);
				endf("sse_imm", "cmp%ssd %s, %s", preds[p],
				     xmms[x], xmms[y]);
			}
		}
	for (unsigned k = 0; k < NMEMS; k++) {
		const struct mspec *s = &mems[k];

		x86_sse_xmi(begin(), X86_ROUNDSS, X86_XMM9, M(s), 4);
		endm("sse_imm", s, 32, "roundss xmm9, @, 4");
		x86_sse_xmi(begin(), X86_ROUNDSD, X86_XMM2, M(s), 0xb);
		endm("sse_imm", s, 64, "roundsd xmm2, @, 0xb");
		x86_sse_xmi(begin(), X86_CMPSS, X86_XMM15, M(s), 1);
		endm("sse_imm", s, 32, "cmpltss xmm15, @");
		x86_sse_xmi(begin(), X86_CMPSD, X86_XMM0, M(s), 7);
		endm("sse_imm", s, 64, "cmpordsd xmm0, @");
	}
}

static void gen_cvt(void)
{
	static const struct {
		enum x86_cvt op;
		const char *name;
		unsigned membits; /* of the floating-point source */
	} to_int[] = {
		{X86_CVTSS2SI, "cvtss2si", 32},
		{X86_CVTSD2SI, "cvtsd2si", 64},
		{X86_CVTTSS2SI, "cvttss2si", 32},
		{X86_CVTTSD2SI, "cvttsd2si", 64},
	};

	for (unsigned bits = 32; bits <= 64; bits += 32) {
		for (unsigned i = 0; i < N(some_xmm); i++)
			for (int r = 0; r < 16; r++) {
				int x = some_xmm[i];

				x86_cvt_xr(begin(), X86_CVTSI2SS, bits, x, r);
				endf("cvt", "cvtsi2ss %s, %s", xmms[x],
				     R(bits, r));
				x86_cvt_xr(begin(), X86_CVTSI2SD, bits, x, r);
				endf("cvt", "cvtsi2sd %s, %s", xmms[x],
				     R(bits, r));
				for (unsigned o = 0; o < N(to_int); o++) {
					x86_cvt_rx(begin(), to_int[o].op, bits,
						   r, x);
					endf("cvt", "%s %s, %s", to_int[o].name,
					     R(bits, r), xmms[x]);
				}
			}
		for (unsigned k = 0; k < NMEMS; k++) {
			const struct mspec *s = &mems[k];

			x86_cvt_xm(begin(), X86_CVTSI2SS, bits, X86_XMM3, M(s));
			endm("cvt", s, bits, "cvtsi2ss xmm3, @");
			x86_cvt_xm(begin(), X86_CVTSI2SD, bits, X86_XMM12,
				   M(s));
			endm("cvt", s, bits, "cvtsi2sd xmm12, @");
			for (unsigned o = 0; o < N(to_int); o++) {
				x86_cvt_rm(begin(), to_int[o].op, bits, X86_R10,
					   M(s));
				endm("cvt", s, to_int[o].membits, "%s %s, @",
				     to_int[o].name, R(bits, X86_R10));
			}
		}
	}
}

static void gen_fma(void)
{
	static const char *const kind[] = {"madd", "msub", "nmadd", "nmsub"};
	static const char *const order[] = {"132", "213", "231"};
	const unsigned n = N(some_xmm);

	for (unsigned o = 0; o < 3; o++)
		for (unsigned t = 0; t < 4; t++)
			for (unsigned bits = 32; bits <= 64; bits += 32) {
				unsigned op = 0x99 + o * 0x10 + t * 2;
				const char *sfx = bits == 32 ? "ss" : "sd";

				for (unsigned i = 0; i < n; i++)
					for (unsigned j = 0; j < n; j++) {
						int x = some_xmm[i];
						int y = some_xmm[j];
						int z = some_xmm[(i + j) % n];

						x86_fma_xxx(begin(), op, bits,
							    x, y, z);
						endf("fma",
						     "vf%s%s%s %s, %s, %s",
						     kind[t], order[o], sfx,
						     xmms[x], xmms[y], xmms[z]);
					}
				for (unsigned k = 0; k < NMEMS; k++) {
					x86_fma_xxm(begin(), op, bits, X86_XMM1,
						    X86_XMM14, M(&mems[k]));
					endm("fma", &mems[k], bits,
					     "vf%s%s%s xmm1, xmm14, @", kind[t],
					     order[o], sfx);
				}
			}
}

/* ---- checking the cases ---- */

struct group {
	const char *name;
	unsigned n, bad;
	char example[600];
};

static struct group groups[64];
static unsigned ngroups;

static struct group *group_of(const char *name)
{
	for (unsigned i = 0; i < ngroups; i++)
		if (!strcmp(groups[i].name, name))
			return &groups[i];
	if (ngroups == N(groups)) {
		printf("FAIL x86/setup: too many groups\n");
		exit(1);
	}
	groups[ngroups].name = name;
	return &groups[ngroups++];
}

static void hex(char *s, size_t n, const uint8_t *p, size_t len)
{
	size_t k = 0;

	*s = 0;
	for (size_t i = 0; i < len && k + 4 < n; i++)
		k += (size_t)snprintf(s + k, n - k, "%s%02x", i ? " " : "",
				      p[i]);
}

static void __attribute__((format(printf, 2, 3)))
bad_case(struct group *g, const char *fmt, ...)
{
	char buf[sizeof(g->example)];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (!g->bad++)
		strcpy(g->example, buf);
	/* HVRUN_X86_ALL=1 lists every wrong case in the log. */
	if (getenv("HVRUN_X86_ALL"))
		printf("# %s: %s\n", g->name, buf);
}

static void check_capstone(void)
{
	csh h;
	char text[2048], bytes[256];

	if (cs_open(CS_ARCH_X86, CS_MODE_64, &h) != CS_ERR_OK) {
		fail("x86/capstone", "cs_open failed");
		return;
	}
	for (size_t i = 0; i < ncases; i++) {
		struct tcase *c = &cases[i];
		struct group *g = group_of(c->group);
		size_t codelen = c->len - c->datalen, used = 0, cnt;
		cs_insn *in;

		g->n++;
		hex(bytes, sizeof(bytes), img + c->off, c->len);
		if (c->err) {
			bad_case(g, "'%s': the emitter failed (error %u)",
				 c->cs, c->err);
			continue;
		}
		for (size_t k = c->off + c->len; k < c->next; k++)
			if (img[k] != 0xcc) {
				bad_case(g,
					 "'%s': byte written past the "
					 "instruction",
					 c->cs);
				break;
			}
		cnt = cs_disasm(h, img + c->off, codelen, c->off, 0, &in);
		*text = 0;
		for (size_t k = 0; k < cnt; k++) {
			char one[256];

			snprintf(one, sizeof(one), "%s%s%s", in[k].mnemonic,
				 *in[k].op_str ? " " : "", in[k].op_str);
			cat(text, sizeof(text), one);
			used += in[k].size;
		}
		if (cnt)
			cs_free(in, cnt);
		if (used != codelen)
			bad_case(g,
				 "[%s]: Capstone decoded %zu of %zu bytes "
				 "('%s'), expected '%s'",
				 bytes, used, codelen, text, c->cs);
		else if (strcmp(text, c->cs) &&
			 (!c->cs_alt || strcmp(text, c->cs_alt)))
			bad_case(g, "[%s]: Capstone says '%s', expected '%s'",
				 bytes, text, c->cs);
	}
	cs_close(&h);
}

static bool have_tool(const char *name)
{
	char cmd[128];

	snprintf(cmd, sizeof(cmd), "command -v %s >/dev/null 2>&1", name);
	return system(cmd) == 0;
}

static uint8_t *read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	uint8_t *buf = NULL;
	long n;

	if (!f)
		return NULL;
	if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 &&
	    fseek(f, 0, SEEK_SET) == 0) {
		buf = xmalloc((size_t)n + 1);
		if (fread(buf, 1, (size_t)n, f) != (size_t)n) {
			free(buf);
			buf = NULL;
		}
		*len = (size_t)n;
	}
	fclose(f);
	return buf;
}

/* as's first error, with the case it came from. */
static void report_as_error(const char *dir)
{
	char path[256], line[512];
	FILE *f;

	snprintf(path, sizeof(path), "%s/as.log", dir);
	f = fopen(path, "r");
	if (!f || !fgets(line, sizeof(line), f) ||
	    !fgets(line, sizeof(line), f))
		snprintf(line, sizeof(line), "(no message)\n");
	if (f)
		fclose(f);
	line[strcspn(line, "\n")] = 0;
	fail("x86/as", "GNU as rejected the cases: %s", line);
}

/* Returns false if the comparison could not run (and says why). */
static bool check_as(void)
{
	char dir[] = "/tmp/hvrun-x86emit-XXXXXX", path[256], cmd[512];
	uint8_t *bin = NULL;
	size_t binlen = 0;
	bool ran = false;
	FILE *f;

	if (!have_tool("as") || !have_tool("objcopy")) {
		printf("skip x86/as: GNU as or objcopy not found "
		       "(apt-get install binutils); encodings were checked "
		       "with Capstone only\n");
		return false;
	}
	if (!mkdtemp(dir)) {
		fail("x86/as", "mkdtemp: %s", strerror(errno));
		return false;
	}
	snprintf(path, sizeof(path), "%s/t.s", dir);
	f = fopen(path, "w");
	if (!f) {
		fail("x86/as", "%s: %s", path, strerror(errno));
		goto out;
	}
	fprintf(f, ".intel_syntax noprefix\n.text\nB:\n");
	for (size_t i = 0; i < ncases; i++)
		fprintf(f, ".org %u, 0xcc\n%s\n", cases[i].off, cases[i].as);
	if (fclose(f)) {
		fail("x86/as", "writing %s failed", path);
		goto out;
	}
	snprintf(cmd, sizeof(cmd),
		 "cd %s && as --64 -o t.o t.s >as.log 2>&1 && "
		 "objcopy -O binary -j .text t.o t.bin",
		 dir);
	if (system(cmd) != 0) {
		report_as_error(dir);
		goto out;
	}
	snprintf(path, sizeof(path), "%s/t.bin", dir);
	bin = read_file(path, &binlen);
	if (!bin) {
		fail("x86/as", "cannot read %s", path);
		goto out;
	}
	ran = true;
	for (size_t i = 0; i < ncases; i++) {
		struct tcase *c = &cases[i];
		struct group *g = group_of(c->group);
		char ours[256], theirs[256];
		size_t k, alen;
		bool same;

		if (c->err)
			continue;
		/* as's encoding: up to the filler (or the image's end). */
		for (alen = 0;
		     c->off + alen < binlen && c->off + alen < c->next; alen++)
			;
		for (k = c->len; k < alen && bin[c->off + k] == 0xcc; k++)
			;
		same = c->off + c->len <= binlen &&
		       !memcmp(bin + c->off, img + c->off, c->len) && k == alen;
		if (same)
			continue;
		hex(ours, sizeof(ours), img + c->off, c->len);
		/* Show as's bytes up to where the 0xcc filler starts. */
		for (k = alen; k > 0 && bin[c->off + k - 1] == 0xcc; k--)
			;
		if (k < c->len && c->off + c->len <= binlen)
			k = c->len;
		hex(theirs, sizeof(theirs), bin + c->off, k);
		bad_case(g, "'%s': ours [%s], GNU as [%s]", c->as, ours,
			 theirs);
	}
out:
	free(bin);
	snprintf(cmd, sizeof(cmd), "%s%s",
		 getenv("HVRUN_X86_KEEP") ? ": " : "rm -rf ", dir);
	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", dir);
	return ran;
}

static void test_encodings(void)
{
	gen_mov();
	gen_mem_sweep();
	gen_ext();
	gen_lea();
	gen_alu();
	gen_test();
	gen_unop();
	gen_shift();
	gen_imul();
	gen_misc();
	gen_cc();
	gen_bits();
	gen_bmi();
	gen_xchg_atomic();
	gen_indirect();
	gen_nop();
	gen_jump_to();
	gen_labels();
	gen_patchable();
	gen_sse();
	gen_cvt();
	gen_fma();
	printf("# %zu cases, %zu bytes of code\n", ncases, img_len);

	check_capstone();
	check_as();
	for (unsigned i = 0; i < ngroups; i++) {
		struct group *g = &groups[i];

		if (g->bad) {
			char name[64];

			snprintf(name, sizeof(name), "x86/%s", g->name);
			fail(name, "%u of %u cases wrong, e.g. %s", g->bad,
			     g->n, g->example);
		} else
			printf("ok x86/%s (%u cases)\n", g->name, g->n);
	}
	for (size_t i = 0; i < ncases; i++) {
		free(cases[i].cs);
		free(cases[i].as);
		free(cases[i].cs_alt);
	}
	free(cases);
	free(img);
}

/* ---- the buffer's limits ---- */

/* A mix of lengths, from 1 to 14 bytes; ends[] gets each instruction's
 * end offset. */
static size_t emit_seq(struct x86_buf *b, size_t *ends)
{
	size_t n = 0;

#define STEP(call)                             \
	do {                                   \
		call;                          \
		if (ends)                      \
			ends[n] = x86_size(b); \
		n++;                           \
	} while (0)
	STEP(x86_push(b, X86_R12));
	STEP(x86_mov_ri(b, 64, X86_RAX, 0x123456789abcdefLL));
	STEP(x86_ret(b));
	STEP(x86_mov_mi(b, 32, x86_mem_idx(X86_R12, X86_R13, 4, 0x12345678),
			-1));
	STEP(x86_nop(b, 3));
	STEP(x86_alu_ri(b, X86_ADD, 64, X86_RCX, 0x1000));
	STEP(x86_fma_xxm(b, X86_VFMADD231, 64, X86_XMM9, X86_XMM10,
			 x86_mem(X86_RBP, 0x100)));
	STEP(x86_lock_cmpxchg(b, 16, x86_mem(X86_RSP, 8), X86_RSI));
	STEP(x86_jmp_to(b, x86_here(b) + 0x1000));
	STEP(x86_int3(b));
#undef STEP
	return n;
}

static void test_limits(void)
{
	uint8_t ref[256], buf[256 + 32];
	size_t ends[16], reflen, n, size;
	struct x86_buf b;
	bool ok = true;

	x86_init(&b, ref, sizeof(ref), 0x10000);
	n = emit_seq(&b, ends);
	reflen = x86_size(&b);
	if (!x86_ok(&b) || reflen != ends[n - 1]) {
		fail("x86/limits", "reference sequence failed");
		return;
	}
	for (size = 0; size <= reflen + 2; size++) {
		size_t got, k;

		memset(buf, 0xa5, sizeof(buf));
		x86_init(&b, buf, size, 0x10000);
		emit_seq(&b, NULL);
		got = x86_size(&b);
		for (k = size; k < sizeof(buf); k++)
			if (buf[k] != 0xa5)
				break;
		if (k != sizeof(buf)) {
			fail("x86/limits", "size %zu: byte %zu written", size,
			     k);
			ok = false;
			continue;
		}
		if (got > size || memcmp(buf, ref, got)) {
			fail("x86/limits", "size %zu: %zu bytes, not a prefix",
			     size, got);
			ok = false;
			continue;
		}
		if (size >= reflen) {
			if (!x86_ok(&b) || got != reflen) {
				fail("x86/limits", "size %zu: error %u", size,
				     x86_error(&b));
				ok = false;
			}
			continue;
		}
		/* Only whole instructions, and the error is the space. */
		for (k = 0; k < n && ends[k] < got; k++)
			;
		if (x86_error(&b) != X86_ERR_FULL ||
		    (got && (k == n || ends[k] != got))) {
			fail("x86/limits",
			     "size %zu: error %u, %zu bytes (instruction "
			     "boundaries only)",
			     size, x86_error(&b), got);
			ok = false;
			continue;
		}
		/* Sticky: a one-byte instruction that would fit now does
		 * nothing. */
		x86_int3(&b);
		if (x86_size(&b) != got) {
			fail("x86/limits", "size %zu: emission after overflow",
			     size);
			ok = false;
		}
		x86_rewind(&b, buf);
		x86_ret(&b);
		if (size && (!x86_ok(&b) || x86_size(&b) != 1)) {
			fail("x86/limits", "size %zu: rewind", size);
			ok = false;
		}
	}
	/* The first error is the one reported. */
	x86_init(&b, buf, 4, 0);
	x86_mov_rr(&b, 12, X86_RAX, X86_RCX);
	x86_nop(&b, 100);
	if (x86_error(&b) != X86_ERR_OPERAND) {
		fail("x86/limits",
		     "error %u after a bad operand, then a full "
		     "buffer",
		     x86_error(&b));
		ok = false;
	}
	if (ok)
		printf("ok x86/limits\n");
}

/* ---- labels, patching, refused operands ---- */

static void test_labels_api(void)
{
	uint8_t buf[1024];
	struct x86_buf b;
	struct x86_label l = {0}, m = {0};
	bool ok = true;
	uint8_t *site;

#define CHECK(cond, ...)                                     \
	do {                                                 \
		if (!(cond)) {                               \
			fail("x86/labels-api", __VA_ARGS__); \
			ok = false;                          \
		}                                            \
	} while (0)

	for (unsigned cc = 0; cc < 16; cc++)
		CHECK(x86_cc_not(cc) == (cc ^ 1), "x86_cc_not(%u)", cc);
	CHECK(x86_cc_not(X86_CC_B) == X86_CC_AE &&
		      x86_cc_not(X86_CC_LE) == X86_CC_G,
	      "x86_cc_not pairs");
	x86_init(&b, buf, sizeof(buf), 0x1000);
	CHECK(!x86_label_pending(&l) && !x86_label_bound(&l), "fresh label");
	x86_jmp(&b, &l);
	CHECK(x86_label_pending(&l), "used label not pending");
	x86_bind(&b, &l);
	CHECK(!x86_label_pending(&l) && x86_label_bound(&l), "bound label");
	CHECK(x86_label_exec(&b, &l) == 0x1005, "label address 0x%" PRIx64,
	      x86_label_exec(&b, &l));
	x86_bind(&b, &l);
	CHECK(x86_error(&b) == X86_ERR_OPERAND, "binding twice: error %u",
	      x86_error(&b));

	/* A short jump too far forward fails when the label is bound. */
	x86_init(&b, buf, sizeof(buf), 0x1000);
	x86_jmp8(&b, &m);
	x86_nop(&b, 128);
	x86_bind(&b, &m);
	CHECK(x86_error(&b) == X86_ERR_RANGE, "rel8 to +128: error %u",
	      x86_error(&b));
	x86_init(&b, buf, sizeof(buf), 0x1000);
	memset(&m, 0, sizeof(m));
	x86_jmp8(&b, &m);
	x86_nop(&b, 127);
	x86_bind(&b, &m);
	CHECK(x86_ok(&b) && buf[1] == 127, "rel8 to +127");
	/* ... or backward at once. */
	x86_init(&b, buf, sizeof(buf), 0x1000);
	memset(&m, 0, sizeof(m));
	x86_bind(&b, &m);
	x86_nop(&b, 127);
	x86_jcc8(&b, X86_CC_E, &m);
	CHECK(x86_error(&b) == X86_ERR_RANGE, "rel8 to -129: error %u",
	      x86_error(&b));
	/* Two short uses too far apart to share a target. */
	x86_init(&b, buf, sizeof(buf), 0x1000);
	memset(&m, 0, sizeof(m));
	x86_jmp8(&b, &m);
	x86_nop(&b, 300);
	x86_jmp8(&b, &m);
	CHECK(x86_error(&b) == X86_ERR_RANGE, "short uses 300 apart: %u",
	      x86_error(&b));

	/* Patching. */
	x86_init(&b, buf, sizeof(buf), 0x40000000);
	site = x86_jcc_patchable(&b, X86_CC_NE, 0x40000100);
	CHECK(site && site[0] == 0x0f && site[1] == 0x85 &&
		      ((uintptr_t)(site + 2) & 3) == 0,
	      "jcc site");
	CHECK(x86_patch_branch(site, x86_exec(&b, site), 0x40000200) == 0,
	      "patch jcc");
	CHECK(site && (int32_t)(site[2] | site[3] << 8 | site[4] << 16 |
				(uint32_t)site[5] << 24) ==
			      (int32_t)(0x200 - (site + 6 - buf)),
	      "patched jcc displacement");
	CHECK(x86_patch_branch(site, x86_exec(&b, site), 0x140000000) ==
		      -ERANGE,
	      "patch out of range");
	site = x86_pos(&b);
	x86_mov_ri(&b, 64, X86_RAX, 5);
	CHECK(x86_patch_branch(site, x86_exec(&b, site), 0) == -EINVAL,
	      "patch a mov as a branch");
	CHECK(x86_patch_imm64(site, 1) == -EINVAL, "patch a short mov");
	site = x86_mov_ri64_patchable(&b, X86_R14, 0);
	CHECK(site && ((uintptr_t)(site + 2) & 7) == 0, "imm64 site");
	CHECK(x86_patch_imm64(site, 0x1122334455667788) == 0 &&
		      site[2] == 0x88 && site[9] == 0x11,
	      "patch imm64");
	/* Patchable fields stay aligned whatever the start. */
	for (unsigned k = 0; k < 16; k++) {
		x86_init(&b, buf, sizeof(buf), 0x1000);
		x86_nop(&b, k);
		site = x86_jmp_patchable(&b, 0x2000);
		CHECK(site && site[0] == 0xe9 &&
			      ((uintptr_t)(site + 1) & 3) == 0,
		      "jmp site at %u", k);
		CHECK(site &&
			      x86_patch_branch(site, x86_exec(&b, site),
					       0x3000) == 0 &&
			      (uint32_t)(site[1] | site[2] << 8 |
					 site[3] << 16 |
					 (uint32_t)site[4] << 24) ==
				      0x3000 - x86_exec(&b, site + 5),
		      "patched jmp at %u", k);
	}
	/* An unreachable patchable target is refused. */
	x86_init(&b, buf, sizeof(buf), 0x1000);
	CHECK(!x86_jmp_patchable(&b, 0x200000000) &&
		      x86_error(&b) == X86_ERR_RANGE,
	      "unreachable patchable jmp");
	CHECK(x86_reachable(&b, 0x1000 + 0x7fff0000) &&
		      !x86_reachable(&b, 0x1000 + 0x80000000ull),
	      "x86_reachable");
#undef CHECK
	if (ok)
		printf("ok x86/labels-api\n");
}

/* Each of these must be refused with the error given, writing nothing. */
static void test_refused(void)
{
	struct x86_mem big = x86_mem(X86_RAX, 0);
	uint8_t buf[64];
	struct x86_buf b;
	bool ok = true;

	big.disp = INT64_C(1) << 40;
#define REFUSE(err, call)                                                     \
	do {                                                                  \
		x86_init(&b, buf, sizeof(buf), 0x1000);                       \
		call;                                                         \
		if (x86_error(&b) != (err) || x86_size(&b)) {                 \
			fail("x86/refused", "%s: error %u, %zu bytes", #call, \
			     x86_error(&b), x86_size(&b));                    \
			ok = false;                                           \
		}                                                             \
	} while (0)
	REFUSE(X86_ERR_OPERAND,
	       x86_mov_rm(&b, 64, X86_RAX,
			  x86_mem_idx(X86_RAX, X86_RSP, 1, 0)));
	REFUSE(X86_ERR_OPERAND,
	       x86_mov_rm(&b, 64, X86_RAX,
			  x86_mem_idx(X86_RAX, X86_RCX, 3, 0)));
	REFUSE(X86_ERR_OPERAND,
	       x86_mov_rm(&b, 64, X86_RAX,
			  x86_mem_idx(X86_RIP, X86_RCX, 1, 0)));
	REFUSE(X86_ERR_RANGE,
	       x86_mov_rm(&b, 64, X86_RAX, x86_mem_rip(0x1000 + (1ull << 32))));
	REFUSE(X86_ERR_OPERAND, x86_mov_rm(&b, 64, X86_RAX, big));
	REFUSE(X86_ERR_OPERAND, x86_mov_rr(&b, 12, X86_RAX, X86_RCX));
	REFUSE(X86_ERR_OPERAND, x86_mov_rr(&b, 64, X86_NOREG, X86_RCX));
	REFUSE(X86_ERR_OPERAND, x86_mov_rr(&b, 64, X86_RAX, X86_RIP));
	REFUSE(X86_ERR_OPERAND, x86_alu_ri(&b, X86_ADD, 8, X86_RAX, 0x100));
	REFUSE(X86_ERR_OPERAND,
	       x86_alu_ri(&b, X86_ADD, 64, X86_RAX, 0x80000000));
	REFUSE(X86_ERR_OPERAND, x86_mov_ri(&b, 32, X86_RAX, 0x100000000));
	REFUSE(X86_ERR_OPERAND, x86_mov_ri(&b, 16, X86_RAX, -0x8001));
	REFUSE(X86_ERR_OPERAND,
	       x86_mov_mi(&b, 64, x86_mem(X86_RAX, 0), 0x80000000));
	REFUSE(X86_ERR_OPERAND, x86_test_ri(&b, 64, X86_RAX, 0x80000000));
	REFUSE(X86_ERR_OPERAND, x86_cmov_rr(&b, X86_CC_E, 8, X86_RAX, X86_RCX));
	REFUSE(X86_ERR_OPERAND, x86_imul_rr(&b, 8, X86_RAX, X86_RCX));
	REFUSE(X86_ERR_OPERAND,
	       x86_imul_rri(&b, 16, X86_RAX, X86_RCX, 0x10000));
	REFUSE(X86_ERR_OPERAND, x86_bswap(&b, 16, X86_RAX));
	REFUSE(X86_ERR_OPERAND, x86_lzcnt_rr(&b, 8, X86_RAX, X86_RCX));
	REFUSE(X86_ERR_OPERAND, x86_bitop_ri(&b, X86_BT, 8, X86_RAX, 1));
	REFUSE(X86_ERR_OPERAND, x86_bitop_ri(&b, 3, 64, X86_RAX, 1));
	REFUSE(X86_ERR_OPERAND,
	       x86_lock_alu_mr(&b, X86_CMP, 64, x86_mem(X86_RAX, 0), X86_RCX));
	REFUSE(X86_ERR_OPERAND,
	       x86_lock_alu_mi(&b, X86_CMP, 64, x86_mem(X86_RAX, 0), 1));
	REFUSE(X86_ERR_OPERAND, x86_movzx_rr(&b, 16, 16, X86_RAX, X86_RCX));
	REFUSE(X86_ERR_OPERAND, x86_movsx_rr(&b, 32, 64, X86_RAX, X86_RCX));
	REFUSE(X86_ERR_OPERAND, x86_movsx_rr(&b, 32, 32, X86_RAX, X86_RCX));
	REFUSE(X86_ERR_OPERAND, x86_shift_ri(&b, 6, 64, X86_RAX, 1));
	REFUSE(X86_ERR_OPERAND, x86_shlx(&b, 16, X86_RAX, X86_RCX, X86_RDX));
	REFUSE(X86_ERR_OPERAND,
	       x86_fma_xxx(&b, 0x98, 64, X86_XMM0, X86_XMM1, X86_XMM2));
	REFUSE(X86_ERR_OPERAND,
	       x86_fma_xxx(&b, 0xc9, 64, X86_XMM0, X86_XMM1, X86_XMM2));
	REFUSE(X86_ERR_OPERAND, x86_fma_xxx(&b, X86_VFMADD231, 16, X86_XMM0,
					    X86_XMM1, X86_XMM2));
	REFUSE(X86_ERR_OPERAND,
	       x86_cvt_xr(&b, X86_CVTSD2SI, 64, X86_XMM0, X86_RAX));
	REFUSE(X86_ERR_OPERAND,
	       x86_cvt_rx(&b, X86_CVTSI2SD, 64, X86_RAX, X86_XMM0));
	REFUSE(X86_ERR_OPERAND,
	       x86_cvt_xr(&b, X86_CVTSI2SD, 16, X86_XMM0, X86_RAX));
	REFUSE(X86_ERR_OPERAND, x86_movd_xr(&b, 16, X86_XMM0, X86_RAX));
	REFUSE(X86_ERR_OPERAND, x86_sse_xx(&b, X86_ADDSD, 16, X86_XMM0));
	REFUSE(X86_ERR_OPERAND, x86_align(&b, 3));
	REFUSE(X86_ERR_OPERAND, x86_setcc_r(&b, 16, X86_RAX));
	REFUSE(X86_ERR_OPERAND, x86_jcc_to(&b, 16, 0x1000));
	REFUSE(X86_ERR_OPERAND, x86_unop_r(&b, 8, 64, X86_RAX));
	REFUSE(X86_ERR_OPERAND, x86_lea(&b, 8, X86_RAX, x86_mem(X86_RAX, 0)));
#undef REFUSE
	if (ok)
		printf("ok x86/refused\n");
}

/* ---- execution ---- */

#if defined(__x86_64__)

/* Code memory: written while writable, run once sealed (never both). */
struct jit {
	uint8_t *mem;
	size_t size;
	struct x86_buf b;
};

static bool jit_open(struct jit *j, size_t size, void *hint)
{
	j->mem = mmap(hint, size, PROT_READ | PROT_WRITE,
		      MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (j->mem == MAP_FAILED) {
		fail("x86/exec", "mmap: %s", strerror(errno));
		return false;
	}
	j->size = size;
	x86_init(&j->b, j->mem, size, (uint64_t)(uintptr_t)j->mem);
	return true;
}

static bool jit_protect(struct jit *j, bool exec)
{
	if (mprotect(j->mem, j->size,
		     exec ? PROT_READ | PROT_EXEC : PROT_READ | PROT_WRITE)) {
		fail("x86/exec", "mprotect: %s", strerror(errno));
		return false;
	}
	return true;
}

static bool jit_seal(struct jit *j, const char *name)
{
	if (!x86_ok(&j->b)) {
		fail(name, "emission failed (error %u)", x86_error(&j->b));
		return false;
	}
	return jit_protect(j, true);
}

static void jit_close(struct jit *j)
{
	munmap(j->mem, j->size);
}

typedef uint64_t (*fn0)(void);
typedef uint64_t (*fn1)(uint64_t);
typedef uint64_t (*fn2)(uint64_t, uint64_t);
typedef uint64_t (*fn3)(uint64_t, uint64_t, void *);
typedef uint64_t (*fn4)(uint64_t, uint64_t, uint64_t, uint64_t);
typedef double (*fnd)(double, double, void *);

#define FN(type, p) ((type)(void *)(p))

static const uint64_t vals[] = {
	0,
	1,
	2,
	3,
	7,
	0x7f,
	0x80,
	0xff,
	0x1234,
	0x7fffffff,
	0x80000000,
	0xffffffff,
	0x100000000,
	0x123456789abcdef0,
	0x7fffffffffffffff,
	0x8000000000000000,
	0xfffffffffffffffe,
	0xffffffffffffffff,
};

static bool cpu_has(const char *what)
{
	unsigned a, b, c, d;

	if (!strcmp(what, "lzcnt"))
		return __get_cpuid(0x80000001, &a, &b, &c, &d) &&
		       (c & (1u << 5));
	if (!strcmp(what, "bmi1"))
		return __builtin_cpu_supports("bmi");
	if (!strcmp(what, "bmi2"))
		return __builtin_cpu_supports("bmi2");
	if (!strcmp(what, "fma"))
		return __builtin_cpu_supports("fma");
	if (!strcmp(what, "sse4.1"))
		return __builtin_cpu_supports("sse4.1");
	if (!strcmp(what, "popcnt"))
		return __builtin_cpu_supports("popcnt");
	return false;
}

/* Integer arithmetic, partial registers, 32-bit zero extension, carry
 * chains, lea, immediates of every mov form. */
static void exec_arith(void)
{
	const char *name = "x86/exec-arith";
	struct jit j;
	struct x86_buf *b = &j.b;
	uint8_t *f1, *f2, *f3, *f4, *f5, *consts[N(imms)];
	bool ok = true;

	if (!jit_open(&j, 1 << 16, NULL))
		return;
	/* ((a + b) * 3 - 7) ^ (a >> 2) */
	f1 = x86_pos(b);
	x86_mov_rr(b, 64, X86_RAX, X86_RDI);
	x86_add_rr(b, 64, X86_RAX, X86_RSI);
	x86_imul_rri(b, 64, X86_RAX, X86_RAX, 3);
	x86_sub_ri(b, 64, X86_RAX, 7);
	x86_mov_rr(b, 64, X86_RCX, X86_RDI);
	x86_shift_ri(b, X86_SHR, 64, X86_RCX, 2);
	x86_xor_rr(b, 64, X86_RAX, X86_RCX);
	x86_ret(b);
	/* 32-bit add zero-extends; 8 and 16-bit ones merge. Result:
	 * (uint32)(a + b) + ((a & ~0xff) | (uint8)(a + b))
	 * + ((a & ~0xffff) | (uint16)(a - b)) */
	f2 = x86_pos(b);
	x86_mov_rr(b, 64, X86_R8, X86_RDI);
	x86_add_rr(b, 32, X86_R8, X86_RSI);
	x86_mov_rr(b, 64, X86_R9, X86_RDI);
	x86_mov_rr(b, 64, X86_RAX, X86_RSI);
	/* sil/dil-style byte registers: r9b += sil */
	x86_alu_rr(b, X86_ADD, 8, X86_R9, X86_RSI);
	x86_mov_rr(b, 64, X86_R10, X86_RDI);
	x86_alu_rr(b, X86_SUB, 16, X86_R10, X86_RSI);
	x86_lea(b, 64, X86_RAX, x86_mem_idx(X86_R8, X86_R9, 1, 0));
	x86_add_rr(b, 64, X86_RAX, X86_R10);
	x86_ret(b);
	/* 128-bit add: returns the high half of (ahi:alo) + (bhi:blo) */
	f3 = x86_pos(b);
	x86_add_rr(b, 64, X86_RDI, X86_RDX);
	x86_alu_rr(b, X86_ADC, 64, X86_RSI, X86_RCX);
	x86_mov_rr(b, 64, X86_RAX, X86_RSI);
	x86_ret(b);
	/* lea rax, [rdi + rsi*8 - 100]; neg; not; inc; dec in 8 bits */
	f4 = x86_pos(b);
	x86_lea(b, 64, X86_RAX, x86_mem_idx(X86_RDI, X86_RSI, 8, -100));
	x86_neg(b, 64, X86_RAX);
	x86_not(b, 64, X86_RAX);
	x86_inc(b, 8, X86_RAX);
	x86_dec(b, 16, X86_RAX);
	x86_ret(b);
	/* 128-bit subtract, high half, through sbb with an immediate */
	f5 = x86_pos(b);
	x86_sub_rr(b, 64, X86_RDI, X86_RSI);
	x86_alu_ri(b, X86_SBB, 64, X86_RDX, 0x10);
	x86_mov_rr(b, 64, X86_RAX, X86_RDX);
	x86_ret(b);
	for (unsigned i = 0; i < N(imms); i++) {
		consts[i] = x86_pos(b);
		x86_mov_ri(b, 64, i % 2 ? X86_RAX : X86_R11, imms[i]);
		if (!(i % 2))
			x86_mov_rr(b, 64, X86_RAX, X86_R11);
		x86_ret(b);
	}
	if (!jit_seal(&j, name))
		goto out;
	for (unsigned i = 0; i < N(vals); i++)
		for (unsigned k = 0; k < N(vals); k++) {
			uint64_t a = vals[i], c = vals[k], want, got;

			want = ((a + c) * 3 - 7) ^ (a >> 2);
			got = FN(fn2, f1)(a, c);
			if (got != want) {
				fail(name,
				     "f1(%#" PRIx64 ", %#" PRIx64
				     ") = %#" PRIx64 ", not %#" PRIx64,
				     a, c, got, want);
				ok = false;
			}
			want = (uint32_t)(a + c) +
			       ((a & ~0xffull) | (uint8_t)(a + c)) +
			       ((a & ~0xffffull) | (uint16_t)(a - c));
			got = FN(fn2, f2)(a, c);
			if (got != want) {
				fail(name,
				     "f2(%#" PRIx64 ", %#" PRIx64
				     ") = %#" PRIx64 ", not %#" PRIx64,
				     a, c, got, want);
				ok = false;
			}
			want = (uint64_t)((((unsigned __int128)a << 64 | c) +
					   ((unsigned __int128)c << 64 | a)) >>
					  64);
			got = FN(fn4, f3)(a, c, c, a);
			if (got != want) {
				fail(name, "f3 = %#" PRIx64 ", not %#" PRIx64,
				     got, want);
				ok = false;
			}
			want = ~-(a + c * 8 - 100);
			want = (want & ~0xffull) | (uint8_t)(want + 1);
			want = (want & ~0xffffull) | (uint16_t)(want - 1);
			got = FN(fn2, f4)(a, c);
			if (got != want) {
				fail(name, "f4 = %#" PRIx64 ", not %#" PRIx64,
				     got, want);
				ok = false;
			}
			want = (uint64_t)((((unsigned __int128)a << 64 | a) -
					   ((unsigned __int128)0x10 << 64 |
					    c)) >>
					  64);
			got = FN(fn3, f5)(a, c, (void *)(uintptr_t)a);
			if (got != want) {
				fail(name, "f5 = %#" PRIx64 ", not %#" PRIx64,
				     got, want);
				ok = false;
			}
		}
	for (unsigned i = 0; i < N(imms); i++)
		if (FN(fn0, consts[i])() != (uint64_t)imms[i]) {
			fail(name, "mov_ri %#" PRIx64 " gave %#" PRIx64,
			     (uint64_t)imms[i], FN(fn0, consts[i])());
			ok = false;
		}
	if (ok)
		printf("ok %s\n", name);
out:
	jit_close(&j);
}

/* Labels: forward and backward, short and near, jcc, setcc, cmov. */
static void exec_branches(void)
{
	const char *name = "x86/exec-branches";
	struct jit j;
	struct x86_buf *b = &j.b;
	struct x86_label neg = {0}, zero = {0}, top = {0}, done = {0},
			 top2 = {0}, done2 = {0};
	uint8_t *classify, *sum, *sum_far, *minmax, *ltu;
	bool ok = true;

	if (!jit_open(&j, 1 << 16, NULL))
		return;
	/* classify(x): 1 if x < 0, 2 if x == 0, 3 otherwise */
	classify = x86_pos(b);
	x86_test_rr(b, 64, X86_RDI, X86_RDI);
	x86_jcc8(b, X86_CC_S, &neg);
	x86_jcc(b, X86_CC_E, &zero);
	x86_mov_ri(b, 32, X86_RAX, 3);
	x86_ret(b);
	x86_bind(b, &neg);
	x86_mov_ri(b, 32, X86_RAX, 1);
	x86_ret(b);
	x86_bind(b, &zero);
	x86_mov_ri(b, 32, X86_RAX, 2);
	x86_ret(b);
	/* sum(n) = n + (n-1) + ... + 1, short backward jump */
	sum = x86_pos(b);
	x86_zero(b, X86_RAX);
	x86_bind(b, &top);
	x86_test_rr(b, 64, X86_RDI, X86_RDI);
	x86_jcc8(b, X86_CC_E, &done);
	x86_add_rr(b, 64, X86_RAX, X86_RDI);
	x86_dec(b, 64, X86_RDI);
	x86_jmp(b, &top);
	x86_bind(b, &done);
	x86_ret(b);
	/* the same with the loop body stretched past rel8's reach */
	sum_far = x86_pos(b);
	x86_zero(b, X86_RAX);
	x86_bind(b, &top2);
	x86_test_rr(b, 64, X86_RDI, X86_RDI);
	x86_jcc(b, X86_CC_E, &done2);
	x86_nop(b, 300);
	x86_add_rr(b, 64, X86_RAX, X86_RDI);
	x86_alu_ri(b, X86_SUB, 64, X86_RDI, 1);
	x86_jmp(b, &top2);
	x86_bind(b, &done2);
	x86_ret(b);
	/* min(a, b) * 65536 + max(a, b), signed, by cmov */
	minmax = x86_pos(b);
	x86_mov_rr(b, 64, X86_RAX, X86_RDI);
	x86_mov_rr(b, 64, X86_RDX, X86_RSI);
	x86_cmp_rr(b, 64, X86_RDI, X86_RSI);
	x86_cmov_rr(b, X86_CC_G, 64, X86_RAX, X86_RSI);
	x86_cmov_rr(b, X86_CC_G, 64, X86_RDX, X86_RDI);
	x86_shift_ri(b, X86_SHL, 64, X86_RAX, 16);
	x86_add_rr(b, 64, X86_RAX, X86_RDX);
	x86_ret(b);
	/* (a <u b) + 2 * (a <s b) + 4 * (a == b), by setcc into sil-like
	 * byte registers */
	ltu = x86_pos(b);
	x86_zero(b, X86_RAX);
	x86_zero(b, X86_RCX);
	x86_cmp_rr(b, 64, X86_RDI, X86_RSI);
	x86_setcc_r(b, X86_CC_B, X86_RAX);
	x86_setcc_r(b, X86_CC_L, X86_RCX);
	x86_setcc_r(b, X86_CC_E, X86_RSI);
	x86_movzx_rr(b, 64, 8, X86_RSI, X86_RSI);
	x86_lea(b, 64, X86_RAX, x86_mem_idx(X86_RAX, X86_RCX, 2, 0));
	x86_lea(b, 64, X86_RAX, x86_mem_idx(X86_RAX, X86_RSI, 4, 0));
	x86_ret(b);
	if (!jit_seal(&j, name))
		goto out;
	for (unsigned i = 0; i < N(vals); i++) {
		int64_t x = (int64_t)vals[i];
		uint64_t want = x < 0 ? 1 : x == 0 ? 2 : 3;

		if (FN(fn1, classify)(vals[i]) != want) {
			fail(name, "classify(%" PRId64 ")", x);
			ok = false;
		}
		for (unsigned k = 0; k < N(vals); k++) {
			int64_t y = (int64_t)vals[k];
			uint64_t lo = (uint64_t)(x < y ? x : y),
				 hi = (uint64_t)(x < y ? y : x);

			if (FN(fn2, minmax)(vals[i], vals[k]) !=
			    (lo << 16) + hi) {
				fail(name, "minmax");
				ok = false;
			}
			want = (vals[i] < vals[k]) + 2 * (x < y) + 4 * (x == y);
			if (FN(fn2, ltu)(vals[i], vals[k]) != want) {
				fail(name, "compare %#" PRIx64 " %#" PRIx64,
				     vals[i], vals[k]);
				ok = false;
			}
		}
	}
	for (uint64_t n = 0; n < 300; n += 7)
		if (FN(fn1, sum)(n) != n * (n + 1) / 2 ||
		    FN(fn1, sum_far)(n) != n * (n + 1) / 2) {
			fail(name, "sum(%" PRIu64 ")", n);
			ok = false;
		}
	if (ok)
		printf("ok %s\n", name);
out:
	jit_close(&j);
}

struct rec {
	uint64_t first;
	uint8_t u8;
	int8_t s8;
	uint16_t u16;
	int16_t s16;
	uint32_t u32;
	int32_t s32;
	int64_t arr[8];
	uint64_t out[16];
};

/* Loads and stores of every size through RBP, R12, R13 and RSP bases,
 * SIB indexes and RIP-relative data. */
static void exec_memory(void)
{
	const char *name = "x86/exec-memory";
	struct jit j;
	struct x86_buf *b = &j.b;
	struct x86_label data = {0};
	uint8_t *f, *konst;
	struct rec r;
	bool ok = true;
	uint64_t want[16];
#define OUT(i) x86_mem(X86_R13, (int32_t)offsetof(struct rec, out[i]))

	if (!jit_open(&j, 1 << 16, NULL))
		return;
	/* A constant ahead of the code, read RIP-relative. */
	konst = x86_pos(b);
	x86_bytes(b, &(uint64_t){0x0123456789abcdefull}, 8);
	f = x86_pos(b);
	x86_push(b, X86_RBP);
	x86_push(b, X86_R12);
	x86_push(b, X86_R13);
	x86_mov_rr(b, 64, X86_RBP, X86_RDI);
	x86_mov_rr(b, 64, X86_R12, X86_RDI);
	x86_mov_rr(b, 64, X86_R13, X86_RDI);
	/* [rbp] and [r13] need a zero displacement byte, [r12] a SIB. */
	x86_mov_rm(b, 64, X86_RAX, x86_mem(X86_RBP, 0));
	x86_mov_mr(b, 64, OUT(0), X86_RAX);
	x86_mov_rm(b, 64, X86_RAX, x86_mem(X86_R12, 0));
	x86_add_rm(b, 64, X86_RAX, x86_mem(X86_R13, 0));
	x86_mov_mr(b, 64, OUT(1), X86_RAX);
	x86_load(b, 8, false, X86_RAX,
		 x86_mem(X86_RBP, offsetof(struct rec, s8)));
	x86_mov_mr(b, 64, OUT(2), X86_RAX);
	x86_load(b, 8, true, X86_RCX,
		 x86_mem(X86_R12, offsetof(struct rec, s8)));
	x86_mov_mr(b, 64, OUT(3), X86_RCX);
	x86_load(b, 16, false, X86_R8,
		 x86_mem(X86_R13, offsetof(struct rec, s16)));
	x86_mov_mr(b, 64, OUT(4), X86_R8);
	x86_load(b, 16, true, X86_R11,
		 x86_mem(X86_RDI, offsetof(struct rec, s16)));
	x86_mov_mr(b, 64, OUT(5), X86_R11);
	x86_load(b, 32, false, X86_RAX,
		 x86_mem(X86_RDI, offsetof(struct rec, s32)));
	x86_mov_mr(b, 64, OUT(6), X86_RAX);
	x86_load(b, 32, true, X86_RAX,
		 x86_mem(X86_RDI, offsetof(struct rec, s32)));
	x86_mov_mr(b, 64, OUT(7), X86_RAX);
	/* arr[idx] through [r12 + rsi*8 + disp] */
	x86_mov_rm(b, 64, X86_RAX,
		   x86_mem_idx(X86_R12, X86_RSI, 8, offsetof(struct rec, arr)));
	x86_mov_mr(b, 64, OUT(8), X86_RAX);
	/* stores of 8, 16, 32 bits into a zeroed slot, from spl-class
	 * registers */
	x86_mov_mi(b, 64, OUT(9), -1);
	x86_mov_ri(b, 32, X86_RSI, 0x5a);
	x86_mov_mr(b, 8, OUT(9), X86_RSI);
	x86_mov_mi(b, 16, x86_mem(X86_R13, offsetof(struct rec, out[9]) + 2),
		   0x1234);
	x86_mov_mi(b, 32, OUT(10), 0x89abcdef);
	x86_mov_ri(b, 64, X86_RAX, 0x7766554433221100);
	x86_mov_mr(b, 32, x86_mem(X86_R13, offsetof(struct rec, out[10]) + 4),
		   X86_RAX);
	/* through the stack's red zone */
	x86_mov_mr(b, 64, x86_mem(X86_RSP, -8), X86_RAX);
	x86_mov_rm(b, 16, X86_RCX, x86_mem(X86_RSP, -6));
	x86_movzx_rr(b, 32, 16, X86_RCX, X86_RCX);
	x86_mov_mr(b, 64, OUT(11), X86_RCX);
	/* RIP-relative, backwards to the constant and forwards to data
	 * placed after the code */
	x86_mov_rm(b, 64, X86_RAX, x86_mem_rip(x86_exec(b, konst)));
	x86_mov_mr(b, 64, OUT(12), X86_RAX);
	x86_lea_label(b, X86_RDX, &data);
	x86_mov_rm(b, 64, X86_RAX, x86_mem(X86_RDX, 0));
	x86_mov_mr(b, 64, OUT(13), X86_RAX);
	x86_pop(b, X86_R13);
	x86_pop(b, X86_R12);
	x86_pop(b, X86_RBP);
	x86_ret(b);
	x86_align(b, 8);
	x86_bind(b, &data);
	x86_bytes(b, &(uint64_t){0xfedcba9876543210ull}, 8);
#undef OUT
	if (!jit_seal(&j, name))
		goto out;
	for (uint64_t idx = 0; idx < 8; idx++) {
		memset(&r, 0, sizeof(r));
		r.first = 0x1111222233334444ull;
		r.s8 = -3;
		r.s16 = -1000;
		r.s32 = -100000;
		for (int i = 0; i < 8; i++)
			r.arr[i] = i * 1000 - 3;
		FN(fn2, f)((uintptr_t)&r, idx);
		memset(want, 0, sizeof(want));
		want[0] = r.first;
		want[1] = r.first * 2;
		want[2] = (uint8_t)r.s8;
		want[3] = (uint64_t)(int64_t)r.s8;
		want[4] = (uint16_t)r.s16;
		want[5] = (uint64_t)(int64_t)r.s16;
		want[6] = (uint32_t)r.s32;
		want[7] = (uint64_t)(int64_t)r.s32;
		want[8] = (uint64_t)r.arr[idx];
		want[9] = 0xffffffff1234ff5aull;
		want[10] = 0x3322110089abcdefull;
		want[11] = 0x3322; /* bytes 2 and 3 of the value */
		want[12] = 0x0123456789abcdefull;
		want[13] = 0xfedcba9876543210ull;
		for (int i = 0; i < 16; i++)
			if (r.out[i] != want[i]) {
				fail(name,
				     "out[%d] = %#" PRIx64 ", not %#" PRIx64, i,
				     r.out[i], want[i]);
				ok = false;
			}
	}
	if (ok)
		printf("ok %s\n", name);
out:
	jit_close(&j);
}

/* mul, imul, div, idiv with rdx:rax; shifts by cl and immediate; bit
 * counts, byte swaps and bit tests; BMI where the CPU has it. */
static void exec_muldiv_bits(void)
{
	const char *name = "x86/exec-muldiv-bits";
	bool bmi1 = cpu_has("bmi1"), bmi2 = cpu_has("bmi2");
	bool lzc = cpu_has("lzcnt"), pop = cpu_has("popcnt");
	struct jit j;
	struct x86_buf *b = &j.b;
	uint8_t *fdiv, *fsh, *fbits;
	uint64_t out[24];
	bool ok = true;
#define O(i) x86_mem(X86_R8, (i)*8)

	if (!jit_open(&j, 1 << 16, NULL))
		return;
	/* fdiv(a, b, out) */
	fdiv = x86_pos(b);
	x86_mov_rr(b, 64, X86_R8, X86_RDX);
	x86_mov_rr(b, 64, X86_RAX, X86_RDI);
	x86_cqo(b);
	x86_unop_r(b, X86_IDIV, 64, X86_RSI);
	x86_mov_mr(b, 64, O(0), X86_RAX);
	x86_mov_mr(b, 64, O(1), X86_RDX);
	x86_mov_rr(b, 64, X86_RAX, X86_RDI);
	x86_zero(b, X86_RDX);
	x86_unop_r(b, X86_DIV, 64, X86_RSI);
	x86_mov_mr(b, 64, O(2), X86_RAX);
	x86_mov_mr(b, 64, O(3), X86_RDX);
	x86_mov_rr(b, 64, X86_RAX, X86_RDI);
	x86_unop_r(b, X86_MUL, 64, X86_RSI);
	x86_mov_mr(b, 64, O(4), X86_RDX);
	x86_mov_rr(b, 64, X86_RAX, X86_RDI);
	x86_unop_r(b, X86_IMUL1, 64, X86_RSI);
	x86_mov_mr(b, 64, O(5), X86_RDX);
	x86_mov_rr(b, 32, X86_RAX, X86_RDI);
	x86_cdq(b);
	x86_unop_r(b, X86_IDIV, 32, X86_RSI);
	x86_mov_mr(b, 64, O(6), X86_RAX);
	x86_mov_rr(b, 64, X86_RAX, X86_RDI);
	x86_imul_rm(b, 64, X86_RAX, x86_mem(X86_R8, 0));
	x86_mov_mr(b, 64, O(7), X86_RAX);
	if (bmi2) {
		x86_mov_rr(b, 64, X86_RDX, X86_RDI);
		x86_mulx(b, 64, X86_R9, X86_R10, X86_RSI);
		x86_mov_mr(b, 64, O(8), X86_R9);
		x86_mov_mr(b, 64, O(9), X86_R10);
	}
	x86_ret(b);
	/* fsh(a, n, out) */
	fsh = x86_pos(b);
	x86_mov_rr(b, 64, X86_R8, X86_RDX);
	x86_mov_rr(b, 64, X86_RCX, X86_RSI);
	x86_mov_rr(b, 64, X86_RAX, X86_RDI);
	x86_shift_rcl(b, X86_SHL, 64, X86_RAX);
	x86_mov_mr(b, 64, O(0), X86_RAX);
	x86_mov_rr(b, 64, X86_RAX, X86_RDI);
	x86_shift_rcl(b, X86_SAR, 64, X86_RAX);
	x86_mov_mr(b, 64, O(1), X86_RAX);
	x86_mov_rr(b, 64, X86_RAX, X86_RDI);
	x86_shift_rcl(b, X86_ROR, 64, X86_RAX);
	x86_mov_mr(b, 64, O(2), X86_RAX);
	x86_mov_rr(b, 64, X86_RAX, X86_RDI);
	x86_shift_rcl(b, X86_SHR, 32, X86_RAX);
	x86_mov_mr(b, 64, O(3), X86_RAX);
	x86_mov_rr(b, 64, X86_RAX, X86_RDI);
	x86_shift_ri(b, X86_ROL, 64, X86_RAX, 13);
	x86_mov_mr(b, 64, O(4), X86_RAX);
	x86_mov_rr(b, 64, X86_RAX, X86_RDI);
	x86_shift_ri(b, X86_SHR, 64, X86_RAX, 1);
	x86_mov_mr(b, 64, O(5), X86_RAX);
	if (bmi2) {
		x86_shlx(b, 64, X86_RAX, X86_RDI, X86_RSI);
		x86_mov_mr(b, 64, O(6), X86_RAX);
		x86_sarx(b, 32, X86_RAX, X86_RDI, X86_RSI);
		x86_mov_mr(b, 64, O(7), X86_RAX);
		x86_shrx(b, 64, X86_R11, X86_RDI, X86_RSI);
		x86_mov_mr(b, 64, O(8), X86_R11);
		x86_rorx(b, 64, X86_RAX, X86_RDI, 40);
		x86_mov_mr(b, 64, O(9), X86_RAX);
	}
	x86_ret(b);
	/* fbits(a, b, out) */
	fbits = x86_pos(b);
	x86_mov_rr(b, 64, X86_R8, X86_RDX);
	if (lzc) {
		x86_lzcnt_rr(b, 64, X86_RAX, X86_RDI);
		x86_mov_mr(b, 64, O(0), X86_RAX);
		x86_lzcnt_rr(b, 32, X86_RAX, X86_RDI);
		x86_mov_mr(b, 64, O(1), X86_RAX);
	}
	if (bmi1) {
		x86_tzcnt_rr(b, 64, X86_RAX, X86_RDI);
		x86_mov_mr(b, 64, O(2), X86_RAX);
		x86_andn(b, 64, X86_RAX, X86_RDI, X86_RSI);
		x86_mov_mr(b, 64, O(3), X86_RAX);
	}
	if (pop) {
		x86_popcnt_rr(b, 64, X86_RAX, X86_RDI);
		x86_mov_mr(b, 64, O(4), X86_RAX);
	}
	x86_mov_rr(b, 64, X86_RAX, X86_RDI);
	x86_bswap(b, 64, X86_RAX);
	x86_mov_mr(b, 64, O(5), X86_RAX);
	x86_mov_rr(b, 64, X86_RAX, X86_RDI);
	x86_bswap(b, 32, X86_RAX);
	x86_mov_mr(b, 64, O(6), X86_RAX);
	/* bit (b & 63) of a, through bt and setc */
	x86_zero(b, X86_RAX);
	x86_bitop_rr(b, X86_BT, 64, X86_RDI, X86_RSI);
	x86_setcc_r(b, X86_CC_B, X86_RAX);
	x86_mov_mr(b, 64, O(7), X86_RAX);
	x86_mov_rr(b, 64, X86_RAX, X86_RDI);
	x86_bitop_ri(b, X86_BTS, 64, X86_RAX, 63);
	x86_bitop_ri(b, X86_BTR, 64, X86_RAX, 0);
	x86_bitop_rr(b, X86_BTC, 64, X86_RAX, X86_RSI);
	x86_mov_mr(b, 64, O(8), X86_RAX);
	x86_ret(b);
#undef O
	if (!jit_seal(&j, name))
		goto out;
	for (unsigned i = 0; i < N(vals); i++)
		for (unsigned k = 0; k < N(vals); k++) {
			uint64_t a = vals[i], c = vals[k], n = c & 63;
			int64_t sa = (int64_t)a, sc = (int64_t)c;
			uint64_t want[10];

			memset(out, 0, sizeof(out));
			if (c && !(sa == INT64_MIN && sc == -1) &&
			    !((int32_t)a == INT32_MIN && (int32_t)c == -1) &&
			    (int32_t)c) {
				FN(fn3, fdiv)(a, c, out);
				want[0] = (uint64_t)(sa / sc);
				want[1] = (uint64_t)(sa % sc);
				want[2] = a / c;
				want[3] = a % c;
				want[4] =
					(uint64_t)(((unsigned __int128)a * c) >>
						   64);
				want[5] = (uint64_t)(((__int128)sa * sc) >> 64);
				want[6] = (uint32_t)((int32_t)a / (int32_t)c);
				want[7] = a * want[0];
				want[8] = bmi2 ? want[4] : 0;
				want[9] = bmi2 ? a * c : 0;
				for (int x = 0; x < 10; x++)
					if (out[x] != want[x]) {
						fail(name,
						     "div/mul %d: %#" PRIx64
						     ", %#" PRIx64,
						     x, a, c);
						ok = false;
					}
			}
			memset(out, 0, sizeof(out));
			FN(fn3, fsh)(a, c, out);
			want[0] = a << n;
			want[1] = (uint64_t)(sa >> n);
			want[2] = n ? a >> n | a << (64 - n) : a;
			want[3] = (uint32_t)a >> (c & 31);
			want[4] = a << 13 | a >> 51;
			want[5] = a >> 1;
			want[6] = bmi2 ? a << n : 0;
			want[7] = bmi2 ? (uint32_t)((int32_t)a >> (c & 31)) : 0;
			want[8] = bmi2 ? a >> n : 0;
			want[9] = bmi2 ? a >> 40 | a << 24 : 0;
			for (int x = 0; x < 10; x++)
				if (out[x] != want[x]) {
					fail(name,
					     "shift %d: %#" PRIx64 ", %" PRIu64,
					     x, a, n);
					ok = false;
				}
			memset(out, 0, sizeof(out));
			FN(fn3, fbits)(a, c, out);
			want[0] = lzc ? (a ? (uint64_t)__builtin_clzll(a) : 64)
				      : 0;
			want[1] = lzc ? ((uint32_t)a ? (uint64_t)__builtin_clz(
							       (uint32_t)a)
						     : 32)
				      : 0;
			want[2] = bmi1 ? (a ? (uint64_t)__builtin_ctzll(a) : 64)
				       : 0;
			want[3] = bmi1 ? ~a & c : 0;
			want[4] = pop ? (uint64_t)__builtin_popcountll(a) : 0;
			want[5] = __builtin_bswap64(a);
			want[6] = __builtin_bswap32((uint32_t)a);
			want[7] = a >> n & 1;
			want[8] = ((a | 1ull << 63) & ~1ull) ^ 1ull << n;
			for (int x = 0; x < 9; x++)
				if (out[x] != want[x]) {
					fail(name,
					     "bits %d: %#" PRIx64 ", %#" PRIx64
					     ": %#" PRIx64,
					     x, a, c, out[x]);
					ok = false;
				}
		}
	if (ok)
		printf("ok %s%s\n", name,
		       bmi1 && bmi2 && lzc && pop ? ""
						  : " (without BMI/LZCNT)");
out:
	jit_close(&j);
}

/* Atomic read-modify-writes on memory (single-threaded semantics). */
static void exec_atomics(void)
{
	const char *name = "x86/exec-atomics";
	struct jit j;
	struct x86_buf *b = &j.b;
	uint8_t *fxadd, *fcas, *fmix;
	uint64_t cell[4];
	bool ok = true;

	if (!jit_open(&j, 1 << 16, NULL))
		return;
	/* fxadd(p, v): old = *p; *p += v; return old */
	fxadd = x86_pos(b);
	x86_mov_rr(b, 64, X86_RAX, X86_RSI);
	x86_lock_xadd(b, 64, x86_mem(X86_RDI, 0), X86_RAX);
	x86_ret(b);
	/* fcas(p, new, expected-in-rdx): returns 1 and stores on match */
	fcas = x86_pos(b);
	x86_mov_rr(b, 64, X86_RAX, X86_RDX);
	x86_lock_cmpxchg(b, 64, x86_mem(X86_RDI, 0), X86_RSI);
	x86_setcc_r(b, X86_CC_E, X86_RAX);
	x86_movzx_rr(b, 32, 8, X86_RAX, X86_RAX);
	x86_ret(b);
	/* fmix(p, v): cell[1] |= v, cell[2] &= 0xf0, cell[3] ^= v (32-bit),
	 * then swaps v into cell[0] and returns the old value */
	fmix = x86_pos(b);
	x86_lock_alu_mr(b, X86_OR, 64, x86_mem(X86_RDI, 8), X86_RSI);
	x86_lock_alu_mi(b, X86_AND, 64, x86_mem(X86_RDI, 16), 0xf0);
	x86_lock_alu_mr(b, X86_XOR, 32, x86_mem(X86_RDI, 24), X86_RSI);
	x86_mfence(b);
	x86_lfence(b);
	x86_sfence(b);
	x86_pause(b);
	x86_xchg_mr(b, 64, x86_mem(X86_RDI, 0), X86_RSI);
	x86_mov_rr(b, 64, X86_RAX, X86_RSI);
	x86_ret(b);
	if (!jit_seal(&j, name))
		goto out;
	cell[0] = 40;
	if (FN(fn2, fxadd)((uintptr_t)cell, 2) != 40 || cell[0] != 42)
		ok = false;
	if (FN(fn3, fcas)((uintptr_t)cell, 7, (void *)41) != 0 || cell[0] != 42)
		ok = false;
	if (FN(fn3, fcas)((uintptr_t)cell, 7, (void *)42) != 1 || cell[0] != 7)
		ok = false;
	cell[1] = 0x100;
	cell[2] = 0xff;
	cell[3] = 0xffffffff00000000ull;
	if (FN(fn2, fmix)((uintptr_t)cell, 0x3) != 7 || cell[0] != 3 ||
	    cell[1] != 0x103 || cell[2] != 0xf0 ||
	    cell[3] != 0xffffffff00000003ull)
		ok = false;
	if (ok)
		printf("ok %s\n", name);
	else
		fail(name, "wrong results");
out:
	jit_close(&j);
}

/* Scalar double and single precision, conversions, rounding modes
 * through MXCSR, FMA3 where the CPU has it. */
static void exec_sse(void)
{
	const char *name = "x86/exec-sse";
	bool fma3 = cpu_has("fma"), sse41 = cpu_has("sse4.1");
	struct jit j;
	struct x86_buf *b = &j.b;
	struct x86_label signmask = {0};
	uint8_t *f, *fround;
	double out[16];
	bool ok = true;
	static const double ins[][2] = {
		{2.0, 8.0},	    {-1.5, 0.25}, {1e300, 1e-300},
		{3.75, -2.5},	    {-0.0, 0.0},  {1 + 0x1p-30, 1 - 0x1p-30},
		{123456.789, -7.0},
	};
#define O(i) x86_mem(X86_RDI, (i)*8)

	if (!jit_open(&j, 1 << 16, NULL))
		return;
	/* f(a, b, out): a in xmm0, b in xmm1, out in rdi */
	f = x86_pos(b);
	x86_movsd_xx(b, X86_XMM2, X86_XMM0);
	x86_sse_xx(b, X86_MULSD, X86_XMM2, X86_XMM1);
	x86_movsd_mx(b, O(0), X86_XMM2);
	/* |a| = ~signmask & a, the mask read from after the code */
	x86_lea_label(b, X86_RAX, &signmask);
	x86_sse_xm(b, X86_MOVAPS, X86_XMM3, x86_mem(X86_RAX, 0));
	x86_sse_xx(b, X86_ANDNPD, X86_XMM3, X86_XMM0);
	x86_movsd_mx(b, O(1), X86_XMM3);
	x86_movsd_xx(b, X86_XMM4, X86_XMM0);
	x86_sse_xx(b, X86_ADDSD, X86_XMM4, X86_XMM1);
	x86_sse_xx(b, X86_SUBSD, X86_XMM4, X86_XMM1);
	x86_sse_xx(b, X86_DIVSD, X86_XMM4, X86_XMM1);
	x86_movsd_mx(b, O(2), X86_XMM4); /* (a + b - b) / b */
	x86_movsd_xx(b, X86_XMM5, X86_XMM0);
	x86_sse_xx(b, X86_MINSD, X86_XMM5, X86_XMM1);
	x86_movsd_mx(b, O(3), X86_XMM5);
	x86_movsd_xx(b, X86_XMM5, X86_XMM0);
	x86_sse_xx(b, X86_MAXSD, X86_XMM5, X86_XMM1);
	x86_movsd_mx(b, O(4), X86_XMM5);
	x86_sse_xx(b, X86_SQRTSD, X86_XMM6, X86_XMM3);
	x86_movsd_mx(b, O(5), X86_XMM6); /* sqrt(|a|) */
	/* single precision: (float)a + (float)b, back to double */
	x86_sse_xx(b, X86_CVTSD2SS, X86_XMM8, X86_XMM0);
	x86_sse_xx(b, X86_CVTSD2SS, X86_XMM9, X86_XMM1);
	x86_sse_xx(b, X86_ADDSS, X86_XMM8, X86_XMM9);
	x86_sse_xx(b, X86_CVTSS2SD, X86_XMM15, X86_XMM8);
	x86_movsd_mx(b, O(6), X86_XMM15);
	/* truncate to int64 and back */
	x86_cvt_rx(b, X86_CVTTSD2SI, 64, X86_R11, X86_XMM0);
	x86_sse_xx(b, X86_XORPS, X86_XMM10, X86_XMM10);
	x86_cvt_xr(b, X86_CVTSI2SD, 64, X86_XMM10, X86_R11);
	x86_movsd_mx(b, O(7), X86_XMM10);
	/* a < b through ucomisd (CF), as a double 0.0 or 1.0 */
	x86_zero(b, X86_RAX);
	x86_sse_xx(b, X86_UCOMISD, X86_XMM0, X86_XMM1);
	x86_setcc_r(b, X86_CC_B, X86_RAX);
	x86_cvt_xr(b, X86_CVTSI2SD, 32, X86_XMM11, X86_RAX);
	x86_movsd_mx(b, O(8), X86_XMM11);
	/* cmpltsd mask, as raw bits */
	x86_movsd_xx(b, X86_XMM12, X86_XMM0);
	x86_sse_xxi(b, X86_CMPSD, X86_XMM12, X86_XMM1, 1);
	x86_movq_mx(b, O(9), X86_XMM12);
	/* the bits of a through a GPR, negated with xor */
	x86_movd_rx(b, 64, X86_RCX, X86_XMM0);
	x86_bitop_ri(b, X86_BTC, 64, X86_RCX, 63);
	x86_movd_xr(b, 64, X86_XMM13, X86_RCX);
	x86_movsd_mx(b, O(10), X86_XMM13);
	if (fma3) {
		/* a * b - 1 fused */
		x86_mov_ri(b, 64, X86_RCX, 0x3ff0000000000000); /* 1.0 */
		x86_movd_xr(b, 64, X86_XMM14, X86_RCX);
		x86_fma_xxx(b, X86_VFMSUB231, 64, X86_XMM14, X86_XMM0,
			    X86_XMM1);
		x86_movsd_mx(b, O(11), X86_XMM14);
	}
	x86_movsd_xm(b, X86_XMM0, O(0));
	x86_ret(b);
	x86_align(b, 16);
	x86_bind(b, &signmask);
	x86_bytes(b,
		  (const uint64_t[]){0x8000000000000000ull,
				     0x8000000000000000ull},
		  16);
	/* fround(a, mode): cvtsd2si under MXCSR.RC = mode, restored after;
	 * roundsd with the current mode */
	fround = x86_pos(b);
	x86_stmxcsr(b, x86_mem(X86_RSP, -4));
	x86_mov_rm(b, 32, X86_RAX, x86_mem(X86_RSP, -4));
	x86_alu_ri(b, X86_AND, 32, X86_RAX, ~0x6000);
	x86_shift_ri(b, X86_SHL, 32, X86_RDI, 13);
	x86_alu_rr(b, X86_OR, 32, X86_RAX, X86_RDI);
	x86_mov_mr(b, 32, x86_mem(X86_RSP, -8), X86_RAX);
	x86_ldmxcsr(b, x86_mem(X86_RSP, -8));
	x86_cvt_rx(b, X86_CVTSD2SI, 64, X86_RAX, X86_XMM0);
	if (sse41) {
		x86_sse_xxi(b, X86_ROUNDSD, X86_XMM1, X86_XMM0, 4);
		x86_cvt_rx(b, X86_CVTTSD2SI, 64, X86_RCX, X86_XMM1);
		x86_shift_ri(b, X86_SHL, 64, X86_RCX, 32);
		x86_alu_rr(b, X86_XOR, 64, X86_RAX, X86_RCX);
	}
	x86_ldmxcsr(b, x86_mem(X86_RSP, -4));
	x86_ret(b);
#undef O
	if (!jit_seal(&j, name))
		goto out;
	for (unsigned i = 0; i < N(ins); i++) {
		/* volatile: computed at run time by the same SSE unit, so
		 * that NaNs come out the same */
		volatile double a = ins[i][0], c = ins[i][1];
		volatile float fa = (float)a, fc = (float)c;
		double want[12];
		uint64_t bits;

		memset(out, 0, sizeof(out));
		if (FN(fnd, f)(a, c, out) != a * c) {
			fail(name, "return value");
			ok = false;
		}
		want[0] = a * c;
		want[1] = fabs(a);
		want[2] = (a + c - c) / c;
		/* minsd/maxsd return the second operand when equal or
		 * unordered */
		want[3] = a < c ? a : c;
		want[4] = a > c ? a : c;
		want[5] = sqrt(fabs(a));
		want[6] = (double)(float)(fa + fc);
		want[7] = fabs(a) < 0x1p63 ? (double)(int64_t)a
					   : (double)INT64_MIN;
		want[8] = a < c;
		bits = a < c ? ~0ull : 0;
		memcpy(&want[9], &bits, 8);
		want[10] = -a;
		want[11] = fma3 ? fma(a, c, -1.0) : 0;
		for (int x = 0; x < 12; x++)
			if (memcmp(&out[x], &want[x], 8)) {
				fail(name, "(%g, %g) result %d: %a, not %a", a,
				     c, x, out[x], want[x]);
				ok = false;
			}
	}
	{
		/* 2.5 and -2.5 in the four rounding modes */
		static const int64_t want[2][4] = {{2, 2, 3, 2},
						   {-2, -3, -2, -2}};
		for (int s = 0; s < 2; s++)
			for (uint64_t m = 0; m < 4; m++) {
				double a = s ? -2.5 : 2.5;
				uint64_t r = FN(uint64_t(*)(double, uint64_t),
						fround)(a, m);
				uint64_t w = (uint64_t)want[s][m];

				if (sse41)
					w ^= (uint64_t)want[s][m] << 32;
				if (r != w) {
					fail(name,
					     "rounding %g in mode %" PRIu64
					     ": %#" PRIx64 ", not %#" PRIx64,
					     a, m, r, w);
					ok = false;
				}
			}
	}
	if (ok)
		printf("ok %s%s\n", name,
		       fma3 && sse41 ? "" : " (without FMA)");
out:
	jit_close(&j);
}

static uint64_t helper(uint64_t a, uint64_t b)
{
	return a * 10 + b;
}

static uint64_t helper2(uint64_t a, uint64_t b)
{
	return a * 100 + b;
}

/* Calls into C, and jumps patched while the code is not running. */
static void exec_calls_patch(void)
{
	const char *name = "x86/exec-calls-patch";
	struct jit j;
	struct x86_buf *b = &j.b;
	uint8_t *fcall, *one, *two, *fj, *fjcc, *fk, *sj, *sjcc, *sk;
	struct x86_label sub = {0};
	bool ok = true;

	if (!jit_open(&j, 1 << 16, NULL))
		return;
	/* fcall(a, b) = helper(a, b) + a + local(a), local(a) = 2a, called
	 * through a label; rsp is 16-byte aligned at the calls */
	fcall = x86_pos(b);
	x86_push(b, X86_RBX);
	x86_mov_rr(b, 64, X86_RBX, X86_RDI);
	x86_call_to(b, (uint64_t)(uintptr_t)helper);
	x86_add_rr(b, 64, X86_RAX, X86_RBX);
	x86_mov_rr(b, 64, X86_RDI, X86_RBX);
	x86_mov_rr(b, 64, X86_RBX, X86_RAX);
	x86_call(b, &sub);
	x86_add_rr(b, 64, X86_RAX, X86_RBX);
	x86_pop(b, X86_RBX);
	x86_ret(b);
	x86_bind(b, &sub);
	x86_lea(b, 64, X86_RAX, x86_mem_idx(X86_RDI, X86_RDI, 1, 0));
	x86_ret(b);
	one = x86_pos(b);
	x86_mov_ri(b, 64, X86_RAX, 1);
	x86_ret(b);
	two = x86_pos(b);
	x86_mov_ri(b, 64, X86_RAX, 2);
	x86_ret(b);
	fj = x86_pos(b);
	sj = x86_jmp_patchable(b, x86_exec(b, one));
	/* fjcc(x): x == 0 ? (patched target) : 7 */
	fjcc = x86_pos(b);
	x86_test_rr(b, 64, X86_RDI, X86_RDI);
	sjcc = x86_jcc_patchable(b, X86_CC_E, x86_exec(b, one));
	x86_mov_ri(b, 32, X86_RAX, 7);
	x86_ret(b);
	fk = x86_pos(b);
	sk = x86_mov_ri64_patchable(b, X86_RAX, 0x1111);
	x86_ret(b);
	if (!jit_seal(&j, name))
		goto out;
	for (uint64_t a = 0; a < 5; a++)
		if (FN(fn2, fcall)(a, 3) != helper(a, 3) + a + 2 * a) {
			fail(name, "call to C and to a label: %" PRIu64,
			     FN(fn2, fcall)(a, 3));
			ok = false;
		}
	if (FN(fn0, fj)() != 1 || FN(fn1, fjcc)(0) != 1 ||
	    FN(fn1, fjcc)(1) != 7 || FN(fn0, fk)() != 0x1111) {
		fail(name, "before patching");
		ok = false;
	}
	if (!jit_protect(&j, false))
		goto out;
	if (x86_patch_branch(sj, x86_exec(b, sj), x86_exec(b, two)) ||
	    x86_patch_branch(sjcc, x86_exec(b, sjcc), x86_exec(b, two)) ||
	    x86_patch_imm64(sk, 0x8877665544332211)) {
		fail(name, "patch refused");
		ok = false;
	}
	if (!jit_protect(&j, true))
		goto out;
	if (FN(fn0, fj)() != 2 || FN(fn1, fjcc)(0) != 2 ||
	    FN(fn1, fjcc)(1) != 7 || FN(fn0, fk)() != 0x8877665544332211) {
		fail(name, "after patching");
		ok = false;
	}
	if (ok)
		printf("ok %s\n", name);
out:
	jit_close(&j);
}

/*
 * A dual-mapped buffer: written through one mapping, run from another at
 * a different address, so every relative displacement (RIP-relative
 * data, calls to C, patched jumps) must be computed for the execution
 * address.
 */
static void exec_dual(void)
{
	const char *name = "x86/exec-dual";
	const size_t size = 1 << 16;
	uint8_t *rw = MAP_FAILED, *rx = MAP_FAILED, *data, *f, *site, *one,
		*two;
	struct x86_buf b;
	bool ok = true;
	int fd;

	fd = memfd_create("x86emit", MFD_CLOEXEC);
	if (fd < 0 || ftruncate(fd, (off_t)size)) {
		printf("skip %s: memfd_create: %s\n", name, strerror(errno));
		if (fd >= 0)
			close(fd);
		return;
	}
	rw = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	rx = mmap(NULL, size, PROT_READ | PROT_EXEC, MAP_SHARED, fd, 0);
	close(fd);
	if (rw == MAP_FAILED || rx == MAP_FAILED) {
		printf("skip %s: mmap: %s\n", name, strerror(errno));
		goto out;
	}
	x86_init(&b, rw, size, (uint64_t)(uintptr_t)rx);
	data = x86_pos(&b);
	x86_bytes(&b, &(uint64_t){1000}, 8);
	one = x86_pos(&b);
	x86_mov_ri(&b, 32, X86_RAX, 1);
	x86_ret(&b);
	two = x86_pos(&b);
	x86_mov_ri(&b, 32, X86_RAX, 2);
	x86_ret(&b);
	site = x86_jmp_patchable(&b, x86_exec(&b, one));
	/* f(a, b) = helper(a, b) + data + (the patched jump's target) */
	f = x86_pos(&b);
	x86_push(&b, X86_RBX);
	x86_call_to(&b, (uint64_t)(uintptr_t)helper);
	x86_mov_rr(&b, 64, X86_RBX, X86_RAX);
	x86_add_rm(&b, 64, X86_RBX, x86_mem_rip(x86_exec(&b, data)));
	x86_call_to(&b, x86_exec(&b, site));
	x86_add_rr(&b, 64, X86_RAX, X86_RBX);
	x86_pop(&b, X86_RBX);
	x86_ret(&b);
	if (!x86_ok(&b)) {
		fail(name, "emission failed (error %u)", x86_error(&b));
		goto out;
	}
	if (FN(fn2, rx + (f - rw))(4, 2) != 42 + 1000 + 1) {
		fail(name, "f = %" PRIu64, FN(fn2, rx + (f - rw))(4, 2));
		ok = false;
	}
	/* Patched through the writable view, seen in the executable one. */
	if (x86_patch_branch(site, x86_exec(&b, site), x86_exec(&b, two)) ||
	    FN(fn2, rx + (f - rw))(4, 2) != 42 + 1000 + 2) {
		fail(name, "after patching");
		ok = false;
	}
	if (ok)
		printf("ok %s\n", name);
out:
	if (rw != MAP_FAILED)
		munmap(rw, size);
	if (rx != MAP_FAILED)
		munmap(rx, size);
}

/* Code mapped more than 2 GiB away from the C functions it calls: the
 * long forms of call, jmp and jcc. */
static void exec_far(void)
{
	const char *name = "x86/exec-far";
	const uint64_t target = (uint64_t)(uintptr_t)helper;
	const uint64_t target2 = (uint64_t)(uintptr_t)helper2;
	static const int64_t offsets[] = {16ll << 30, -(16ll << 30),
					  64ll << 30};
	struct jit j = {0};
	uint8_t *fc, *fj, *fjcc;
	bool ok = true, mapped = false;

	for (unsigned i = 0; i < N(offsets) && !mapped; i++) {
		void *hint =
			(void *)(uintptr_t)((target + (uint64_t)offsets[i]) &
					    ~0xffffull);

		if (!jit_open(&j, 1 << 16, hint))
			return;
		if (!x86_reachable(&j.b, target) &&
		    !x86_reachable(&j.b, target2))
			mapped = true;
		else
			jit_close(&j);
	}
	if (!mapped) {
		printf("skip %s: no code mapping beyond 2 GiB of the test "
		       "program\n",
		       name);
		return;
	}
	fc = x86_pos(&j.b);
	x86_push(&j.b, X86_RBX);
	x86_call_to(&j.b, target);
	x86_pop(&j.b, X86_RBX);
	x86_ret(&j.b);
	/* tail calls */
	fj = x86_pos(&j.b);
	x86_jmp_to(&j.b, target2);
	fjcc = x86_pos(&j.b);
	x86_test_rr(&j.b, 64, X86_RDI, X86_RDI);
	x86_jcc_to(&j.b, X86_CC_E, target);
	x86_jmp_to(&j.b, target2);
	if (!jit_seal(&j, name))
		goto out;
	if (fc[1] != 0x49 || fc[2] != 0xbb || fj[0] != 0xff || fj[1] != 0x25 ||
	    fjcc[3] != 0x75 || fjcc[4] != 14) {
		fail(name, "not the long forms");
		ok = false;
	}
	if (FN(fn2, fc)(4, 2) != 42 || FN(fn2, fj)(4, 2) != 402 ||
	    FN(fn2, fjcc)(0, 2) != 2 || FN(fn2, fjcc)(4, 2) != 402) {
		fail(name, "wrong results");
		ok = false;
	}
	if (ok)
		printf("ok %s\n", name);
out:
	jit_close(&j);
}

static void test_exec(void)
{
	exec_arith();
	exec_branches();
	exec_memory();
	exec_muldiv_bits();
	exec_atomics();
	exec_sse();
	exec_calls_patch();
	exec_dual();
	exec_far();
}

#else

static void test_exec(void)
{
	printf("skip x86/exec: the host is not x86-64\n");
}

#endif

int main(void)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	test_limits();
	test_labels_api();
	test_refused();
	test_encodings();
	test_exec();
	return failures ? 1 : 0;
}
