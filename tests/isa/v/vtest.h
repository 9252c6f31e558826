/*
 * Harness for the vector differential programs (diff_*.c, written by
 * gen.py): every vector register is loaded from a pattern, one
 * instruction runs under a vtype, vl, vstart, vxrm and frm, and what it
 * left (the 32 registers, vl, vstart, vxsat, fflags, an x and an f
 * result, the trap it took and, for loads and stores, the memory) is
 * hashed into one "@" line per instruction and vtype. RISC-V "V"
 * extension 1.0; QEMU 7.2 runs the same program (-cpu ...,v=true).
 */
#ifndef ISA_VTEST_H
#define ISA_VTEST_H

#include "rt.h"

asm(".option arch, +v");

#define VTEST_MAX_VLENB 128
#define VTEST_MEM 8192

typedef unsigned long u64;

static unsigned char vin[32 * VTEST_MAX_VLENB] __attribute__((aligned(64)));
static unsigned char vout[32 * VTEST_MAX_VLENB] __attribute__((aligned(64)));
/* Memory the loads and stores use (with a guard on each side). */
static unsigned char vmem[VTEST_MEM] __attribute__((aligned(4096)));
static unsigned long vlenb;

/* Inputs and results of the instruction under test (see the asm). */
static volatile u64 vt_x, vt_f, vt_xout, vt_fout, vt_base, vt_stride;

/* Edge values: 64-bit integers, binary64 and pairs of binary32. */
static const u64 vt_vals[] = {
	0x0000000000000000, 0xffffffffffffffff, 0x8000000000000000,
	0x7fffffffffffffff, 0x0000000000000001, 0x00000000ffffffff,
	0x3ff0000000000000, 0xbff8000000000000, 0x7ff0000000000000,
	0xfff0000000000000, 0x7ff8000000000000, 0x7ff4000000000001,
	0x0000000000000003, 0x800fffffffffffff, 0x4340000000000001,
	0x41dfffffffc00000, 0x3f8000003fc00000, 0xbf8000007f800000,
	0xff8000007fc00000, 0x7fa0000000000001, 0x00400000807fffff,
	0x4b0000004effffff, 0xcf000000c3800000, 0x3effffff80000000,
	0x0123456789abcdef, 0xfedcba9876543210, 0x00ff00ff00ff00ff,
	0x8000800080008000, 0x7f7f7f7f80808080, 0x0001000200040008,
	0x5555555555555555, 0xaaaaaaaaaaaaaaaa,
};
#define VT_NVALS (sizeof(vt_vals) / sizeof(vt_vals[0]))

/* Scalar operands (x registers and NaN-boxed or not f registers). */
static const u64 vt_xs[] = {
	0x0,	0x5,	    0xffffffffffffffff, 0x80,
	0x7fff, 0x80000000, 0x8000000000000000, 0x123456789abcdef1,
	0x3,	0x1f,
};
static const u64 vt_fs[] = {
	0xffffffff3fc00000, 0x400c000000000000, 0xffffffffff800000,
	0xfff8000000000000, 0x00000000c0000000, 0xffffffff7fa00000,
	0x8000000000000000, 0x7ff4000000000000, 0xffffffff00000001,
	0xc1e0000000000000,
};
/* Small scalars: slide offsets and gather indices. */
static const u64 vt_small[] = {0, 1, 2, 5, 17, 127, 1000, 0x8000000000000001};

static u64 vt_rng;

static u64 vt_rand(void)
{
	vt_rng ^= vt_rng << 13;
	vt_rng ^= vt_rng >> 7;
	vt_rng ^= vt_rng << 17;
	return vt_rng;
}

/*
 * The register patterns: edge values and random bits, v0 random bits.
 * Made once (VT_NPATS of them, picked by seed): making one per run would
 * cost more than the instruction under test.
 */
#define VT_NPATS 16
static u64 vt_pats[VT_NPATS][32 * VTEST_MAX_VLENB / 8];
static u64 vt_mempats[VT_NPATS][VTEST_MEM / 8];

static void vt_make_patterns(void)
{
	unsigned n = 32 * vlenb / 8;

	for (unsigned seed = 0; seed < VT_NPATS; seed++) {
		u64 *p = vt_pats[seed];

		vt_rng = 0x9e3779b97f4a7c15ull ^ (seed * 0x100000001b3ull);
		for (unsigned i = 0; i < n; i++) {
			u64 r = vt_rand();

			p[i] = (r & 3) ? vt_vals[(i * 7 + seed + (r >> 8)) %
						 VT_NVALS]
				       : vt_rand();
		}
		for (unsigned i = 0; i < vlenb / 8; i++)
			p[i] = vt_rand();
		for (unsigned i = 0; i < VTEST_MEM / 8; i++)
			vt_mempats[seed][i] =
				(i & 3) ? vt_rand() : vt_vals[i % VT_NVALS];
	}
}

/* The registers from pattern @seed; with @mem, the memory too. */
static void vt_pattern(unsigned seed, int mem)
{
	const u64 *src = vt_pats[seed % VT_NPATS];
	u64 *p = (u64 *)vin;
	unsigned n = 32 * vlenb / 8;

	for (unsigned i = 0; i < n; i++)
		p[i] = src[i];
	src = vt_mempats[seed % VT_NPATS];
	p = (u64 *)vmem;
	for (unsigned i = 0; mem && i < VTEST_MEM / 8; i++)
		p[i] = src[i];
}

/* Elements of @sew bits in register group @reg: small indices. */
static void vt_small_elems(unsigned reg, unsigned sew, unsigned vlmax)
{
	unsigned char *p = vin + reg * vlenb;
	unsigned n = 8 * vlenb / sew;

	for (unsigned i = 0; i < n && (reg * vlenb + i * sew / 8) < 32 * vlenb;
	     i++) {
		u64 v = (i * 5 + 3) % (vlmax + 3);

		for (unsigned b = 0; b < sew / 8; b++)
			p[i * sew / 8 + b] = v >> (8 * b);
	}
}

static void vt_load_regs(void)
{
	asm volatile("vl8re8.v v0, (%0)" ::"r"(vin) : "memory");
	asm volatile("vl8re8.v v8, (%0)" ::"r"(vin + 8 * vlenb) : "memory");
	asm volatile("vl8re8.v v16, (%0)" ::"r"(vin + 16 * vlenb) : "memory");
	asm volatile("vl8re8.v v24, (%0)" ::"r"(vin + 24 * vlenb) : "memory");
}

static void vt_store_regs(void)
{
	asm volatile("vs8r.v v0, (%0)" ::"r"(vout) : "memory");
	asm volatile("vs8r.v v8, (%0)" ::"r"(vout + 8 * vlenb) : "memory");
	asm volatile("vs8r.v v16, (%0)" ::"r"(vout + 16 * vlenb) : "memory");
	asm volatile("vs8r.v v24, (%0)" ::"r"(vout + 24 * vlenb) : "memory");
}

static u64 vt_hash, vt_vstart_after;

static void vt_mix(u64 v)
{
	for (int i = 0; i < 8; i++) {
		vt_hash ^= (v >> (8 * i)) & 0xff;
		vt_hash *= 0x100000001b3ull;
	}
}

/* @n bytes, a multiple of 8, 8-byte aligned. */
static void vt_mix_bytes(const unsigned char *p, unsigned n)
{
	const u64 *w = (const u64 *)p;

	for (unsigned i = 0; i < n / 8; i++) {
		vt_hash ^= w[i];
		vt_hash *= 0x100000001b3ull;
		vt_hash ^= vt_hash >> 29;
	}
}

/* Case flags */
enum {
	VT_XRM = 1 << 0,     /* run under each vxrm */
	VT_FRM = 1 << 1,     /* run under each frm */
	VT_SMALLX = 1 << 2,  /* the x scalar is a small offset or index */
	VT_IDX24 = 1 << 3,   /* v24 holds small SEW indices */
	VT_IDX16 = 1 << 4,   /* v24 holds small 16-bit indices */
	VT_MEM = 1 << 5,     /* hash the memory too */
	VT_IDXMEM = 1 << 6,  /* v24 holds byte offsets into vmem */
	VT_NOSTART = 1 << 7, /* no run with vstart > 0 */
	VT_F = 1 << 8,	     /* floating point: SEW 32 and 64 only */
	VT_FH = 1 << 9,	     /* floating point defined at SEW 16 too */
};
/* With VT_IDXMEM: the offsets' EEW (8 << this), in bits 12-13. */
#define VT_IDXW(w) ((unsigned)__builtin_ctz((w) / 8) << 12)

struct vt_case {
	const char *name;
	void (*fn)(void);
	unsigned flags;
};

static const char *const vt_lmul_names[8] = {"m1", "m2",  "m4",	 "m8",
					     "?",  "mf8", "mf4", "mf2"};

static u64 vt_vsetvl(u64 avl, u64 vtype)
{
	u64 vl;

	asm volatile("vsetvl %0, %1, %2" : "=r"(vl) : "r"(avl), "r"(vtype));
	return vl;
}

/* Offsets into vmem that index registers hold (in bytes, < 4096). */
static void vt_mem_index(unsigned reg, unsigned eew)
{
	unsigned char *p = vin + reg * vlenb;
	unsigned n = 8 * vlenb * 8 / eew;

	for (unsigned i = 0;
	     i < n && reg * vlenb + (i + 1) * eew / 8 <= 32 * vlenb; i++) {
		u64 v = ((i * 37 + 11) * 8) % 3072;

		for (unsigned b = 0; b < eew / 8; b++)
			p[i * eew / 8 + b] = v >> (8 * b);
	}
}

static void vt_run(const struct vt_case *c, unsigned sew, int lmul,
		   unsigned seed)
{
	u64 vtype = (u64)(__builtin_ctz(sew) - 3) << 3 | (lmul & 7);
	u64 vlmax = vt_vsetvl(~0ul, vtype);
	unsigned nxrm = (c->flags & VT_XRM) ? 4 : 1;
	unsigned nfrm = (c->flags & VT_FRM) ? 5 : 1;

	vt_hash = 0xcbf29ce484222325ull;
	for (unsigned run = 0; run < 3; run++) {
		u64 vl = run == 0 ? vlmax : (vlmax * 2) / 3 + (vlmax > 1);
		u64 vstart = run == 2 ? 2 : 0;

		/*
		 * QEMU 7.2 leaves vstart as it was when vstart >= vl (the
		 * spec resets it): v/vstart.c checks that case on hvrun.
		 */
		if (run == 2 && ((c->flags & VT_NOSTART) || vl <= 2))
			continue;
		for (unsigned xr = 0; xr < nxrm; xr++) {
			for (unsigned fr = 0; fr < nfrm; fr++) {
				unsigned k = seed + run * 7 + xr * 3 + fr;

				vt_pattern(k, c->flags & VT_MEM);
				if (c->flags & VT_IDX24)
					vt_small_elems(24, sew, vlmax);
				if (c->flags & VT_IDX16)
					vt_small_elems(24, 16, vlmax);
				if (c->flags & VT_IDXMEM)
					vt_mem_index(
						24,
						8 << ((c->flags >> 12) & 3));
				vt_x = (c->flags & VT_SMALLX) ? vt_small[k % 8]
							      : vt_xs[k % 10];
				vt_f = vt_fs[k % 10];
				vt_base = (u64)vmem + 1024 + 8 * (k % 5);
				vt_stride = (k % 3 == 0)   ? 0
					    : (k % 3 == 1) ? sew / 8 * 3
							   : -(u64)sew / 8;
				vt_load_regs();
				csr_write(vxrm, xr);
				csr_write(vxsat, 0);
				csr_write(fcsr, fr << 5);
				vt_vsetvl(vl, vtype);
				csr_write(vstart, vstart);
				trap_reset();
				c->fn();
				vt_mix(m_trap.count ? m_trap.cause : 0xff);
				vt_mix(csr_read(vl));
				vt_mix(vt_vstart_after = csr_read(vstart));
				csr_write(vstart, 0);
				vt_mix(csr_read(vxsat));
				vt_mix(csr_read(fflags));
				vt_mix(vt_xout);
				vt_mix(vt_fout);
				vt_store_regs();
#ifdef VT_VERBOSE
				printf("  run %u.%u.%u vl=%lu vstart=%lu: trap "
				       "%lx "
				       "vl %lx vstart %lx vxsat %lx fflags %lx "
				       "x "
				       "%lx f %lx\n",
				       run, xr, fr, vl, vstart,
				       m_trap.count ? m_trap.cause : 0xff,
				       csr_read(vl), vt_vstart_after,
				       csr_read(vxsat), csr_read(fflags),
				       vt_xout, vt_fout);
				for (unsigned r = 0; r < 32; r++) {
					printf("   v%u", r);
					for (unsigned b = 0; b < vlenb; b++)
						printf("%s%02x",
						       b % 8 ? "" : " ",
						       vout[r * vlenb + vlenb -
							    1 - b]);
					printf("\n");
				}
#endif
				vt_mix_bytes(vout, 32 * vlenb);
				if (c->flags & VT_MEM)
					vt_mix_bytes(vmem, VTEST_MEM);
			}
		}
	}
	printf("@%s e%u%s %016lx\n", c->name, sew, vt_lmul_names[lmul & 7],
	       vt_hash);
}

/* Every case under every SEW and LMUL the spec requires. */
static void vt_all(const struct vt_case *cases, unsigned n)
{
	csr_set(mstatus, MSTATUS_VS | MSTATUS_FS);
	vlenb = csr_read(vlenb);
	vt_make_patterns();
	for (unsigned i = 0; i < n; i++)
		for (unsigned sew = 8; sew <= 64; sew *= 2)
			for (int lmul = -3; lmul <= 3; lmul++) {
				/* LMUL >= SEW / ELEN: a fraction holds one. */
				if (lmul < 0 && sew > (64u >> -lmul))
					continue;
				/*
				 * SEW 16 floating point is Zvfh's, which
				 * QEMU 7.2 runs without it (and crashes on
				 * some conversions): v/fp.c checks hvrun's
				 * refusals.
				 */
				if ((cases[i].flags & VT_F) && sew < 32)
					continue;
				if ((cases[i].flags & VT_FH) && sew < 16)
					continue;
				vt_run(&cases[i], sew, lmul, i);
			}
}

/*
 * One instruction between loading the scalars (a1 = vt_x, fa1 = vt_f,
 * a2 = vt_base, a3 = vt_stride) and storing a0 and fa0.
 */
#define VT(fn, insn)                                                         \
	static void fn(void)                                                 \
	{                                                                    \
		asm volatile(                                                \
			"ld a1, %2\n\tfld fa1, %3\n\tld a2, %4\n\t"          \
			"ld a3, %5\n\tli a0, 0x5a5a\n\t"                     \
			"fmv.d.x fa0, a0\n\t" insn "\n\t"                    \
			"sd a0, %0\n\tfsd fa0, %1"                           \
			: "=m"(vt_xout), "=m"(vt_fout)                       \
			: "m"(vt_x), "m"(vt_f), "m"(vt_base), "m"(vt_stride) \
			: "a0", "a1", "a2", "a3", "fa0", "fa1", "memory");   \
	}                                                                    \
	extern int vt_defined_##fn

#endif
