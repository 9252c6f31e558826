// SPDX-License-Identifier: MIT
/*
 * The extension table behind --isa. Names, dependencies and the named
 * sets follow the RISC-V ISA manual (unprivileged "Zc*", "Zfh",
 * "Zfa"...; privileged "Smstateen/Ssstateen", "Sscofpmf", pointer
 * masking) and the profiles specification (riscv-profiles,
 * rva23-profile.adoc: RVA22U64/S64, RVA23U64/S64 and the profile-defined
 * extensions such as Ziccif, Za64rs, Ssccptr, Sha).
 */
#include "accel/isa.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

/* Flags of an extension. */
enum {
	/* Always there: cannot be switched off. */
	EXT_FIXED = 1 << 0,
	/* Follows other extensions (Zca is C's, Zcd is C and D's). */
	EXT_DERIVED = 1 << 1,
	/* Named so that the sets are complete, not implemented yet. */
	EXT_MISSING = 1 << 2,
	/* Not listed in riscv,isa(-extensions) (satp modes: mmu-type). */
	EXT_HIDDEN = 1 << 3,
};

#define NEEDS_MAX 10

struct ext {
	const char *name;
	unsigned flags;
	/* Turned on with this one; turning one of them off turns it off. */
	int8_t needs[NEEDS_MAX];
	const char *what;
};

#define E(id, nm, fl, wh, ...)           \
	[ACCEL_EXT_##id] = {.name = nm,  \
			    .flags = fl, \
			    .what = wh,  \
			    .needs = {__VA_ARGS__, -1}}
#define X(id) ACCEL_EXT_##id

/* clang-format off */
static const struct ext exts[ACCEL_EXT_COUNT] = {
	E(I, "i", EXT_FIXED, "base integer ISA", -1),
	E(M, "m", 0, "multiply and divide", -1),
	E(A, "a", 0, "atomics (LR/SC, AMOs)", -1),
	E(F, "f", 0, "single-precision floating point", X(ZICSR)),
	E(D, "d", 0, "double-precision floating point", X(F)),
	E(C, "c", 0, "compressed instructions", -1),
	E(H, "h", 0, "hypervisor", -1),
	E(V, "v", 0, "vector", X(D)),
	E(ZICSR, "zicsr", EXT_FIXED, "CSR instructions", -1),
	E(ZIFENCEI, "zifencei", 0, "fence.i", -1),
	E(ZICOND, "zicond", 0, "conditional zero", -1),
	E(ZIMOP, "zimop", 0, "may-be-operations", -1),
	E(ZICBOM, "zicbom", 0, "cache-block management", -1),
	E(ZICBOZ, "zicboz", 0, "cache-block zero", -1),
	E(ZAWRS, "zawrs", 0, "wait on reservation set", X(A)),
	E(ZFA, "zfa", 0, "additional floating point", X(F)),
	E(ZFH, "zfh", 0, "half precision", X(ZFHMIN)),
	E(ZFHMIN, "zfhmin", 0, "minimal half precision", X(F)),
	E(ZCA, "zca", EXT_DERIVED, "compressed (C without FP loads)", -1),
	E(ZCB, "zcb", 0, "more compressed instructions", X(C)),
	E(ZCD, "zcd", EXT_DERIVED, "compressed double loads/stores", -1),
	E(ZCMOP, "zcmop", 0, "compressed may-be-operations", X(C)),
	E(ZBA, "zba", 0, "address generation", -1),
	E(ZBB, "zbb", 0, "basic bit manipulation", -1),
	E(ZBC, "zbc", 0, "carry-less multiply", -1),
	E(ZBKB, "zbkb", 0, "bit manipulation for cryptography", -1),
	E(ZBKC, "zbkc", 0, "carry-less multiply for cryptography", -1),
	E(ZBKX, "zbkx", 0, "crossbar permutations", -1),
	E(ZBS, "zbs", 0, "single-bit instructions", -1),
	E(SVINVAL, "svinval", 0, "fine-grained TLB invalidation", -1),
	E(ZVFHMIN, "zvfhmin", 0, "vector half conversions", X(V)),
	E(ZVBB, "zvbb", 0, "vector bit manipulation", X(V)),
	E(ZVKT, "zvkt", 0, "vector data-independent latency", X(V)),
	E(ZICNTR, "zicntr", 0, "cycle, time, instret", X(ZICSR)),
	E(ZIHPM, "zihpm", 0, "hardware performance counters", X(ZICSR)),
	E(ZIHINTPAUSE, "zihintpause", 0, "pause hint", -1),
	E(ZIHINTNTL, "zihintntl", 0, "non-temporal locality hints", -1),
	E(ZICBOP, "zicbop", 0, "cache-block prefetch hints", -1),
	E(ZIC64B, "zic64b", 0, "64-byte cache blocks", -1),
	E(ZICCIF, "ziccif", 0, "coherent instruction fetch", -1),
	E(ZICCRSE, "ziccrse", 0, "eventual LR/SC forward progress", -1),
	E(ZICCAMOA, "ziccamoa", 0, "AMOs on main memory", X(A)),
	E(ZICCLSM, "zicclsm", 0, "misaligned loads and stores", -1),
	E(ZA64RS, "za64rs", 0, "reservation sets of at most 64 bytes",
	  X(A)),
	E(ZKT, "zkt", 0, "data-independent latency (see the manual)", -1),
	E(SHA, "sha", 0, "augmented hypervisor", X(H), X(SSSTATEEN),
	  X(SHCOUNTERENW), X(SHVSTVALA), X(SHTVALA), X(SHVSTVECD),
	  X(SHVSATPA), X(SHGATPA)),
	E(SHCOUNTERENW, "shcounterenw", 0, "writable hcounteren bits", X(H)),
	E(SHGATPA, "shgatpa", 0, "hgatp modes for every satp mode", X(H)),
	E(SHTVALA, "shtvala", 0, "htval holds guest physical addresses",
	  X(H)),
	E(SHVSATPA, "shvsatpa", 0, "vsatp modes as satp's", X(H)),
	E(SHVSTVALA, "shvstvala", 0, "vstval written as stval", X(H)),
	E(SHVSTVECD, "shvstvecd", 0, "vstvec direct mode", X(H)),
	E(SMMPM, "smmpm", 0, "pointer masking in M-mode", -1),
	E(SMNPM, "smnpm", 0, "pointer masking in S-mode", -1),
	E(SMSTATEEN, "smstateen", 0, "state enables (mstateen)", -1),
	E(SSCCPTR, "ssccptr", 0, "page tables in main memory", -1),
	E(SSCOFPMF, "sscofpmf", 0, "counter overflow and mode filtering",
	  X(ZIHPM)),
	E(SSCOUNTERENW, "sscounterenw", 0, "writable scounteren bits", -1),
	E(SSNPM, "ssnpm", 0, "pointer masking in U, VS, VU", -1),
	E(SSSTATEEN, "ssstateen", 0, "state enables (sstateen, hstateen)",
	  X(SMSTATEEN)),
	E(SSTC, "sstc", 0, "supervisor timer compare", X(ZICNTR)),
	E(SSTVALA, "sstvala", 0, "stval written for every cause", -1),
	E(SSTVECD, "sstvecd", 0, "stvec direct mode", -1),
	E(SSU64XL, "ssu64xl", 0, "UXL = 64", -1),
	E(SUPM, "supm", 0, "pointer masking for user mode", X(SSNPM)),
	E(SVADE, "svade", EXT_FIXED, "A/D faults", -1),
	E(SVADU, "svadu", 0, "A/D updates (menvcfg.ADUE)", -1),
	E(SVNAPOT, "svnapot", 0, "NAPOT pages", -1),
	E(SVPBMT, "svpbmt", 0, "page-based memory types", -1),
	E(SV39, "sv39", EXT_HIDDEN, "Sv39 translation", -1),
	E(SV48, "sv48", EXT_HIDDEN, "Sv48 translation", X(SV39)),
	E(SV57, "sv57", EXT_HIDDEN, "Sv57 translation", X(SV48)),
};
/* clang-format on */

#define END -1

static const int8_t set_rv64gc[] = {
	X(I),	     X(M),	X(A),	  X(F),	   X(D),    X(C),    X(ZICSR),
	X(ZIFENCEI), X(ZICNTR), X(SVADE), X(SV39), X(SV48), X(SV57), END,
};

/*
 * What every hart of a named profile has beyond the profile's own list,
 * so that a kernel runs on it in S-mode whatever the U64 profiles leave
 * to the supervisor: fence.i (Linux flushes its instruction cache with
 * it; the profiles mandate Zifencei in S64 only) and the MMU (Svade is
 * how hvrun's page walker treats A/D bits).
 */
static const int8_t set_hart[] = {
	X(ZIFENCEI), X(SVADE), X(SV39), X(SV48), X(SV57), END,
};

/* RVA22U64's mandatory extensions (RVA20U64's and its own). */
static const int8_t set_rva22u[] = {
	X(I),	    X(M),	 X(A),	     X(F),	X(D),
	X(C),	    X(ZICSR),	 X(ZICNTR),  X(ZIHPM),	X(ZICCIF),
	X(ZICCRSE), X(ZICCAMOA), X(ZICCLSM), X(ZA64RS), X(ZIHINTPAUSE),
	X(ZBA),	    X(ZBB),	 X(ZBS),     X(ZIC64B), X(ZICBOM),
	X(ZICBOP),  X(ZICBOZ),	 X(ZFHMIN),  X(ZKT),	END,
};

/* What RVA22S64 adds to RVA22U64 (besides S-mode, Zifencei and Sv39). */
static const int8_t set_rva22s[] = {
	X(SSCCPTR), X(SSTVECD), X(SSTVALA), X(SSCOUNTERENW),
	X(SVPBMT),  X(SVINVAL), END,
};

/*
 * What RVA23U64 adds to RVA22U64. Supm brings Ssnpm with it: on a hart
 * with S-mode, senvcfg.PMM is how user-mode pointer masking is had.
 */
static const int8_t set_rva23u[] = {
	X(V),	   X(ZVFHMIN), X(ZVBB),	 X(ZVKT), X(ZIHINTNTL),
	X(ZICOND), X(ZIMOP),   X(ZCMOP), X(ZCB),  X(ZFA),
	X(ZAWRS),  X(SUPM),    END,
};

/* What RVA23S64 adds to RVA23U64 and RVA22S64. */
static const int8_t set_rva23s[] = {
	X(SVNAPOT), X(SSTC), X(SSCOFPMF),  X(SSNPM),
	X(SSU64XL), X(SHA),  X(SMSTATEEN), END,
};

static void add_needs(struct accel_isa *isa, unsigned id);

static void add(struct accel_isa *isa, unsigned id)
{
	if (exts[id].flags & EXT_MISSING)
		return;
	if (accel_isa_has(isa, id))
		return;
	accel_isa_set(isa, id, true);
	add_needs(isa, id);
}

static void add_needs(struct accel_isa *isa, unsigned id)
{
	for (unsigned i = 0; i < NEEDS_MAX && exts[id].needs[i] >= 0; i++)
		add(isa, exts[id].needs[i]);
}

static void add_set(struct accel_isa *isa, const int8_t *set)
{
	for (; *set != END; set++)
		add(isa, *set);
}

static bool needs(unsigned id, unsigned other)
{
	for (unsigned i = 0; i < NEEDS_MAX && exts[id].needs[i] >= 0; i++)
		if ((unsigned)exts[id].needs[i] == other)
			return true;
	return false;
}

static void drop(struct accel_isa *isa, unsigned id)
{
	if (!accel_isa_has(isa, id))
		return;
	accel_isa_set(isa, id, false);
	for (unsigned j = 0; j < ACCEL_EXT_COUNT; j++)
		if (needs(j, id))
			drop(isa, j);
}

/* Zca and Zcd are C seen through the Zc* names. */
static void derive(struct accel_isa *isa)
{
	bool c = accel_isa_has(isa, ACCEL_EXT_C);

	accel_isa_set(isa, ACCEL_EXT_ZCA, c);
	accel_isa_set(isa, ACCEL_EXT_ZCD, c && accel_isa_has(isa, ACCEL_EXT_D));
}

int accel_isa_profile(const char *name, struct accel_isa *isa)
{
	memset(isa, 0, sizeof(*isa));
	if (!strcmp(name, "rv64gc")) {
		add_set(isa, set_rv64gc);
	} else if (!strcmp(name, "rv64gcv")) {
		add_set(isa, set_rv64gc);
		add(isa, ACCEL_EXT_V);
	} else if (!strcmp(name, "rva22u64")) {
		add_set(isa, set_hart);
		add_set(isa, set_rva22u);
	} else if (!strcmp(name, "rva22s64")) {
		add_set(isa, set_hart);
		add_set(isa, set_rva22u);
		add_set(isa, set_rva22s);
	} else if (!strcmp(name, "rva23u64")) {
		add_set(isa, set_hart);
		add_set(isa, set_rva22u);
		add_set(isa, set_rva23u);
	} else if (!strcmp(name, "rva23s64")) {
		add_set(isa, set_hart);
		add_set(isa, set_rva22u);
		add_set(isa, set_rva22s);
		add_set(isa, set_rva23u);
		add_set(isa, set_rva23s);
	} else if (!strcmp(name, "max")) {
		for (unsigned i = 0; i < ACCEL_EXT_COUNT; i++)
			if (!(exts[i].flags & (EXT_MISSING | EXT_DERIVED)))
				add(isa, i);
	} else {
		return -ENOENT;
	}
	derive(isa);
	return 0;
}

const char *accel_isa_name(unsigned ext)
{
	return ext < ACCEL_EXT_COUNT ? exts[ext].name : NULL;
}

int accel_isa_lookup(const char *name)
{
	for (unsigned i = 0; i < ACCEL_EXT_COUNT; i++)
		if (!strcmp(exts[i].name, name))
			return (int)i;
	return -ENOENT;
}

int accel_isa_parse(const char *arg, struct accel_isa *isa, char *err,
		    size_t errlen)
{
	char buf[512], *save = NULL, *tok;
	int rc;

	if (strlen(arg) >= sizeof(buf)) {
		snprintf(err, errlen, "too long");
		return -EINVAL;
	}
	strcpy(buf, arg);
	tok = strtok_r(buf, ",", &save);
	if (!tok || accel_isa_profile(tok, isa)) {
		snprintf(err, errlen,
			 "'%s' is not a set hvrun knows; start with rv64gc, "
			 "rv64gcv, rva22u64, rva22s64, rva23u64, rva23s64 or "
			 "max",
			 tok ? tok : "");
		return -EINVAL;
	}
	while ((tok = strtok_r(NULL, ",", &save))) {
		char *eq = strchr(tok, '=');
		bool on;

		if (!eq || (strcmp(eq + 1, "on") && strcmp(eq + 1, "off"))) {
			snprintf(err, errlen,
				 "'%s': write EXTENSION=on or EXTENSION=off",
				 tok);
			return -EINVAL;
		}
		*eq = '\0';
		on = !strcmp(eq + 1, "on");
		rc = accel_isa_lookup(tok);
		if (rc < 0) {
			snprintf(err, errlen,
				 "no extension '%s'; hvrun --isa help lists "
				 "them",
				 tok);
			return -EINVAL;
		}
		if (exts[rc].flags & EXT_MISSING) {
			snprintf(err, errlen,
				 "hvrun does not implement '%s' yet", tok);
			return -EINVAL;
		}
		if (exts[rc].flags & EXT_DERIVED) {
			snprintf(err, errlen,
				 "'%s' follows c (and d): switch those", tok);
			return -EINVAL;
		}
		if (!on && (exts[rc].flags & EXT_FIXED)) {
			snprintf(err, errlen, "'%s' cannot be turned off", tok);
			return -EINVAL;
		}
		if (on)
			add(isa, (unsigned)rc);
		else
			drop(isa, (unsigned)rc);
		derive(isa);
	}
	return 0;
}

/* The single-letter extensions in the ISA manual's canonical order. */
static const char canonical[] = "imafdqlcbkjtpvh";

static int category(const char *name)
{
	const char *p = strchr(canonical, name[1]);

	return p ? (int)(p - canonical) : (int)sizeof(canonical);
}

/* Naming-convention order: single letters, Z by category, then S. */
static int order(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);

	if ((la == 1) != (lb == 1))
		return la == 1 ? -1 : 1;
	if (la == 1)
		return (int)(strchr(canonical, a[0]) - canonical) -
		       (int)(strchr(canonical, b[0]) - canonical);
	if (a[0] != b[0])
		return a[0] == 'z' ? -1 : 1;
	if (a[0] == 'z' && category(a) != category(b))
		return category(a) - category(b);
	return strcmp(a, b);
}

static size_t sorted(const struct accel_isa *isa, const char **names)
{
	size_t n = 0;

	for (unsigned i = 0; i < ACCEL_EXT_COUNT; i++) {
		size_t j;

		if (!accel_isa_has(isa, i) || (exts[i].flags & EXT_HIDDEN))
			continue;
		for (j = n; j > 0 && order(names[j - 1], exts[i].name) > 0; j--)
			names[j] = names[j - 1];
		names[j] = exts[i].name;
		n++;
	}
	return n;
}

int accel_isa_list(const struct accel_isa *isa, const char **out, size_t max)
{
	const char *names[ACCEL_EXT_COUNT];
	size_t n = sorted(isa, names);

	if (n + 1 > max)
		return -ENOSPC;
	memcpy(out, names, n * sizeof(names[0]));
	out[n] = NULL;
	return (int)n;
}

int accel_isa_string(const struct accel_isa *isa, char *buf, size_t len)
{
	const char *names[ACCEL_EXT_COUNT];
	size_t n = sorted(isa, names), pos;
	int w;

	w = snprintf(buf, len, "rv64");
	pos = w < 0 ? len : (size_t)w;
	for (size_t i = 0; i < n && pos < len; i++) {
		bool single = !names[i][1];

		w = snprintf(buf + pos, len - pos, "%s%s",
			     single || pos == 4 ? "" : "_", names[i]);
		pos += w < 0 ? len : (size_t)w;
	}
	return pos < len ? 0 : -ENOSPC;
}

uint64_t accel_isa_misa(const struct accel_isa *isa)
{
	uint64_t misa = 2ull << 62; /* MXL = 64 */

	for (unsigned i = 0; i < ACCEL_EXT_COUNT; i++)
		if (accel_isa_has(isa, i) && !exts[i].name[1])
			misa |= 1ull << (exts[i].name[0] - 'a');
	/* S-mode and U-mode are always there. */
	misa |= 1ull << ('s' - 'a') | 1ull << ('u' - 'a');
	return misa;
}

const char *accel_isa_mmu_type(const struct accel_isa *isa)
{
	if (accel_isa_has(isa, ACCEL_EXT_SV57))
		return "riscv,sv57";
	if (accel_isa_has(isa, ACCEL_EXT_SV48))
		return "riscv,sv48";
	if (accel_isa_has(isa, ACCEL_EXT_SV39))
		return "riscv,sv39";
	return "riscv,none";
}

void accel_isa_help(void *file)
{
	static const char *const sets[] = {"rv64gc",   "rva22u64", "rva22s64",
					   "rva23u64", "rva23s64", "max"};
	enum { NSETS = sizeof(sets) / sizeof(sets[0]) };
	FILE *f = file;
	struct accel_isa isa[NSETS];

	for (unsigned s = 0; s < NSETS; s++)
		accel_isa_profile(sets[s], &isa[s]);
	fprintf(f,
		"--isa NAME[,EXT=on|off]...   (default %s; rv64gcv is rv64gc "
		"with v)\n\n%-13s",
		ACCEL_ISA_DEFAULT, "extension");
	for (unsigned s = 0; s < NSETS; s++)
		fprintf(f, " %-8s", sets[s]);
	fprintf(f, " what\n");
	for (unsigned i = 0; i < ACCEL_EXT_COUNT; i++) {
		const struct ext *e = &exts[i];

		fprintf(f, "%-13s", e->name);
		for (unsigned s = 0; s < NSETS; s++)
			fprintf(f, " %-8s",
				accel_isa_has(&isa[s], i) ? "x" : "");
		fprintf(f, " %s%s\n", e->what,
			e->flags & EXT_MISSING	 ? " (not implemented yet)"
			: e->flags & EXT_DERIVED ? " (follows c and d)"
			: e->flags & EXT_FIXED	 ? " (always on)"
						 : "");
	}
}
