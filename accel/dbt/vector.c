/* SPDX-License-Identifier: MIT */
/*
 * RISC-V "V" Standard Extension for Vector Operations, version 1.0:
 * "Vector Extension Programmer's Model" (vtype, vl, vstart, vxrm, vxsat,
 * mstatus.VS), "Configuration-Setting Instructions", "Vector Integer
 * Arithmetic Instructions", "Vector Fixed-Point Arithmetic Instructions",
 * "Vector Reduction Operations" (integer), "Vector Mask Instructions" and
 * "Vector Permutation Instructions"; the Zvbb instructions of the vector
 * cryptography chapter. Loads and stores are in vector-mem.c, floating
 * point in vector-fp.c; vector.h lists the choices hvrun makes where the
 * spec leaves them open.
 */
#include "accel/dbt/vector.h"

#include <string.h>

#include "accel/dbt/alu.h"
#include "accel/dbt/csr.h"
#include "accel/dbt/trap.h"
#include "accel/dbt/vector-internal.h"

int vec_illegal(struct vctx *c)
{
	dbt_exc_set(c->h, EXC_ILLEGAL, c->raw);
	return -1;
}

bool vec_overlap_ok(unsigned d, int dl, bool d_wider, unsigned s, int sl)
{
	unsigned nd = group_regs(dl), ns = group_regs(sl);

	if (!overlap(d, nd, s, ns))
		return true;
	if (!d_wider)
		return d == s;
	return sl >= 0 && d + nd == s + ns;
}

/* ---- vtype and the configuration instructions ---- */

/*
 * Decodes @vtype into @c; false when it is not one hvrun supports:
 * reserved bits, SEW > ELEN, the reserved LMUL, or a fraction of a
 * register too small for one element of ELEN bits or less
 * (LMUL < SEW / ELEN).
 */
static bool vtype_decode(struct vctx *c, uint64_t vtype)
{
	unsigned vsew = (vtype & VTYPE_VSEW) >> VTYPE_VSEW_SHIFT;
	int lmul = (int)((vtype & VTYPE_VLMUL) << 29) >> 29;
	unsigned vlenb = c->h->vlenb;

	if (vtype >> 8 || vsew > 3 || lmul == -4)
		return false;
	if (lmul < 0 && (8u << vsew) > (64u >> -lmul))
		return false;
	c->sew = 1u << vsew;
	c->lmul = lmul;
	c->vlmax = lmul >= 0 ? (vlenb / c->sew) << lmul
			     : (vlenb / c->sew) >> -lmul;
	return true;
}

/* vsetvli, vsetivli, vsetvl: AVL and the vl it gives, as the spec's table. */
static int vset(struct vctx *c)
{
	struct dbt_hart *h = c->h;
	unsigned rd = c->vd, rs1 = c->vs1;
	uint64_t vtype, avl;

	switch (c->op) {
	case RV_OP_vsetvli:
		vtype = (c->raw >> 20) & 0x7ff;
		break;
	case RV_OP_vsetivli:
		vtype = (c->raw >> 20) & 0x3ff;
		break;
	default:
		vtype = h->x[(c->raw >> 20) & 31];
		break;
	}
	if (c->op == RV_OP_vsetivli)
		avl = rs1;
	else if (rs1 != 0)
		avl = h->x[rs1];
	else if (rd != 0)
		avl = UINT64_MAX;
	else
		avl = h->csr.vl; /* keep vl (VLMAX may not change) */
	if (!vtype_decode(c, vtype)) {
		h->csr.vtype = VTYPE_VILL;
		h->csr.vl = 0;
	} else {
		h->csr.vtype = vtype;
		h->csr.vl = avl < c->vlmax ? avl : c->vlmax;
	}
	h->x[rd] = h->csr.vl;
	return 0;
}

/* The current vtype into @c; false when vill is set. */
static bool vtype_load(struct vctx *c)
{
	struct dbt_hart *h = c->h;

	if (h->csr.vtype & VTYPE_VILL || !vtype_decode(c, h->csr.vtype))
		return false;
	/* A vl or vstart set by a debugger stays within the registers. */
	c->vl = h->csr.vl < c->vlmax ? h->csr.vl : c->vlmax;
	c->vstart = h->csr.vstart;
	return true;
}

/* ---- element loops ---- */

/*
 * Per SEW, the element types: unsigned, signed, and the double width
 * ones (arithmetic only at SEW = 64), then the width in bits.
 */
#define T8 vu8, vs8, vu16, vs16, 8
#define T16 vu16, vs16, vu32, vs32, 16
#define T32 vu32, vs32, vu64, vs64, 32
#define T64 vu64, vs64, unsigned __int128, __int128, 64
#define APPLY(M, ...) M(__VA_ARGS__)
#define BY_SEW(c, M, ...)                   \
	switch ((c)->sew) {                 \
	case 1:                             \
		APPLY(M, T8, __VA_ARGS__);  \
		break;                      \
	case 2:                             \
		APPLY(M, T16, __VA_ARGS__); \
		break;                      \
	case 4:                             \
		APPLY(M, T32, __VA_ARGS__); \
		break;                      \
	default:                            \
		APPLY(M, T64, __VA_ARGS__); \
		break;                      \
	}
/* For widening and narrowing: SEW 8, 16 or 32 (checked before). */
#define BY_SEW_W(c, M, ...)                 \
	switch ((c)->sew) {                 \
	case 1:                             \
		APPLY(M, T8, __VA_ARGS__);  \
		break;                      \
	case 2:                             \
		APPLY(M, T16, __VA_ARGS__); \
		break;                      \
	default:                            \
		APPLY(M, T32, __VA_ARGS__); \
		break;                      \
	}

/* The second operand is a vector (OPIVV, OPMVV) rather than a scalar. */
static inline bool vv_form(const struct vctx *c)
{
	return c->f3 == V_OPIVV || c->f3 == V_OPMVV || c->f3 == V_OPFVV;
}

/*
 * What the element loops below share: the element types (U, S: SEW
 * unsigned and signed; WU, WS: twice that; NB: SEW in bits) and the
 * second operand, y = vs1[i] (b) or the scalar (ys), as vv says.
 */
#define ELEM_SETUP(U_, S_, WU_, WS_, NB_)        \
	typedef U_ U;                            \
	typedef S_ S;                            \
	typedef WU_ WU;                          \
	typedef WS_ WS;                          \
	enum { NB = NB_ };                       \
	(void)NB;                                \
	(void)sizeof(S);                         \
	(void)sizeof(WS);                        \
	(void)sizeof(WU);                        \
	const U *b = (const U *)vreg(c, c->vs1); \
	const bool vv = vv_form(c);              \
	const U ys = (U)c->scalar;

/* vd[i] = EXPR(x = vs2[i], y = vs1[i] or the scalar), SEW wide. */
#define BIN_LOOP(U_, S_, WU_, WS_, NB_, EXPR)                  \
	{                                                      \
		ELEM_SETUP(U_, S_, WU_, WS_, NB_)              \
		U *d = (U *)vreg(c, c->vd);                    \
		const U *a = (const U *)vreg(c, c->vs2);       \
		for (uint32_t i = c->vstart; i < c->vl; i++) { \
			if (!active(c, i))                     \
				continue;                      \
			U x = a[i], y = vv ? b[i] : ys;        \
			d[i] = (U)(EXPR);                      \
		}                                              \
	}

/* vd[i] = EXPR(x = vs2[i], y = vs1[i] or the scalar, z = vd[i]). */
#define MAC_LOOP(U_, S_, WU_, WS_, NB_, EXPR)                     \
	{                                                         \
		ELEM_SETUP(U_, S_, WU_, WS_, NB_)                 \
		U *d = (U *)vreg(c, c->vd);                       \
		const U *a = (const U *)vreg(c, c->vs2);          \
		for (uint32_t i = c->vstart; i < c->vl; i++) {    \
			if (!active(c, i))                        \
				continue;                         \
			U x = a[i], y = vv ? b[i] : ys, z = d[i]; \
			d[i] = (U)(EXPR);                         \
		}                                                 \
	}

/* Widening: 2*SEW vd[i] = EXPR(x = vs2[i] (SEW, or 2*SEW for .w), y). */
#define WIDE_LOOP(U_, S_, WU_, WS_, NB_, XT, EXPR)             \
	{                                                      \
		ELEM_SETUP(U_, S_, WU_, WS_, NB_)              \
		WU *d = (WU *)vreg(c, c->vd);                  \
		const XT *a = (const XT *)vreg(c, c->vs2);     \
		for (uint32_t i = c->vstart; i < c->vl; i++) { \
			if (!active(c, i))                     \
				continue;                      \
			XT x = a[i];                           \
			U y = vv ? b[i] : ys;                  \
			WU z = d[i];                           \
			(void)z;                               \
			d[i] = (WU)(EXPR);                     \
		}                                              \
	}

/* Narrowing: SEW vd[i] = EXPR(x = vs2[i] (2*SEW), y = vs1[i] or scalar). */
#define NARROW_LOOP(U_, S_, WU_, WS_, NB_, EXPR)               \
	{                                                      \
		ELEM_SETUP(U_, S_, WU_, WS_, NB_)              \
		U *d = (U *)vreg(c, c->vd);                    \
		const WU *a = (const WU *)vreg(c, c->vs2);     \
		for (uint32_t i = c->vstart; i < c->vl; i++) { \
			if (!active(c, i))                     \
				continue;                      \
			WU x = a[i];                           \
			U y = vv ? b[i] : ys;                  \
			d[i] = (U)(EXPR);                      \
		}                                              \
	}

/* Mask vd.mask[i] = EXPR(x = vs2[i], y = vs1[i] or scalar). */
#define CMP_LOOP(U_, S_, WU_, WS_, NB_, EXPR)                  \
	{                                                      \
		ELEM_SETUP(U_, S_, WU_, WS_, NB_)              \
		uint8_t *d = vreg(c, c->vd);                   \
		const U *a = (const U *)vreg(c, c->vs2);       \
		for (uint32_t i = c->vstart; i < c->vl; i++) { \
			if (!active(c, i))                     \
				continue;                      \
			U x = a[i], y = vv ? b[i] : ys;        \
			mask_set(d, i, (EXPR));                \
		}                                              \
	}

/* ---- fixed point ---- */

static inline uint64_t umax_of(unsigned nb)
{
	return nb >= 64 ? ~0ull : (1ull << nb) - 1;
}

static inline int64_t smax_of(unsigned nb)
{
	return (int64_t)(umax_of(nb) >> 1);
}

static inline int64_t smin_of(unsigned nb)
{
	return -smax_of(nb) - 1;
}

/*
 * The rounding increment r of vxrm for dropping the low @d bits of @v
 * (d < 64; only the low d + 1 bits of v matter).
 */
static inline uint64_t rnd(uint64_t v, unsigned d, unsigned xrm)
{
	uint64_t half, rest, lsb;

	if (d == 0)
		return 0;
	half = (v >> (d - 1)) & 1;
	lsb = (v >> d) & 1;
	switch (xrm) {
	case 0: /* rnu */
		return half;
	case 1: /* rne */
		rest = (v & ((1ull << (d - 1)) - 1)) != 0;
		return half & (rest | lsb);
	case 2: /* rdn */
		return 0;
	default: /* rod */
		return !lsb & ((v & ((1ull << d) - 1)) != 0);
	}
}

static inline uint64_t fx_saddu(uint64_t x, uint64_t y, unsigned nb, bool *sat)
{
	uint64_t r = x + y;

	if (nb == 64 ? r < x : r > umax_of(nb)) {
		*sat = true;
		return umax_of(nb);
	}
	return r;
}

static inline uint64_t fx_ssubu(uint64_t x, uint64_t y, bool *sat)
{
	if (x < y) {
		*sat = true;
		return 0;
	}
	return x - y;
}

static inline int64_t fx_clip(__int128 r, unsigned nb, bool *sat)
{
	if (r > smax_of(nb)) {
		*sat = true;
		return smax_of(nb);
	}
	if (r < smin_of(nb)) {
		*sat = true;
		return smin_of(nb);
	}
	return (int64_t)r;
}

static inline uint64_t fx_aaddu(uint64_t x, uint64_t y, unsigned xrm)
{
	unsigned __int128 s = (unsigned __int128)x + y;

	return (uint64_t)(s >> 1) + rnd((uint64_t)s, 1, xrm);
}

static inline uint64_t fx_aadd(int64_t x, int64_t y, unsigned xrm)
{
	__int128 s = (__int128)x + y;

	return (uint64_t)((s >> 1) + rnd((uint64_t)s, 1, xrm));
}

static inline uint64_t fx_asubu(uint64_t x, uint64_t y, unsigned xrm)
{
	unsigned __int128 s = (unsigned __int128)x - y;

	return (uint64_t)(s >> 1) + rnd((uint64_t)s, 1, xrm);
}

static inline uint64_t fx_asub(int64_t x, int64_t y, unsigned xrm)
{
	__int128 s = (__int128)x - y;

	return (uint64_t)((s >> 1) + rnd((uint64_t)s, 1, xrm));
}

static inline int64_t fx_smul(int64_t x, int64_t y, unsigned nb, unsigned xrm,
			      bool *sat)
{
	__int128 p = (__int128)x * y;

	return fx_clip((p >> (nb - 1)) + rnd((uint64_t)p, nb - 1, xrm), nb,
		       sat);
}

static inline uint64_t fx_ssrl(uint64_t x, unsigned d, unsigned xrm)
{
	return (x >> d) + rnd(x, d, xrm);
}

static inline uint64_t fx_ssra(int64_t x, unsigned d, unsigned xrm)
{
	return (uint64_t)((x >> d) + (int64_t)rnd((uint64_t)x, d, xrm));
}

static inline uint64_t fx_nclipu(uint64_t x, unsigned d, unsigned nb,
				 unsigned xrm, bool *sat)
{
	uint64_t v = (x >> d) + rnd(x, d, xrm);

	if (v > umax_of(nb)) {
		*sat = true;
		return umax_of(nb);
	}
	return v;
}

static inline int64_t fx_nclip(int64_t x, unsigned d, unsigned nb, unsigned xrm,
			       bool *sat)
{
	return fx_clip((x >> d) + (int64_t)rnd((uint64_t)x, d, xrm), nb, sat);
}

/* Zvkt: a zero amount shifts by 0 both ways, no branch on it. */
static inline uint64_t rotl(uint64_t x, unsigned s, unsigned nb)
{
	x &= umax_of(nb);
	s &= nb - 1;
	return (x << s | x >> ((nb - s) & (nb - 1))) & umax_of(nb);
}

/* ---- single-width integer and fixed-point arithmetic ---- */

/* Element-wise ops: the expression over x, y (and z = vd[i] for MAC). */
#define VBIN(name, EXPR)                       \
	static void name(struct vctx *c)       \
	{                                      \
		unsigned xrm = c->h->csr.vxrm; \
		bool sat = false;              \
		(void)xrm;                     \
		BY_SEW(c, BIN_LOOP, EXPR)      \
		if (sat)                       \
			c->h->csr.vxsat = 1;   \
	}

#define SMIN(S, NB) ((S)((uint64_t)1 << ((NB)-1)))

VBIN(op_add, x + y)
VBIN(op_sub, x - y)
VBIN(op_rsub, y - x)
VBIN(op_minu, x < y ? x : y)
VBIN(op_min, (S)x < (S)y ? x : y)
VBIN(op_maxu, x > y ? x : y)
VBIN(op_max, (S)x > (S)y ? x : y)
VBIN(op_and, x &y)
VBIN(op_or, x | y)
VBIN(op_xor, x ^ y)
VBIN(op_andn, x & ~y)
VBIN(op_sll, (uint64_t)x << (y & (NB - 1)))
VBIN(op_srl, x >> (y & (NB - 1)))
VBIN(op_sra, (S)x >> (y & (NB - 1)))
VBIN(op_rol, rotl(x, y, NB))
VBIN(op_ror, rotl(x, NB - (y & (NB - 1)), NB))
VBIN(op_mul, (WU)x *(WU)y)
VBIN(op_mulhu, ((WU)x * (WU)y) >> NB)
VBIN(op_mulh, ((WS)(S)x * (WS)(S)y) >> NB)
VBIN(op_mulhsu, ((WS)(S)x * (WS)(WU)y) >> NB)
VBIN(op_divu, y == 0 ? (U) ~(U)0 : x / y)
VBIN(op_div, y == 0				   ? (U) ~(U)0
	     : ((S)x == SMIN(S, NB) && (S)y == -1) ? x
						   : (U)((S)x / (S)y))
VBIN(op_remu, y == 0 ? x : x % y)
VBIN(op_rem, y == 0				   ? x
	     : ((S)x == SMIN(S, NB) && (S)y == -1) ? 0
						   : (U)((S)x % (S)y))
VBIN(op_saddu, fx_saddu(x, y, NB, &sat))
VBIN(op_sadd, fx_clip((__int128)(S)x + (S)y, NB, &sat))
VBIN(op_ssubu, fx_ssubu(x, y, &sat))
VBIN(op_ssub, fx_clip((__int128)(S)x - (S)y, NB, &sat))
VBIN(op_aaddu, fx_aaddu(x, y, xrm))
VBIN(op_aadd, fx_aadd((S)x, (S)y, xrm))
VBIN(op_asubu, fx_asubu(x, y, xrm))
VBIN(op_asub, fx_asub((S)x, (S)y, xrm))
VBIN(op_smul, fx_smul((S)x, (S)y, NB, xrm, &sat))
VBIN(op_ssrl, fx_ssrl(x, y &(NB - 1), xrm))
VBIN(op_ssra, fx_ssra((S)x, y &(NB - 1), xrm))

#define VMAC(name, EXPR)                  \
	static void name(struct vctx *c)  \
	{                                 \
		BY_SEW(c, MAC_LOOP, EXPR) \
	}

/* vmacc/vnmsac: vd = ±(vs1 * vs2) + vd; vmadd/vnmsub: ±(vs1 * vd) + vs2 */
VMAC(op_macc, (WU)y *(WU)x + z)
VMAC(op_nmsac, z - (WU)y * (WU)x)
VMAC(op_madd, (WU)y *(WU)z + x)
VMAC(op_nmsub, x - (WU)y * (WU)z)

/* The common checks of a SEW-wide op: groups aligned, v0 kept if masked. */
static bool single_ok(const struct vctx *c, bool vs1_vector)
{
	if (!group_ok(c->vd, c->lmul) || !group_ok(c->vs2, c->lmul))
		return false;
	if (vs1_vector && !group_ok(c->vs1, c->lmul))
		return false;
	return !(c->mask && c->vd == 0);
}

static int single(struct vctx *c, void (*fn)(struct vctx *))
{
	if (!single_ok(c, vv_form(c)))
		return vec_illegal(c);
	fn(c);
	return 0;
}

/* ---- widening and narrowing ---- */

#define VWIDE(name, XT, EXPR)                    \
	static void name(struct vctx *c)         \
	{                                        \
		BY_SEW_W(c, WIDE_LOOP, XT, EXPR) \
	}
/* x is SEW (XT = U) or 2*SEW (XT = WU, the .w forms) */
VWIDE(op_waddu, U, (WU)x + (WU)y)
VWIDE(op_wadd, U, (WS)(S)x + (WS)(S)y)
VWIDE(op_wsubu, U, (WU)x - (WU)y)
VWIDE(op_wsub, U, (WS)(S)x - (WS)(S)y)
VWIDE(op_waddu_w, WU, x + (WU)y)
VWIDE(op_wadd_w, WU, x + (WU)(WS)(S)y)
VWIDE(op_wsubu_w, WU, x - (WU)y)
VWIDE(op_wsub_w, WU, x - (WU)(WS)(S)y)
VWIDE(op_wmulu, U, (WU)x *(WU)y)
VWIDE(op_wmulsu, U, (WS)(S)x *(WS)(WU)y)
VWIDE(op_wmul, U, (WS)(S)x *(WS)(S)y)
/* vwmacc*: vd += vs1 * vs2, y being vs1/rs1 and x vs2 */
VWIDE(op_wmaccu, U, (WU)y *(WU)x + z)
VWIDE(op_wmacc, U, (WU)((WS)(S)y *(WS)(S)x) + z)
VWIDE(op_wmaccsu, U, (WU)((WS)(S)y *(WS)(WU)x) + z)
VWIDE(op_wmaccus, U, (WU)((WS)(WU)y *(WS)(S)x) + z)
VWIDE(op_wsll, U, (uint64_t)x << (y & (2 * NB - 1)))

#define VNARROW(name, EXPR)                    \
	static void name(struct vctx *c)       \
	{                                      \
		unsigned xrm = c->h->csr.vxrm; \
		bool sat = false;              \
		(void)xrm;                     \
		BY_SEW_W(c, NARROW_LOOP, EXPR) \
		if (sat)                       \
			c->h->csr.vxsat = 1;   \
	}

VNARROW(op_nsrl, x >> (y & (2 * NB - 1)))
VNARROW(op_nsra, (WS)x >> (y & (2 * NB - 1)))
VNARROW(op_nclipu, fx_nclipu(x, y &(2 * NB - 1), NB, xrm, &sat))
VNARROW(op_nclip, fx_nclip((WS)x, y &(2 * NB - 1), NB, xrm, &sat))

/*
 * A 2*SEW destination group and SEW sources (@w2: vs2 is 2*SEW too, the
 * .w forms): SEW <= 32, EMUL <= 8, and the overlap rule.
 */
static bool widen_ok(const struct vctx *c, bool w2)
{
	int wl = c->lmul + 1;

	if (c->sew > 4 || c->lmul > 2)
		return false;
	if (!group_ok(c->vd, wl) || !group_ok(c->vs2, w2 ? wl : c->lmul))
		return false;
	if (!w2 && !vec_overlap_ok(c->vd, wl, true, c->vs2, c->lmul))
		return false;
	if (vv_form(c) && (!group_ok(c->vs1, c->lmul) ||
			   !vec_overlap_ok(c->vd, wl, true, c->vs1, c->lmul)))
		return false;
	return !(c->mask && c->vd == 0);
}

static int widen(struct vctx *c, void (*fn)(struct vctx *), bool w2)
{
	if (!widen_ok(c, w2))
		return vec_illegal(c);
	fn(c);
	return 0;
}

static int narrow(struct vctx *c, void (*fn)(struct vctx *))
{
	int wl = c->lmul + 1;

	if (c->sew > 4 || c->lmul > 2 || !group_ok(c->vd, c->lmul) ||
	    !group_ok(c->vs2, wl) ||
	    !vec_overlap_ok(c->vd, c->lmul, false, c->vs2, wl) ||
	    (vv_form(c) && !group_ok(c->vs1, c->lmul)) ||
	    (c->mask && c->vd == 0))
		return vec_illegal(c);
	fn(c);
	return 0;
}

/* vzext/vsext.vf2/4/8: SEW vd[i] from a source of SEW / @f. */
static int extend(struct vctx *c, unsigned f, bool sign)
{
	unsigned seew = c->sew / f;
	int sl = c->lmul - __builtin_ctz(f);
	const uint8_t *a = vreg(c, c->vs2);
	uint8_t *d = vreg(c, c->vd);

	if (seew == 0 || sl < -3 || !group_ok(c->vd, c->lmul) ||
	    !group_ok(c->vs2, sl) ||
	    !vec_overlap_ok(c->vd, c->lmul, true, c->vs2, sl) ||
	    (c->mask && c->vd == 0))
		return vec_illegal(c);
	for (uint32_t i = c->vstart; i < c->vl; i++) {
		uint64_t v;

		if (!active(c, i))
			continue;
		v = elem_get(a, seew, i);
		if (sign)
			v = sext_bits(v, 8 * seew);
		elem_set(d, c->sew, i, v);
	}
	return 0;
}

/* ---- add with carry, compares, merge and moves ---- */

/* vadc/vsbc: every body element, carry or borrow in from v0. */
static int carry_op(struct vctx *c, bool sub)
{
	const uint8_t *v0 = vreg(c, 0);
	const uint8_t *a = vreg(c, c->vs2), *b = vreg(c, c->vs1);
	uint8_t *d = vreg(c, c->vd);
	bool vv = vv_form(c);

	if (c->vd == 0 || !group_ok(c->vd, c->lmul) ||
	    !group_ok(c->vs2, c->lmul) || (vv && !group_ok(c->vs1, c->lmul)))
		return vec_illegal(c);
	for (uint32_t i = c->vstart; i < c->vl; i++) {
		uint64_t x = elem_get(a, c->sew, i);
		uint64_t y = vv ? elem_get(b, c->sew, i) : c->scalar;
		uint64_t cin = mask_bit(v0, i);

		elem_set(d, c->sew, i, sub ? x - y - cin : x + y + cin);
	}
	return 0;
}

/* A mask result over SEW sources: the overlap rule for EEW 1. */
static bool mask_dest_ok(const struct vctx *c, bool vs1_vector)
{
	if (!group_ok(c->vs2, c->lmul) ||
	    !vec_overlap_ok(c->vd, 0, false, c->vs2, c->lmul))
		return false;
	if (vs1_vector && (!group_ok(c->vs1, c->lmul) ||
			   !vec_overlap_ok(c->vd, 0, false, c->vs1, c->lmul)))
		return false;
	return true;
}

/* vmadc/vmsbc: carry or borrow out, with carry in from v0 when masked. */
static int carry_out(struct vctx *c, bool sub)
{
	const uint8_t *v0 = vreg(c, 0);
	const uint8_t *a = vreg(c, c->vs2), *b = vreg(c, c->vs1);
	uint8_t *d = vreg(c, c->vd);
	bool vv = vv_form(c), cin_on = c->mask != NULL;
	unsigned nb = 8 * c->sew;

	if (!mask_dest_ok(c, vv))
		return vec_illegal(c);
	for (uint32_t i = c->vstart; i < c->vl; i++) {
		unsigned __int128 x = elem_get(a, c->sew, i);
		unsigned __int128 y =
			vv ? elem_get(b, c->sew, i) : c->scalar & umax_of(nb);
		unsigned cin = cin_on & mask_bit(v0, i);
		/* Zvkt: bit nb of the wide sum or difference, not a compare. */
		unsigned __int128 r = sub ? x - y - cin : x + y + cin;

		mask_set(d, i, (r >> nb) & 1);
	}
	return 0;
}

#define VCMP(name, EXPR)                  \
	static void name(struct vctx *c)  \
	{                                 \
		BY_SEW(c, CMP_LOOP, EXPR) \
	}

VCMP(op_mseq, x == y)
VCMP(op_msne, x != y)
VCMP(op_msltu, x < y)
VCMP(op_mslt, (S)x < (S)y)
VCMP(op_msleu, x <= y)
VCMP(op_msle, (S)x <= (S)y)
VCMP(op_msgtu, x > y)
VCMP(op_msgt, (S)x > (S)y)

static int compare(struct vctx *c, void (*fn)(struct vctx *))
{
	if (!mask_dest_ok(c, vv_form(c)))
		return vec_illegal(c);
	fn(c);
	return 0;
}

/* vmerge (v0 picks vs1/scalar over vs2) and vmv.v.*, every body element. */
static int merge(struct vctx *c, bool move)
{
	const uint8_t *v0 = vreg(c, 0);
	const uint8_t *a = vreg(c, c->vs2), *b = vreg(c, c->vs1);
	uint8_t *d = vreg(c, c->vd);
	bool vv = vv_form(c);

	if (!group_ok(c->vd, c->lmul) || (vv && !group_ok(c->vs1, c->lmul)) ||
	    (!move && (c->vd == 0 || !group_ok(c->vs2, c->lmul))))
		return vec_illegal(c);
	for (uint32_t i = c->vstart; i < c->vl; i++) {
		/* Zvkt: both read, v0 selects by masking (no branch on it). */
		uint64_t pick = move ? ~0ull : -(uint64_t)mask_bit(v0, i);
		uint64_t v = vv ? elem_get(b, c->sew, i) : c->scalar;

		if (!move)
			v = (v & pick) | (elem_get(a, c->sew, i) & ~pick);
		elem_set(d, c->sew, i, v);
	}
	return 0;
}

/* vmv<nr>r.v: whole registers, elements of SEW from vstart. */
static int move_regs(struct vctx *c)
{
	unsigned nr = ((c->raw >> 15) & 7) + 1;
	int nl = __builtin_ctz(nr);
	uint32_t evl = nr * c->h->vlenb / c->sew;

	if (!group_ok(c->vd, nl) || !group_ok(c->vs2, nl))
		return vec_illegal(c);
	if (c->vstart < evl && c->vd != c->vs2)
		memmove(vreg(c, c->vd) + c->vstart * c->sew,
			vreg(c, c->vs2) + c->vstart * c->sew,
			(evl - c->vstart) * c->sew);
	return 0;
}

/* ---- integer reductions ---- */

static uint64_t red_step(unsigned op, uint64_t acc, uint64_t v, unsigned nb)
{
	int64_t sa = sext_bits(acc, nb), sv = sext_bits(v, nb);

	switch (op) {
	case RV_OP_vredsum:
	case RV_OP_vwredsumu:
	case RV_OP_vwredsum:
		return acc + v;
	case RV_OP_vredand:
		return acc & v;
	case RV_OP_vredor:
		return acc | v;
	case RV_OP_vredxor:
		return acc ^ v;
	case RV_OP_vredminu:
		return v < acc ? v : acc;
	case RV_OP_vredmin:
		return sv < sa ? v : acc;
	case RV_OP_vredmaxu:
		return v > acc ? v : acc;
	default: /* vredmax */
		return sv > sa ? v : acc;
	}
}

static int reduce(struct vctx *c)
{
	bool wide = c->op == RV_OP_vwredsumu || c->op == RV_OP_vwredsum;
	unsigned deew = wide ? 2 * c->sew : c->sew;
	const uint8_t *a = vreg(c, c->vs2);
	uint64_t acc;

	if (c->vstart != 0 || !group_ok(c->vs2, c->lmul) ||
	    (wide && c->sew > 4))
		return vec_illegal(c);
	if (c->vl == 0)
		return 0;
	acc = elem_get(vreg(c, c->vs1), deew, 0);
	for (uint32_t i = 0; i < c->vl; i++) {
		uint64_t v;

		if (!active(c, i))
			continue;
		v = elem_get(a, c->sew, i);
		if (c->op == RV_OP_vwredsum)
			v = sext_bits(v, 8 * c->sew);
		acc = red_step(c->op, acc, v, 8 * c->sew);
	}
	elem_set(vreg(c, c->vd), deew, 0, acc);
	return 0;
}

/* ---- mask instructions ---- */

/* Zvkt: bitwise operators on the bits (&& and || would branch). */
static int mask_logic(struct vctx *c)
{
	const uint8_t *a = vreg(c, c->vs2), *b = vreg(c, c->vs1);
	uint8_t *d = vreg(c, c->vd);

	for (uint32_t i = c->vstart; i < c->vl; i++) {
		unsigned x = mask_bit(a, i), y = mask_bit(b, i), r;

		switch (c->op) {
		case RV_OP_vmandn:
			r = x & ~y;
			break;
		case RV_OP_vmand:
			r = x & y;
			break;
		case RV_OP_vmor:
			r = x | y;
			break;
		case RV_OP_vmxor:
			r = x ^ y;
			break;
		case RV_OP_vmorn:
			r = x | ~y;
			break;
		case RV_OP_vmnand:
			r = ~(x & y);
			break;
		case RV_OP_vmnor:
			r = ~(x | y);
			break;
		default: /* vmxnor */
			r = ~(x ^ y);
			break;
		}
		mask_set(d, i, r & 1);
	}
	return 0;
}

/* vcpop.m and vfirst.m: x[rd], even when vl = 0. */
static int mask_scalar(struct vctx *c)
{
	const uint8_t *a = vreg(c, c->vs2);
	uint64_t r = c->op == RV_OP_vfirst_m ? UINT64_MAX : 0;

	if (c->vstart != 0)
		return vec_illegal(c);
	for (uint32_t i = 0; i < c->vl; i++) {
		if (!active(c, i) || !mask_bit(a, i))
			continue;
		if (c->op == RV_OP_vfirst_m) {
			r = i;
			break;
		}
		r++;
	}
	c->h->x[c->vd] = r;
	return 0;
}

/* vmsbf, vmsif, vmsof: set before, including, only the first set bit. */
static int mask_first(struct vctx *c)
{
	const uint8_t *a = vreg(c, c->vs2);
	uint8_t *d = vreg(c, c->vd);
	bool found = false;

	if (c->vstart != 0 || c->vd == c->vs2 || (c->mask && c->vd == 0))
		return vec_illegal(c);
	for (uint32_t i = 0; i < c->vl; i++) {
		bool bit, r;

		if (!active(c, i))
			continue;
		bit = mask_bit(a, i);
		switch (c->op) {
		case RV_OP_vmsbf:
			r = !found && !bit;
			break;
		case RV_OP_vmsif:
			r = !found;
			break;
		default: /* vmsof */
			r = !found && bit;
			break;
		}
		found |= bit;
		mask_set(d, i, r);
	}
	return 0;
}

/* viota.m (prefix count of vs2's active bits) and vid.v (the index). */
static int iota(struct vctx *c)
{
	const uint8_t *a = vreg(c, c->vs2);
	uint8_t *d = vreg(c, c->vd);
	bool is_id = c->op == RV_OP_vid;
	uint64_t n = 0;

	if (!group_ok(c->vd, c->lmul) || (c->mask && c->vd == 0))
		return vec_illegal(c);
	if (!is_id &&
	    (c->vstart != 0 || overlap(c->vd, group_regs(c->lmul), c->vs2, 1)))
		return vec_illegal(c);
	for (uint32_t i = c->vstart; i < c->vl; i++) {
		if (!active(c, i))
			continue;
		elem_set(d, c->sew, i, is_id ? i : n);
		n += !is_id && mask_bit(a, i);
	}
	return 0;
}

/* ---- permutations ---- */

/* vmv.x.s (whatever vl and vstart) and vmv.s.x (element 0 if body). */
static int scalar_move(struct vctx *c)
{
	if (c->op == RV_OP_vmv_x_s) {
		c->h->x[c->vd] = sext_bits(elem_get(vreg(c, c->vs2), c->sew, 0),
					   8 * c->sew);
		return 0;
	}
	if (c->vstart < c->vl)
		elem_set(vreg(c, c->vd), c->sew, 0, c->scalar);
	return 0;
}

/*
 * vslideup, vslidedown, vslide1up, vslide1down (and the f forms, whose
 * scalar vector-fp.c fetched): OFFSET is x[rs1] or uimm, not truncated.
 */
int vec_slide(struct vctx *c, bool up, bool one)
{
	const uint8_t *a = vreg(c, c->vs2);
	uint8_t *d = vreg(c, c->vd);
	uint64_t off = one ? 1 : c->scalar;
	unsigned n = group_regs(c->lmul);

	if (!group_ok(c->vd, c->lmul) || !group_ok(c->vs2, c->lmul) ||
	    (c->mask && c->vd == 0) || (up && overlap(c->vd, n, c->vs2, n)))
		return vec_illegal(c);
	if (up) {
		for (uint32_t i = c->vstart; i < c->vl; i++) {
			if (!active(c, i))
				continue;
			if (i >= off)
				elem_set(d, c->sew, i,
					 elem_get(a, c->sew, i - off));
			else if (one)
				elem_set(d, c->sew, i, c->scalar);
		}
		return 0;
	}
	for (uint32_t i = c->vstart; i < c->vl; i++) {
		uint64_t v = 0;

		if (!active(c, i))
			continue;
		if (one && i == c->vl - 1)
			v = c->scalar;
		else if (off < c->vlmax && i < c->vlmax - off)
			v = elem_get(a, c->sew, i + off);
		elem_set(d, c->sew, i, v);
	}
	return 0;
}

/* vrgather.vv/vx/vi and vrgatherei16.vv */
static int gather(struct vctx *c)
{
	const uint8_t *a = vreg(c, c->vs2), *b = vreg(c, c->vs1);
	uint8_t *d = vreg(c, c->vd);
	unsigned n = group_regs(c->lmul), ieew = c->sew;
	int il = c->lmul;
	bool vv = vv_form(c);

	if (c->op == RV_OP_vrgatherei16) {
		ieew = 2;
		il = c->lmul + 1 - __builtin_ctz(c->sew);
	}
	if (!group_ok(c->vd, c->lmul) || !group_ok(c->vs2, c->lmul) ||
	    (c->mask && c->vd == 0) || overlap(c->vd, n, c->vs2, n))
		return vec_illegal(c);
	if (vv && (!group_ok(c->vs1, il) ||
		   overlap(c->vd, n, c->vs1, group_regs(il))))
		return vec_illegal(c);
	for (uint32_t i = c->vstart; i < c->vl; i++) {
		uint64_t idx = vv ? elem_get(b, ieew, i) : c->scalar;

		if (!active(c, i))
			continue;
		elem_set(d, c->sew, i,
			 idx < c->vlmax ? elem_get(a, c->sew, idx) : 0);
	}
	return 0;
}

static int compress(struct vctx *c)
{
	const uint8_t *a = vreg(c, c->vs2), *m = vreg(c, c->vs1);
	uint8_t *d = vreg(c, c->vd);
	unsigned n = group_regs(c->lmul);
	uint32_t k = 0;

	if (c->vstart != 0 || !group_ok(c->vd, c->lmul) ||
	    !group_ok(c->vs2, c->lmul) || overlap(c->vd, n, c->vs2, n) ||
	    overlap(c->vd, n, c->vs1, 1))
		return vec_illegal(c);
	for (uint32_t i = 0; i < c->vl; i++)
		if (mask_bit(m, i))
			elem_set(d, c->sew, k++, elem_get(a, c->sew, i));
	return 0;
}

/*
 * ---- Zvbb unary operations ----
 * Zvkt: a loop over every bit or byte of SEW and bit arithmetic for the
 * counts, so no branch or index depends on the element.
 */

static uint64_t brev_bits(uint64_t v, unsigned nb)
{
	uint64_t r = 0;

	for (unsigned i = 0; i < nb; i++)
		r |= ((v >> i) & 1) << (nb - 1 - i);
	return r;
}

static uint64_t zvbb_unary(unsigned op, uint64_t v, unsigned sew)
{
	unsigned nb = 8 * sew;
	uint64_t r = 0;

	switch (op) {
	case RV_OP_vbrev:
		return brev_bits(v, nb);
	case RV_OP_vbrev8:
		for (unsigned i = 0; i < sew; i++)
			r |= brev_bits((v >> (8 * i)) & 0xff, 8) << (8 * i);
		return r;
	case RV_OP_vrev8:
		for (unsigned i = 0; i < sew; i++)
			r |= ((v >> (8 * i)) & 0xff) << (8 * (sew - 1 - i));
		return r;
	case RV_OP_vclz:
		return alu_clz(v, nb);
	case RV_OP_vctz:
		return alu_ctz(v, nb);
	default: /* vcpop.v */
		return alu_popcount(v);
	}
}

static int unary_bits(struct vctx *c)
{
	const uint8_t *a = vreg(c, c->vs2);
	uint8_t *d = vreg(c, c->vd);

	if (!group_ok(c->vd, c->lmul) || !group_ok(c->vs2, c->lmul) ||
	    (c->mask && c->vd == 0))
		return vec_illegal(c);
	for (uint32_t i = c->vstart; i < c->vl; i++)
		if (active(c, i))
			elem_set(d, c->sew, i,
				 zvbb_unary(c->op, elem_get(a, c->sew, i),
					    c->sew));
	return 0;
}

/* ---- dispatch ---- */

/* The scalar operand of an OP-V integer instruction. */
static uint64_t int_scalar(const struct vctx *c)
{
	unsigned imm = (c->raw >> 15) & 31;

	switch (c->f3) {
	case V_OPIVI:
		if (c->op == RV_OP_vror)
			return imm | ((c->raw >> 26) & 1) << 5;
		return rv_vop_uimm(c->op) ? imm : sext_bits(imm, 5);
	case V_OPIVX:
	case V_OPMVX:
		return c->h->x[c->vs1];
	default:
		return 0;
	}
}

static int exec_int(struct vctx *c)
{
	c->scalar = int_scalar(c);
	switch (c->op) {
	case RV_OP_vadd:
		return single(c, op_add);
	case RV_OP_vsub:
		return single(c, op_sub);
	case RV_OP_vrsub:
		return single(c, op_rsub);
	case RV_OP_vminu:
		return single(c, op_minu);
	case RV_OP_vmin:
		return single(c, op_min);
	case RV_OP_vmaxu:
		return single(c, op_maxu);
	case RV_OP_vmax:
		return single(c, op_max);
	case RV_OP_vand:
		return single(c, op_and);
	case RV_OP_vor:
		return single(c, op_or);
	case RV_OP_vxor:
		return single(c, op_xor);
	case RV_OP_vandn:
		return single(c, op_andn);
	case RV_OP_vsll:
		return single(c, op_sll);
	case RV_OP_vsrl:
		return single(c, op_srl);
	case RV_OP_vsra:
		return single(c, op_sra);
	case RV_OP_vrol:
		return single(c, op_rol);
	case RV_OP_vror:
		return single(c, op_ror);
	case RV_OP_vmul:
		return single(c, op_mul);
	case RV_OP_vmulh:
		return single(c, op_mulh);
	case RV_OP_vmulhu:
		return single(c, op_mulhu);
	case RV_OP_vmulhsu:
		return single(c, op_mulhsu);
	case RV_OP_vdivu:
		return single(c, op_divu);
	case RV_OP_vdiv:
		return single(c, op_div);
	case RV_OP_vremu:
		return single(c, op_remu);
	case RV_OP_vrem:
		return single(c, op_rem);
	case RV_OP_vsaddu:
		return single(c, op_saddu);
	case RV_OP_vsadd:
		return single(c, op_sadd);
	case RV_OP_vssubu:
		return single(c, op_ssubu);
	case RV_OP_vssub:
		return single(c, op_ssub);
	case RV_OP_vaaddu:
		return single(c, op_aaddu);
	case RV_OP_vaadd:
		return single(c, op_aadd);
	case RV_OP_vasubu:
		return single(c, op_asubu);
	case RV_OP_vasub:
		return single(c, op_asub);
	case RV_OP_vsmul:
		return single(c, op_smul);
	case RV_OP_vssrl:
		return single(c, op_ssrl);
	case RV_OP_vssra:
		return single(c, op_ssra);
	case RV_OP_vmacc:
		return single(c, op_macc);
	case RV_OP_vnmsac:
		return single(c, op_nmsac);
	case RV_OP_vmadd:
		return single(c, op_madd);
	case RV_OP_vnmsub:
		return single(c, op_nmsub);
	case RV_OP_vwaddu:
		return widen(c, op_waddu, false);
	case RV_OP_vwadd:
		return widen(c, op_wadd, false);
	case RV_OP_vwsubu:
		return widen(c, op_wsubu, false);
	case RV_OP_vwsub:
		return widen(c, op_wsub, false);
	case RV_OP_vwaddu_w:
		return widen(c, op_waddu_w, true);
	case RV_OP_vwadd_w:
		return widen(c, op_wadd_w, true);
	case RV_OP_vwsubu_w:
		return widen(c, op_wsubu_w, true);
	case RV_OP_vwsub_w:
		return widen(c, op_wsub_w, true);
	case RV_OP_vwmulu:
		return widen(c, op_wmulu, false);
	case RV_OP_vwmulsu:
		return widen(c, op_wmulsu, false);
	case RV_OP_vwmul:
		return widen(c, op_wmul, false);
	case RV_OP_vwmaccu:
		return widen(c, op_wmaccu, false);
	case RV_OP_vwmacc:
		return widen(c, op_wmacc, false);
	case RV_OP_vwmaccsu:
		return widen(c, op_wmaccsu, false);
	case RV_OP_vwmaccus:
		return widen(c, op_wmaccus, false);
	case RV_OP_vwsll:
		return widen(c, op_wsll, false);
	case RV_OP_vnsrl:
		return narrow(c, op_nsrl);
	case RV_OP_vnsra:
		return narrow(c, op_nsra);
	case RV_OP_vnclipu:
		return narrow(c, op_nclipu);
	case RV_OP_vnclip:
		return narrow(c, op_nclip);
	case RV_OP_vzext_vf2:
		return extend(c, 2, false);
	case RV_OP_vsext_vf2:
		return extend(c, 2, true);
	case RV_OP_vzext_vf4:
		return extend(c, 4, false);
	case RV_OP_vsext_vf4:
		return extend(c, 4, true);
	case RV_OP_vzext_vf8:
		return extend(c, 8, false);
	case RV_OP_vsext_vf8:
		return extend(c, 8, true);
	case RV_OP_vadc:
		return carry_op(c, false);
	case RV_OP_vsbc:
		return carry_op(c, true);
	case RV_OP_vmadc:
		return carry_out(c, false);
	case RV_OP_vmsbc:
		return carry_out(c, true);
	case RV_OP_vmseq:
		return compare(c, op_mseq);
	case RV_OP_vmsne:
		return compare(c, op_msne);
	case RV_OP_vmsltu:
		return compare(c, op_msltu);
	case RV_OP_vmslt:
		return compare(c, op_mslt);
	case RV_OP_vmsleu:
		return compare(c, op_msleu);
	case RV_OP_vmsle:
		return compare(c, op_msle);
	case RV_OP_vmsgtu:
		return compare(c, op_msgtu);
	case RV_OP_vmsgt:
		return compare(c, op_msgt);
	case RV_OP_vmerge:
		return merge(c, false);
	case RV_OP_vmv_v:
		return merge(c, true);
	case RV_OP_vmvr:
		return move_regs(c);
	case RV_OP_vredsum ... RV_OP_vredmax:
	case RV_OP_vwredsumu:
	case RV_OP_vwredsum:
		return reduce(c);
	case RV_OP_vmandn ... RV_OP_vmxnor:
		return mask_logic(c);
	case RV_OP_vcpop_m:
	case RV_OP_vfirst_m:
		return mask_scalar(c);
	case RV_OP_vmsbf:
	case RV_OP_vmsif:
	case RV_OP_vmsof:
		return mask_first(c);
	case RV_OP_viota:
	case RV_OP_vid:
		return iota(c);
	case RV_OP_vmv_x_s:
	case RV_OP_vmv_s_x:
		return scalar_move(c);
	case RV_OP_vslideup:
		return vec_slide(c, true, false);
	case RV_OP_vslidedown:
		return vec_slide(c, false, false);
	case RV_OP_vslide1up:
		return vec_slide(c, true, true);
	case RV_OP_vslide1down:
		return vec_slide(c, false, true);
	case RV_OP_vrgather:
	case RV_OP_vrgatherei16:
		return gather(c);
	case RV_OP_vcompress:
		return compress(c);
	case RV_OP_vbrev ... RV_OP_vcpop_v:
		return unary_bits(c);
	default:
		return vec_illegal(c);
	}
}

enum dbt_exec_result dbt_exec_vector(struct dbt_hart *h,
				     const struct rv_insn *in)
{
	struct vctx c = {
		.h = h,
		.in = in,
		.raw = in->raw,
		.op = in->op,
		.vd = (in->raw >> 7) & 31,
		.vs1 = (in->raw >> 15) & 31,
		.vs2 = (in->raw >> 20) & 31,
		.f3 = (in->raw >> 12) & 7,
	};
	int rc;

	if (!dbt_csr_vs_on(h)) {
		dbt_exc_set(h, EXC_ILLEGAL, in->raw);
		return DBT_EXEC_TRAP;
	}
	/* vm = 0: masked by v0 (loads and stores have vm in bit 25 too). */
	if (!((in->raw >> 25) & 1))
		c.mask = h->vreg;
	switch (in->op) {
	case RV_OP_vsetvli ... RV_OP_vsetvl:
		rc = vset(&c);
		break;
	case RV_OP_vlr:
	case RV_OP_vsr:
		/* Whole registers do not depend on vtype. */
		rc = vec_mem(&c);
		break;
	default:
		if (!vtype_load(&c)) {
			rc = vec_illegal(&c);
			break;
		}
		if (in->op >= RV_OP_vle && in->op <= RV_OP_vsr)
			rc = vec_mem(&c);
		else if (rv_op_attrs[in->op].flags & RV_A_FP)
			rc = vec_fp(&c);
		else
			rc = exec_int(&c);
		break;
	}
	if (rc)
		return DBT_EXEC_TRAP;
	h->csr.vstart = 0;
	dbt_csr_vs_dirty(h);
	h->x[0] = 0;
	h->pc += in->len;
	return h->htif_written ? DBT_EXEC_HTIF : DBT_EXEC_NEXT;
}
