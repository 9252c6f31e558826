/*
 * Differential bit manipulation for cryptography and carry-less
 * multiplication: clmul, clmulh, clmulr (Zbc; the first two also Zbkc),
 * pack, packh, packw, brev8 (Zbkb), xperm4, xperm8 (Zbkx), and Zbkb's
 * share of Zbb (rol, ror, andn, orn, xnor, rev8), over edge operands and
 * pseudo-random ones; "@op i j = result" lines compared with QEMU's.
 * RISC-V Unprivileged ISA, "Bit-manipulation" (Zbc, Zbkb, Zbkc, Zbkx).
 * ISA-DIFF
 * ISA-MARCH: rv64gc_zba_zbb_zbs_zbc_zbkb_zbkc_zbkx
 * ISA-QEMU-CPU: zbc=true,zbkb=true,zbkc=true,zbkx=true
 * ISA-HVRUN-ARGS: --isa max
 */
#include "rt.h"

typedef unsigned long u64;

static u64 ops[40] = {
	0,
	1,
	-1UL,
	0x8000000000000000,
	0x7fffffffffffffff,
	0x00000000ffffffff,
	0xffffffff00000000,
	0x0123456789abcdef,
	0xfedcba9876543210,
	0x0706050403020100,
	0x0f0e0d0c0b0a0908,
	0x00000000000000ff,
	0x8080808080808080,
	0x1111111111111111,
	0xaaaaaaaaaaaaaaaa,
	0x0000000080000000,
};
#define N 40

#include "intops.h"

R2(clmul, "clmul");
R2(clmulh, "clmulh");
R2(clmulr, "clmulr");
R2(pack, "pack");
R2(packh, "packh");
R2(packw, "packw");
R1(brev8, "brev8");
R2(xperm4, "xperm4");
R2(xperm8, "xperm8");
R2(rol, "rol");
R2(ror, "ror");
R2(rolw, "rolw");
R2(andn, "andn");
R2(orn, "orn");
R2(xnor, "xnor");
R1(rev8, "rev8");

static const struct {
	const char *name;
	u64 (*fn)(u64, u64);
	int nargs;
} fns[] = {
	{"clmul", clmul, 2}, {"clmulh", clmulh, 2}, {"clmulr", clmulr, 2},
	{"pack", pack, 2},   {"packh", packh, 2},   {"packw", packw, 2},
	{"brev8", brev8, 1}, {"xperm4", xperm4, 2}, {"xperm8", xperm8, 2},
	{"rol", rol, 2},     {"ror", ror, 2},	    {"rolw", rolw, 2},
	{"andn", andn, 2},   {"orn", orn, 2},	    {"xnor", xnor, 2},
	{"rev8", rev8, 1},
};

int main(void)
{
	u64 s = 0x9e3779b97f4a7c15UL;

	for (int i = 16; i < N; i++) {
		s ^= s << 13;
		s ^= s >> 7;
		s ^= s << 17;
		ops[i] = s;
	}
	for (unsigned f = 0; f < sizeof(fns) / sizeof(fns[0]); f++)
		for (int i = 0; i < N; i++)
			for (int j = 0; j < (fns[f].nargs == 2 ? N : 1); j++)
				printf("@%s %d %d = %lx\n", fns[f].name, i, j,
				       fns[f].fn(ops[i], ops[j]));
	printf("@end\n");
	return 0;
}
