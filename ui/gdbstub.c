// SPDX-License-Identifier: MIT
/*
 * The GDB stub: GDB's manual, appendix "GDB Remote Serial Protocol"
 * (packets, acknowledgments, stop replies, vCont, qXfer, the Z packets)
 * and appendix "Target Descriptions" (the RISC-V features
 * org.gnu.gdb.riscv.cpu, .fpu, .csr, .virtual and .vector). Register numbers are
 * GDB's own for RISC-V, so that the remote numbers and GDB's agree.
 *
 * All-stop: the stub holds every hart stopped (the target's stop()) from
 * the moment a debugger connects; a resume lets them run, and the first
 * hart that stops by itself (or Ctrl-C) stops them all again. A hart that
 * stopped at the same time as the one reported keeps its stop for later
 * when it is a watchpoint (reported when that hart is next resumed); a
 * breakpoint or a step is simply found again: the hart has not executed
 * the instruction, and stops there again if the breakpoint is still set.
 */
#include "ui/gdbstub.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <uv.h>

#include "base/loop.h"
#include "ui/listen.h"

/* The largest packet either side sends (announced as PacketSize). */
#define GDB_PACKET_MAX 16384
/* Breakpoints and watchpoints the stub records, whatever the harts take. */
#define GDB_MAX_POINTS 64
#define GDB_NCSRS 4096
/* The widest vector registers the stub shows (VLEN 2048). */
#define GDB_VLENB_MAX 256

/* A growing output buffer; an allocation failure drops the reply. */
struct out {
	char *buf;
	size_t len, cap;
	bool oom;
};

struct gdb_client {
	struct gdbstub *s;
	union listen_handle conn;
	bool closing;
	bool noack; /* QStartNoAckMode: no '+' and '-' any more */
	/* The packet being received: unescaped bytes, raw checksum. */
	enum { RX_IDLE, RX_DATA, RX_SUM1, RX_SUM2 } rx;
	char pkt[GDB_PACKET_MAX + 1];
	size_t len;
	bool overflow, escape;
	uint8_t sum, given;
	/* The last packet sent, framed, for a '-'. */
	char *last;
	size_t last_len;
	char rbuf[4096];
};

struct gdbstub {
	struct loop *loop;
	struct gdbstub_target t;
	struct listener ls;
	struct gdb_client *client;
	bool stopped;	    /* the stub holds every hart stopped */
	bool waiting;	    /* the debugger waits for a stop reply */
	bool ended;	    /* the VM is gone */
	unsigned stop_hart; /* the hart of the last stop */
	int g_hart, c_hart; /* Hg, Hc: a hart, or -1 for "any"/"all" */
	char last_stop[128];
	/* Watchpoint stops not reported yet, per hart. */
	bool *pending;
	uint64_t *pending_addr;
	struct gdbstub_point points[GDB_MAX_POINTS];
	unsigned npoints;
	/* The target description, made when first needed. */
	char *tdesc;
	size_t tdesc_len;
	bool has_fpu;
	unsigned vlenb; /* 0: no vector registers */
	uint8_t csr_present[GDB_NCSRS / 8];
};

/* ---- Output ---- */

static void out_add(struct out *o, const void *data, size_t n)
{
	if (o->oom)
		return;
	if (o->len + n + 1 > o->cap) {
		size_t cap = o->cap ? o->cap : 256;
		char *p;

		while (cap < o->len + n + 1)
			cap *= 2;
		p = realloc(o->buf, cap);
		if (!p) {
			o->oom = true;
			return;
		}
		o->buf = p;
		o->cap = cap;
	}
	memcpy(o->buf + o->len, data, n);
	o->len += n;
	o->buf[o->len] = 0;
}

static void __attribute__((format(printf, 2, 3)))
out_printf(struct out *o, const char *fmt, ...)
{
	char tmp[512];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(tmp, sizeof(tmp), fmt, ap);
	va_end(ap);
	if (n > 0)
		out_add(o, tmp,
			(size_t)n < sizeof(tmp) ? (size_t)n : sizeof(tmp) - 1);
}

static void out_hex(struct out *o, const uint8_t *bytes, size_t n)
{
	static const char digits[] = "0123456789abcdef";

	for (size_t i = 0; i < n; i++) {
		char two[2] = {digits[bytes[i] >> 4], digits[bytes[i] & 15]};

		out_add(o, two, 2);
	}
}

/* @val as @size bytes, little-endian (the target's byte order). */
static void out_le(struct out *o, uint64_t val, unsigned size)
{
	uint8_t b[8];

	for (unsigned i = 0; i < size; i++)
		b[i] = val >> (8 * i);
	out_hex(o, b, size);
}

struct gdb_write {
	uv_write_t req;
	char *data;
};

static void written(uv_write_t *req, int status)
{
	struct gdb_write *w = req->data;

	free(w->data);
	free(w);
}

/* Sends @len bytes at @data (copied). */
static void send_raw(struct gdb_client *c, const char *data, size_t len)
{
	struct gdb_write *w;
	uv_buf_t b = uv_buf_init((char *)data, len);
	int n;

	if (c->closing || !len)
		return;
	n = uv_try_write(&c->conn.stream, &b, 1);
	if (n == (int)len)
		return;
	if (n < 0)
		n = 0;
	w = calloc(1, sizeof(*w));
	if (!w)
		return;
	w->data = malloc(len - n);
	if (!w->data) {
		free(w);
		return;
	}
	memcpy(w->data, data + n, len - n);
	w->req.data = w;
	b = uv_buf_init(w->data, len - n);
	if (uv_write(&w->req, &c->conn.stream, &b, 1, written)) {
		free(w->data);
		free(w);
	}
}

/* Frames @data as a packet ($...#cs, binary bytes escaped) and sends it. */
static void send_packet(struct gdb_client *c, const char *data, size_t len)
{
	struct out f = {0};
	uint8_t sum = 0;

	out_add(&f, "$", 1);
	for (size_t i = 0; i < len; i++) {
		char ch = data[i];

		if (ch == '$' || ch == '#' || ch == '}' || ch == '*') {
			char esc[2] = {'}', ch ^ 0x20};

			out_add(&f, esc, 2);
			sum += (uint8_t)esc[0] + (uint8_t)esc[1];
		} else {
			out_add(&f, &ch, 1);
			sum += (uint8_t)ch;
		}
	}
	out_printf(&f, "#%02x", sum);
	if (f.oom) {
		free(f.buf);
		return;
	}
	send_raw(c, f.buf, f.len);
	free(c->last);
	c->last = f.buf;
	c->last_len = f.len;
}

static void send_str(struct gdb_client *c, const char *s)
{
	send_packet(c, s, strlen(s));
}

static void send_out(struct gdb_client *c, struct out *o)
{
	if (o->oom)
		send_str(c, "E0c"); /* ENOMEM */
	else
		send_packet(c, o->buf ? o->buf : "", o->len);
	free(o->buf);
	*o = (struct out){0};
}

/* "Enn" with an errno value (GDB shows the number). */
static void send_error(struct gdb_client *c, int err)
{
	char e[8];

	snprintf(e, sizeof(e), "E%02x", (err < 0 ? -err : err) & 0xff);
	send_str(c, e);
}

/* ---- Parsing ---- */

static int hexval(char ch)
{
	if (ch >= '0' && ch <= '9')
		return ch - '0';
	if (ch >= 'a' && ch <= 'f')
		return ch - 'a' + 10;
	if (ch >= 'A' && ch <= 'F')
		return ch - 'A' + 10;
	return -1;
}

/* A hex number at *@p (at least one digit, at most 16); advances *@p. */
static bool parse_hex(const char **p, uint64_t *val)
{
	const char *s = *p;
	uint64_t v = 0;
	int d, n = 0;

	while ((d = hexval(*s)) >= 0) {
		if (++n > 16)
			return false;
		v = v << 4 | d;
		s++;
	}
	if (!n)
		return false;
	*p = s;
	*val = v;
	return true;
}

/* "ADDR,LEN" at *@p. */
static bool parse_addr_len(const char **p, uint64_t *addr, uint64_t *len)
{
	return parse_hex(p, addr) && *(*p)++ == ',' && parse_hex(p, len);
}

/* Hex bytes at @p into @buf (exactly @n of them). */
static bool parse_bytes(const char *p, uint8_t *buf, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		int hi = hexval(p[2 * i]), lo;

		if (hi < 0)
			return false;
		lo = hexval(p[2 * i + 1]);
		if (lo < 0)
			return false;
		buf[i] = hi << 4 | lo;
	}
	return true;
}

/*
 * A thread id: "-1" (all: -1), "0" (any: -1 too) or a positive number
 * (hart + 1). -2 when malformed or no such hart.
 */
static int parse_thread(struct gdbstub *s, const char **p)
{
	uint64_t v;

	if ((*p)[0] == '-' && (*p)[1] == '1') {
		*p += 2;
		return -1;
	}
	if (!parse_hex(p, &v))
		return -2;
	if (v == 0)
		return -1;
	return v <= s->t.nharts ? (int)(v - 1) : -2;
}

/* ---- The target description ---- */

/* CSR names as the privileged and unprivileged ISA manuals give them. */
static const struct csr_name {
	uint16_t num;
	uint8_t count; /* numbered names: NAME<first>...; 0 means one */
	uint8_t first;
	const char *name;
} csr_names[] = {
	{0x008, 0, 0, "vstart"},
	{0x009, 0, 0, "vxsat"},
	{0x00a, 0, 0, "vxrm"},
	{0x00f, 0, 0, "vcsr"},
	{0x100, 0, 0, "sstatus"},
	{0x104, 0, 0, "sie"},
	{0x105, 0, 0, "stvec"},
	{0x106, 0, 0, "scounteren"},
	{0x10a, 0, 0, "senvcfg"},
	{0x10c, 4, 0, "sstateen"},
	{0x140, 0, 0, "sscratch"},
	{0x141, 0, 0, "sepc"},
	{0x142, 0, 0, "scause"},
	{0x143, 0, 0, "stval"},
	{0x144, 0, 0, "sip"},
	{0x14d, 0, 0, "stimecmp"},
	{0x180, 0, 0, "satp"},
	{0x200, 0, 0, "vsstatus"},
	{0x204, 0, 0, "vsie"},
	{0x205, 0, 0, "vstvec"},
	{0x240, 0, 0, "vsscratch"},
	{0x241, 0, 0, "vsepc"},
	{0x242, 0, 0, "vscause"},
	{0x243, 0, 0, "vstval"},
	{0x244, 0, 0, "vsip"},
	{0x24d, 0, 0, "vstimecmp"},
	{0x280, 0, 0, "vsatp"},
	{0x300, 0, 0, "mstatus"},
	{0x301, 0, 0, "misa"},
	{0x302, 0, 0, "medeleg"},
	{0x303, 0, 0, "mideleg"},
	{0x304, 0, 0, "mie"},
	{0x305, 0, 0, "mtvec"},
	{0x306, 0, 0, "mcounteren"},
	{0x30a, 0, 0, "menvcfg"},
	{0x30c, 4, 0, "mstateen"},
	{0x320, 0, 0, "mcountinhibit"},
	{0x323, 29, 3, "mhpmevent"},
	{0x340, 0, 0, "mscratch"},
	{0x341, 0, 0, "mepc"},
	{0x342, 0, 0, "mcause"},
	{0x343, 0, 0, "mtval"},
	{0x344, 0, 0, "mip"},
	{0x34a, 0, 0, "mtinst"},
	{0x34b, 0, 0, "mtval2"},
	{0x3a0, 16, 0, "pmpcfg"},
	{0x3b0, 64, 0, "pmpaddr"},
	{0x600, 0, 0, "hstatus"},
	{0x602, 0, 0, "hedeleg"},
	{0x603, 0, 0, "hideleg"},
	{0x604, 0, 0, "hie"},
	{0x605, 0, 0, "htimedelta"},
	{0x606, 0, 0, "hcounteren"},
	{0x607, 0, 0, "hgeie"},
	{0x60a, 0, 0, "henvcfg"},
	{0x60c, 4, 0, "hstateen"},
	{0x643, 0, 0, "htval"},
	{0x644, 0, 0, "hip"},
	{0x645, 0, 0, "hvip"},
	{0x64a, 0, 0, "htinst"},
	{0x680, 0, 0, "hgatp"},
	{0x747, 0, 0, "mseccfg"},
	{0x7a0, 0, 0, "tselect"},
	{0x7a1, 0, 0, "tdata1"},
	{0x7a2, 0, 0, "tdata2"},
	{0x7a3, 0, 0, "tdata3"},
	{0x7a4, 0, 0, "tinfo"},
	{0xb00, 0, 0, "mcycle"},
	{0xb02, 0, 0, "minstret"},
	{0xb03, 29, 3, "mhpmcounter"},
	{0xc00, 0, 0, "cycle"},
	{0xc01, 0, 0, "time"},
	{0xc02, 0, 0, "instret"},
	{0xc03, 29, 3, "hpmcounter"},
	{0xc20, 0, 0, "vl"},
	{0xc21, 0, 0, "vtype"},
	{0xc22, 0, 0, "vlenb"},
	{0xda0, 0, 0, "scountovf"},
	{0xe12, 0, 0, "hgeip"},
	{0xf11, 0, 0, "mvendorid"},
	{0xf12, 0, 0, "marchid"},
	{0xf13, 0, 0, "mimpid"},
	{0xf14, 0, 0, "mhartid"},
	{0xf15, 0, 0, "mconfigptr"},
};

static const char *const x_names[32] = {
	"zero", "ra", "sp", "gp", "tp",	 "t0",	"t1", "t2", "fp", "s1", "a0",
	"a1",	"a2", "a3", "a4", "a5",	 "a6",	"a7", "s2", "s3", "s4", "s5",
	"s6",	"s7", "s8", "s9", "s10", "s11", "t3", "t4", "t5", "t6",
};

static const char *const f_names[32] = {
	"ft0", "ft1", "ft2",  "ft3",  "ft4", "ft5", "ft6",  "ft7",
	"fs0", "fs1", "fa0",  "fa1",  "fa2", "fa3", "fa4",  "fa5",
	"fa6", "fa7", "fs2",  "fs3",  "fs4", "fs5", "fs6",  "fs7",
	"fs8", "fs9", "fs10", "fs11", "ft8", "ft9", "ft10", "ft11",
};

static bool csr_present(const struct gdbstub *s, unsigned num)
{
	return num < GDB_NCSRS && (s->csr_present[num / 8] >> (num % 8)) & 1;
}

/*
 * The vector registers as GDB's RISC-V target code expects them: one
 * union of vectors of 8- to 128-bit unsigned lanes, named b, s, w, l, q.
 */
static void vector_feature(struct gdbstub *s, struct out *o)
{
	static const struct {
		const char *id, *type;
		char field;
		unsigned bytes;
	} lanes[] = {
		{"bytes", "uint8", 'b', 1},    {"shorts", "uint16", 's', 2},
		{"words", "uint32", 'w', 4},   {"longs", "uint64", 'l', 8},
		{"quads", "uint128", 'q', 16},
	};
	const unsigned n = sizeof(lanes) / sizeof(lanes[0]);

	out_printf(o, "<feature name=\"org.gnu.gdb.riscv.vector\">\n");
	for (unsigned i = 0; i < n; i++)
		out_printf(o, "<vector id=\"%s\" type=\"%s\" count=\"%u\"/>\n",
			   lanes[i].id, lanes[i].type,
			   s->vlenb / lanes[i].bytes);
	out_printf(o, "<union id=\"riscv_vector\">");
	for (unsigned i = 0; i < n; i++)
		out_printf(o, "<field name=\"%c\" type=\"%s\"/>",
			   lanes[i].field, lanes[i].id);
	out_printf(o, "</union>\n");
	for (unsigned i = 0; i < 32; i++)
		out_printf(o,
			   "<reg name=\"v%u\" bitsize=\"%u\" "
			   "type=\"riscv_vector\" group=\"vector\" "
			   "regnum=\"%u\"/>\n",
			   i, 8 * s->vlenb, GDBSTUB_REG_V0 + i);
	out_printf(o, "</feature>\n");
}

/*
 * Builds the description from what hart 0 has (every hart is alike):
 * the FPU when misa says D, each named CSR that reads, the vector
 * registers when misa says V (as wide as vlenb). Every hart is stopped.
 */
static int make_tdesc(struct gdbstub *s)
{
	struct out o = {0};
	uint64_t misa = 0, v;

	if (s->tdesc)
		return 0;
	if (!s->t.get_reg(s->t.opaque, 0, GDBSTUB_REG_CSR0 + 0x301, &misa))
		s->has_fpu = misa & (1u << ('D' - 'A'));
	else
		misa = 0;
	memset(s->csr_present, 0, sizeof(s->csr_present));
	for (size_t i = 0; i < sizeof(csr_names) / sizeof(csr_names[0]); i++) {
		const struct csr_name *n = &csr_names[i];
		unsigned count = n->count ? n->count : 1;

		for (unsigned k = 0; k < count; k++) {
			unsigned num = n->num + k;

			if (!s->t.get_reg(s->t.opaque, 0,
					  GDBSTUB_REG_CSR0 + num, &v))
				s->csr_present[num / 8] |= 1 << (num % 8);
		}
	}
	s->vlenb = 0;
	if ((misa & (1u << ('V' - 'A'))) && s->t.get_vreg && s->t.set_vreg &&
	    !s->t.get_reg(s->t.opaque, 0, GDBSTUB_REG_CSR0 + 0xc22, &v) &&
	    v >= 8 && v <= GDB_VLENB_MAX && !(v & (v - 1)))
		s->vlenb = v;
	out_printf(&o, "<?xml version=\"1.0\"?>\n"
		       "<!DOCTYPE target SYSTEM \"gdb-target.dtd\">\n"
		       "<target version=\"1.0\">\n"
		       "<architecture>riscv:rv64</architecture>\n"
		       "<feature name=\"org.gnu.gdb.riscv.cpu\">\n");
	for (unsigned i = 0; i < 32; i++) {
		const char *type = i == 1			  ? "code_ptr"
				   : (i >= 2 && i <= 4) || i == 8 ? "data_ptr"
								  : "int";

		out_printf(&o,
			   "<reg name=\"%s\" bitsize=\"64\" type=\"%s\" "
			   "regnum=\"%u\"/>\n",
			   x_names[i], type, GDBSTUB_REG_X0 + i);
	}
	out_printf(&o,
		   "<reg name=\"pc\" bitsize=\"64\" type=\"code_ptr\" "
		   "regnum=\"%u\"/>\n</feature>\n",
		   GDBSTUB_REG_PC);
	if (s->has_fpu) {
		out_printf(&o, "<feature name=\"org.gnu.gdb.riscv.fpu\">\n"
			       "<union id=\"riscv_double\">"
			       "<field name=\"float\" type=\"ieee_single\"/>"
			       "<field name=\"double\" type=\"ieee_double\"/>"
			       "</union>\n");
		for (unsigned i = 0; i < 32; i++)
			out_printf(&o,
				   "<reg name=\"%s\" bitsize=\"64\" "
				   "type=\"riscv_double\" regnum=\"%u\"/>\n",
				   f_names[i], GDBSTUB_REG_F0 + i);
		for (unsigned i = 1; i <= 3; i++)
			out_printf(
				&o,
				"<reg name=\"%s\" bitsize=\"32\" type=\"int\" "
				"regnum=\"%u\"/>\n",
				i == 1	 ? "fflags"
				: i == 2 ? "frm"
					 : "fcsr",
				GDBSTUB_REG_CSR0 + i);
		out_printf(&o, "</feature>\n");
	}
	out_printf(&o, "<feature name=\"org.gnu.gdb.riscv.csr\">\n");
	for (size_t i = 0; i < sizeof(csr_names) / sizeof(csr_names[0]); i++) {
		const struct csr_name *n = &csr_names[i];
		unsigned count = n->count ? n->count : 1;

		for (unsigned k = 0; k < count; k++) {
			unsigned num = n->num + k;

			if (!csr_present(s, num))
				continue;
			if (n->count)
				out_printf(&o, "<reg name=\"%s%u\"", n->name,
					   n->first + k);
			else
				out_printf(&o, "<reg name=\"%s\"", n->name);
			out_printf(&o,
				   " bitsize=\"64\" type=\"int\" "
				   "regnum=\"%u\"/>\n",
				   GDBSTUB_REG_CSR0 + num);
		}
	}
	out_printf(&o,
		   "</feature>\n"
		   "<feature name=\"org.gnu.gdb.riscv.virtual\">\n"
		   "<reg name=\"priv\" bitsize=\"64\" type=\"int\" "
		   "regnum=\"%u\"/>\n"
		   "</feature>\n",
		   GDBSTUB_REG_PRIV);
	if (s->vlenb)
		vector_feature(s, &o);
	out_printf(&o, "</target>\n");
	if (o.oom) {
		free(o.buf);
		return -ENOMEM;
	}
	s->tdesc = o.buf;
	s->tdesc_len = o.len;
	return 0;
}

/* A register's size in bytes as the description gives it; 0: none. */
static unsigned reg_size(struct gdbstub *s, uint64_t reg)
{
	if (reg <= GDBSTUB_REG_PC || reg == GDBSTUB_REG_PRIV)
		return 8;
	if (reg >= GDBSTUB_REG_F0 && reg < GDBSTUB_REG_F0 + 32)
		return s->has_fpu ? 8 : 0;
	if (reg >= GDBSTUB_REG_CSR0 + 1 && reg <= GDBSTUB_REG_CSR0 + 3)
		return s->has_fpu ? 4 : 0;
	if (reg >= GDBSTUB_REG_CSR0 && reg < GDBSTUB_REG_CSR0 + GDB_NCSRS)
		return csr_present(s, reg - GDBSTUB_REG_CSR0) ? 8 : 0;
	if (reg >= GDBSTUB_REG_V0 && reg < GDBSTUB_REG_V0 + 32)
		return s->vlenb;
	return 0;
}

/* ---- Stops ---- */

/* The hart Hg or Hc names, or the last stop's for "any". */
static unsigned hart_of(struct gdbstub *s, int h)
{
	return h >= 0 ? (unsigned)h : s->stop_hart;
}

static bool point_covers(const struct gdbstub_point *p, uint64_t addr)
{
	return addr >= p->addr && addr - p->addr < p->len;
}

/* Sends a stop reply and records it for '?'. */
static void report(struct gdbstub *s, unsigned hart, int sig, const char *why)
{
	s->stopped = true;
	s->waiting = false;
	s->stop_hart = hart;
	s->g_hart = s->c_hart = hart;
	snprintf(s->last_stop, sizeof(s->last_stop), "T%02xthread:%x;%s", sig,
		 hart + 1, why);
	if (s->client)
		send_str(s->client, s->last_stop);
}

/* The stop reply's reason for a breakpoint at @pc or a watch of @addr. */
static void stop_reason(struct gdbstub *s, enum gdbstub_stop why, uint64_t pc,
			uint64_t addr, char *buf, size_t len)
{
	bool sw = false, hw = false;

	buf[0] = 0;
	for (unsigned i = 0; i < s->npoints; i++) {
		const struct gdbstub_point *p = &s->points[i];

		if (why == GDBSTUB_STOP_BREAK && p->addr == pc)
			sw |= p->type == GDBSTUB_BREAK_SW,
				hw |= p->type == GDBSTUB_BREAK_HW;
		if (why == GDBSTUB_STOP_WATCH &&
		    p->type >= GDBSTUB_WATCH_WRITE && point_covers(p, addr)) {
			snprintf(buf, len, "%s:%llx;",
				 p->type == GDBSTUB_WATCH_WRITE	 ? "watch"
				 : p->type == GDBSTUB_WATCH_READ ? "rwatch"
								 : "awatch",
				 (unsigned long long)addr);
			return;
		}
	}
	if (sw)
		snprintf(buf, len, "swbreak:;");
	else if (hw)
		snprintf(buf, len, "hwbreak:;");
}

static bool watch_set_at(struct gdbstub *s, uint64_t addr)
{
	for (unsigned i = 0; i < s->npoints; i++)
		if (s->points[i].type >= GDBSTUB_WATCH_WRITE &&
		    point_covers(&s->points[i], addr))
			return true;
	return false;
}

static void forget_pending(struct gdbstub *s)
{
	memset(s->pending, 0, s->t.nharts * sizeof(*s->pending));
}

/* The harts run freely, without points: the debugger is gone. */
static void release(struct gdbstub *s)
{
	enum gdbstub_run *run;

	s->npoints = 0;
	s->waiting = false;
	forget_pending(s);
	if (s->ended)
		return;
	if (!s->stopped && s->t.stop(s->t.opaque))
		return;
	s->stopped = true;
	/* Stops on their way are stale now. */
	s->t.flush(s->t.opaque);
	forget_pending(s);
	run = calloc(s->t.nharts, sizeof(*run));
	if (!run)
		return;
	for (unsigned i = 0; i < s->t.nharts; i++)
		run[i] = GDBSTUB_RUN_CONT;
	if (!s->t.resume(s->t.opaque, run, NULL, 0))
		s->stopped = false;
	free(run);
}

void gdbstub_hart_stopped(struct gdbstub *s, unsigned hart,
			  enum gdbstub_stop why, uint64_t addr)
{
	char reason[64];
	uint64_t pc = 0;

	if (s->ended || hart >= s->t.nharts)
		return;
	if (!s->client) {
		/* A stop from a debugger that left meanwhile. */
		if (!s->stopped)
			release(s);
		return;
	}
	if (s->stopped) {
		/* Another hart's stop was reported first. */
		if (why == GDBSTUB_STOP_WATCH) {
			s->pending[hart] = true;
			s->pending_addr[hart] = addr;
		}
		return;
	}
	if (s->t.stop(s->t.opaque))
		return;
	s->stopped = true;
	s->t.get_reg(s->t.opaque, hart, GDBSTUB_REG_PC, &pc);
	stop_reason(s, why, pc, addr, reason, sizeof(reason));
	report(s, hart, 5, reason);
}

/*
 * Resumes the harts as @run says, unless one of those to run has a
 * watchpoint stop kept back: that is reported instead.
 */
static void resume(struct gdbstub *s, enum gdbstub_run *run)
{
	struct gdb_client *c = s->client;
	bool any = false;
	int ret;

	s->t.flush(s->t.opaque);
	for (unsigned i = 0; i < s->t.nharts; i++) {
		char reason[64];

		if (run[i] == GDBSTUB_RUN_STOP || !s->pending[i])
			continue;
		s->pending[i] = false;
		if (!watch_set_at(s, s->pending_addr[i]))
			continue;
		stop_reason(s, GDBSTUB_STOP_WATCH, 0, s->pending_addr[i],
			    reason, sizeof(reason));
		report(s, i, 5, reason);
		return;
	}
	for (unsigned i = 0; i < s->t.nharts; i++) {
		any |= run[i] != GDBSTUB_RUN_STOP;
		if (run[i] == GDBSTUB_RUN_STEP && !s->t.can_debug) {
			send_error(c, EOPNOTSUPP);
			return;
		}
	}
	if (!any) {
		/* Nothing would ever stop: say so rather than hang. */
		send_error(c, ESRCH);
		return;
	}
	ret = s->t.resume(s->t.opaque, run, s->points, s->npoints);
	if (ret) {
		send_error(c, ret);
		return;
	}
	s->stopped = false;
	s->waiting = true;
}

/* ---- Packets ---- */

static void cmd_read_regs(struct gdbstub *s, struct gdb_client *c)
{
	unsigned hart = hart_of(s, s->g_hart);
	struct out o = {0};

	for (unsigned r = 0; r <= GDBSTUB_REG_PC; r++) {
		uint64_t v;

		if (s->t.get_reg(s->t.opaque, hart, r, &v))
			out_add(&o, "xxxxxxxxxxxxxxxx", 16);
		else
			out_le(&o, v, 8);
	}
	send_out(c, &o);
}

static void cmd_write_regs(struct gdbstub *s, struct gdb_client *c,
			   const char *p, size_t n)
{
	unsigned hart = hart_of(s, s->g_hart);

	if (n % 16 || n > 16 * (GDBSTUB_REG_PC + 1)) {
		send_error(c, EINVAL);
		return;
	}
	for (unsigned r = 0; r < n / 16; r++) {
		uint8_t b[8];
		uint64_t v = 0;

		if (!parse_bytes(p + 16 * r, b, 8)) {
			send_error(c, EINVAL);
			return;
		}
		for (unsigned i = 0; i < 8; i++)
			v |= (uint64_t)b[i] << (8 * i);
		if (r && s->t.set_reg(s->t.opaque, hart, r, v)) {
			send_error(c, EIO);
			return;
		}
	}
	send_str(c, "OK");
}

static void cmd_read_reg(struct gdbstub *s, struct gdb_client *c, const char *p)
{
	unsigned hart = hart_of(s, s->g_hart);
	struct out o = {0};
	uint64_t reg, v;
	unsigned size;

	if (!parse_hex(&p, &reg) || *p || make_tdesc(s)) {
		send_error(c, EINVAL);
		return;
	}
	size = reg_size(s, reg);
	if (!size) {
		send_error(c, ENOENT);
		return;
	}
	if (reg >= GDBSTUB_REG_V0) {
		uint8_t b[GDB_VLENB_MAX];

		if (s->t.get_vreg(s->t.opaque, hart, reg - GDBSTUB_REG_V0, b)) {
			for (unsigned i = 0; i < size; i++)
				out_add(&o, "xx", 2);
		} else {
			out_hex(&o, b, size);
		}
	} else if (s->t.get_reg(s->t.opaque, hart, reg, &v)) {
		for (unsigned i = 0; i < size; i++)
			out_add(&o, "xx", 2);
	} else {
		out_le(&o, v, size);
	}
	send_out(c, &o);
}

static void cmd_write_reg(struct gdbstub *s, struct gdb_client *c,
			  const char *p)
{
	unsigned hart = hart_of(s, s->g_hart);
	uint64_t reg, v = 0;
	uint8_t b[GDB_VLENB_MAX];
	unsigned size;

	if (!parse_hex(&p, &reg) || *p++ != '=' || make_tdesc(s)) {
		send_error(c, EINVAL);
		return;
	}
	size = reg_size(s, reg);
	if (!size || strlen(p) != 2 * size || !parse_bytes(p, b, size)) {
		send_error(c, EINVAL);
		return;
	}
	if (reg >= GDBSTUB_REG_V0) {
		if (s->t.set_vreg(s->t.opaque, hart, reg - GDBSTUB_REG_V0, b))
			send_error(c, EIO);
		else
			send_str(c, "OK");
		return;
	}
	for (unsigned i = 0; i < size; i++)
		v |= (uint64_t)b[i] << (8 * i);
	/* x0 is zero whatever is written. */
	if (reg != GDBSTUB_REG_X0 && s->t.set_reg(s->t.opaque, hart, reg, v)) {
		send_error(c, EIO);
		return;
	}
	send_str(c, "OK");
}

/* Memory, a page at a time: a read stops at the first hole. */
static size_t mem_access(struct gdbstub *s, uint64_t addr, uint8_t *buf,
			 size_t len, bool write)
{
	unsigned hart = hart_of(s, s->g_hart);
	size_t done = 0;

	while (done < len) {
		uint64_t a = addr + done;
		size_t n = 4096 - (a & 4095);

		if (n > len - done)
			n = len - done;
		if (s->t.access(s->t.opaque, hart, a, buf + done, n, write))
			break;
		done += n;
	}
	return done;
}

static void cmd_read_mem(struct gdbstub *s, struct gdb_client *c, const char *p)
{
	uint64_t addr, len;
	struct out o = {0};
	uint8_t *buf;
	size_t n;

	if (!parse_addr_len(&p, &addr, &len) || *p) {
		send_error(c, EINVAL);
		return;
	}
	/* The reply must fit a packet; GDB asks again for the rest. */
	if (len > (GDB_PACKET_MAX - 16) / 2)
		len = (GDB_PACKET_MAX - 16) / 2;
	buf = malloc(len ? len : 1);
	if (!buf) {
		send_error(c, ENOMEM);
		return;
	}
	n = mem_access(s, addr, buf, len, false);
	if (len && !n) {
		send_error(c, EFAULT);
	} else {
		out_hex(&o, buf, n);
		send_out(c, &o);
	}
	free(buf);
}

/* M (hex) and X (binary) writes. */
static void cmd_write_mem(struct gdbstub *s, struct gdb_client *c,
			  const char *p, size_t n, bool binary)
{
	const char *end = p + n;
	uint64_t addr, len;
	uint8_t *buf;

	if (!parse_addr_len(&p, &addr, &len) || *p++ != ':' ||
	    len > GDB_PACKET_MAX ||
	    (size_t)(end - p) != (binary ? len : 2 * len)) {
		send_error(c, EINVAL);
		return;
	}
	if (!len) {
		send_str(c, "OK");
		return;
	}
	buf = malloc(len);
	if (!buf) {
		send_error(c, ENOMEM);
		return;
	}
	if (binary)
		memcpy(buf, p, len);
	if (!binary && !parse_bytes(p, buf, len))
		send_error(c, EINVAL);
	else if (mem_access(s, addr, buf, len, true) != len)
		send_error(c, EFAULT);
	else
		send_str(c, "OK");
	free(buf);
}

static int point_find(struct gdbstub *s, const struct gdbstub_point *p)
{
	for (unsigned i = 0; i < s->npoints; i++)
		if (s->points[i].type == p->type &&
		    s->points[i].addr == p->addr && s->points[i].len == p->len)
			return i;
	return -1;
}

/* Whether the harts take one more point of @p's kind. */
static bool point_fits(struct gdbstub *s, const struct gdbstub_point *p)
{
	unsigned breaks = 0, watches = 0;

	if (s->npoints == GDB_MAX_POINTS)
		return false;
	if (p->type >= GDBSTUB_WATCH_WRITE) {
		for (unsigned i = 0; i < s->npoints; i++)
			watches += s->points[i].type >= GDBSTUB_WATCH_WRITE;
		return watches < s->t.max_watches;
	}
	/* Breakpoints count by address: a software and a hardware one at
	 * the same place are one. */
	for (unsigned i = 0; i < s->npoints; i++) {
		bool seen = false;

		if (s->points[i].type >= GDBSTUB_WATCH_WRITE)
			continue;
		if (s->points[i].addr == p->addr)
			return true;
		for (unsigned k = 0; k < i; k++)
			seen |= s->points[k].type < GDBSTUB_WATCH_WRITE &&
				s->points[k].addr == s->points[i].addr;
		breaks += !seen;
	}
	return breaks < s->t.max_breaks;
}

/* Z and z: TYPE,ADDR,KIND (a breakpoint's kind is its length). */
static void cmd_point(struct gdbstub *s, struct gdb_client *c, const char *p,
		      bool insert)
{
	struct gdbstub_point pt;
	uint64_t type, kind;
	int i;

	if (!parse_hex(&p, &type) || *p++ != ',' ||
	    !parse_addr_len(&p, &pt.addr, &kind) || (*p && *p != ';')) {
		send_error(c, EINVAL);
		return;
	}
	if (type > GDBSTUB_WATCH_ACCESS) {
		send_str(c, ""); /* not a kind this stub knows */
		return;
	}
	if (!s->t.can_debug) {
		send_error(c, EOPNOTSUPP);
		return;
	}
	pt.type = type;
	pt.len = type >= GDBSTUB_WATCH_WRITE ? kind : 0;
	if (pt.type >= GDBSTUB_WATCH_WRITE && !pt.len) {
		send_error(c, EINVAL);
		return;
	}
	i = point_find(s, &pt);
	if (insert && i < 0) {
		if (!point_fits(s, &pt)) {
			send_error(c, ENOSPC);
			return;
		}
		s->points[s->npoints++] = pt;
	} else if (!insert && i >= 0) {
		s->points[i] = s->points[--s->npoints];
	}
	send_str(c, "OK");
}

/* vCont;ACTION[:THREAD]...: the leftmost action naming a hart wins. */
static void cmd_vcont(struct gdbstub *s, struct gdb_client *c, const char *p)
{
	enum gdbstub_run *run = calloc(s->t.nharts, sizeof(*run));
	bool *set = calloc(s->t.nharts, sizeof(*set));

	if (!run || !set) {
		send_error(c, ENOMEM);
		goto out;
	}
	while (*p == ';') {
		enum gdbstub_run what;
		uint64_t sig;
		int hart = -1;

		p++;
		switch (*p++) {
		case 'c':
			what = GDBSTUB_RUN_CONT;
			break;
		case 's':
			what = GDBSTUB_RUN_STEP;
			break;
		case 'C':
			what = GDBSTUB_RUN_CONT;
			if (!parse_hex(&p, &sig))
				goto bad;
			break;
		case 'S':
			what = GDBSTUB_RUN_STEP;
			if (!parse_hex(&p, &sig))
				goto bad;
			break;
		default:
			goto bad;
		}
		if (*p == ':') {
			p++;
			hart = parse_thread(s, &p);
			if (hart == -2) {
				/* No such hart: the action applies to none. */
				while (*p && *p != ';')
					p++;
				continue;
			}
		}
		if (*p && *p != ';')
			goto bad;
		for (unsigned i = 0; i < s->t.nharts; i++) {
			if ((hart < 0 || (unsigned)hart == i) && !set[i]) {
				run[i] = what;
				set[i] = true;
			}
		}
	}
	if (*p)
		goto bad;
	resume(s, run);
	goto out;
bad:
	send_error(c, EINVAL);
out:
	free(run);
	free(set);
}

/* c, C, s, S [;]ADDR: continue every hart, or step Hc's alone. */
static void cmd_continue(struct gdbstub *s, struct gdb_client *c, char op,
			 const char *p)
{
	bool step = op == 's' || op == 'S';
	unsigned hart = hart_of(s, s->c_hart);
	enum gdbstub_run *run;
	uint64_t v;

	if (op == 'C' || op == 'S') {
		if (!parse_hex(&p, &v)) {
			send_error(c, EINVAL);
			return;
		}
		if (*p == ';')
			p++;
	}
	if (*p) {
		if (!parse_hex(&p, &v) || *p) {
			send_error(c, EINVAL);
			return;
		}
		s->t.set_reg(s->t.opaque, hart, GDBSTUB_REG_PC, v);
	}
	run = calloc(s->t.nharts, sizeof(*run));
	if (!run) {
		send_error(c, ENOMEM);
		return;
	}
	for (unsigned i = 0; i < s->t.nharts; i++)
		run[i] =
			step ? (i == hart ? GDBSTUB_RUN_STEP : GDBSTUB_RUN_STOP)
			     : GDBSTUB_RUN_CONT;
	resume(s, run);
	free(run);
}

static void cmd_set_thread(struct gdbstub *s, struct gdb_client *c,
			   const char *p)
{
	char op = *p++;
	int hart = parse_thread(s, &p);

	if (hart == -2 || *p || (op != 'g' && op != 'c')) {
		send_error(c, EINVAL);
		return;
	}
	if (op == 'g')
		s->g_hart = hart;
	else
		s->c_hart = hart;
	send_str(c, "OK");
}

static void cmd_xfer_features(struct gdbstub *s, struct gdb_client *c,
			      const char *p)
{
	uint64_t off, len;
	struct out o = {0};

	if (strncmp(p, "target.xml:", 11)) {
		send_error(c, ENOENT);
		return;
	}
	p += 11;
	if (!parse_addr_len(&p, &off, &len) || *p) {
		send_error(c, EINVAL);
		return;
	}
	if (make_tdesc(s)) {
		send_error(c, ENOMEM);
		return;
	}
	if (len > GDB_PACKET_MAX / 2)
		len = GDB_PACKET_MAX / 2;
	if (off >= s->tdesc_len) {
		send_str(c, "l");
		return;
	}
	if (len > s->tdesc_len - off)
		len = s->tdesc_len - off;
	out_add(&o, off + len < s->tdesc_len ? "m" : "l", 1);
	out_add(&o, s->tdesc + off, len);
	send_out(c, &o);
}

static void cmd_thread_info(struct gdbstub *s, struct gdb_client *c)
{
	struct out o = {0};

	out_add(&o, "m", 1);
	for (unsigned i = 0; i < s->t.nharts; i++)
		out_printf(&o, i ? ",%x" : "%x", i + 1);
	send_out(c, &o);
}

static void cmd_thread_extra(struct gdbstub *s, struct gdb_client *c,
			     const char *p)
{
	int hart = parse_thread(s, &p);
	struct out o = {0};
	char text[128];

	if (hart < 0 || *p) {
		send_error(c, EINVAL);
		return;
	}
	text[0] = 0;
	s->t.describe(s->t.opaque, hart, text, sizeof(text));
	out_hex(&o, (const uint8_t *)text, strlen(text));
	send_out(c, &o);
}

/* Packets that read or change the harts need them stopped. */
static bool needs_stopped(const char *p)
{
	return (p[0] && strchr("gGpPmMXZzcCsSHT?", p[0])) ||
	       !strncmp(p, "vCont;", 6) || !strncmp(p, "qXfer:", 6) ||
	       !strncmp(p, "qThreadExtraInfo", 16);
}

static void handle_packet(struct gdb_client *c, const char *p, size_t n)
{
	struct gdbstub *s = c->s;
	char buf[128];

	if (s->ended) {
		send_error(c, ESRCH);
		return;
	}
	if (!s->stopped && needs_stopped(p)) {
		/* All-stop: the debugger waits for a stop reply now. */
		send_error(c, EBUSY);
		return;
	}
	switch (p[0]) {
	case '?':
		send_str(c, s->last_stop);
		return;
	case 'g':
		if (!p[1]) {
			cmd_read_regs(s, c);
			return;
		}
		break;
	case 'G':
		cmd_write_regs(s, c, p + 1, n - 1);
		return;
	case 'p':
		cmd_read_reg(s, c, p + 1);
		return;
	case 'P':
		cmd_write_reg(s, c, p + 1);
		return;
	case 'm':
		cmd_read_mem(s, c, p + 1);
		return;
	case 'M':
		cmd_write_mem(s, c, p + 1, n - 1, false);
		return;
	case 'X':
		cmd_write_mem(s, c, p + 1, n - 1, true);
		return;
	case 'Z':
	case 'z':
		cmd_point(s, c, p + 1, p[0] == 'Z');
		return;
	case 'c':
	case 'C':
	case 's':
	case 'S':
		cmd_continue(s, c, p[0], p + 1);
		return;
	case 'H':
		cmd_set_thread(s, c, p + 1);
		return;
	case 'T': {
		const char *q = p + 1;
		int hart = parse_thread(s, &q);

		send_str(c, hart >= 0 && !*q ? "OK" : "E16");
		return;
	}
	case 'D':
		send_str(c, "OK");
		release(s);
		return;
	case 'k':
		/* No reply: the VM goes. */
		s->ended = true;
		s->t.kill(s->t.opaque);
		return;
	}
	if (!strcmp(p, "vCont?")) {
		send_str(c, s->t.can_debug ? "vCont;c;C;s;S" : "vCont;c;C");
	} else if (!strncmp(p, "vCont;", 6)) {
		cmd_vcont(s, c, p + 5);
	} else if (!strncmp(p, "vKill", 5)) {
		send_str(c, "OK");
		s->ended = true;
		s->t.kill(s->t.opaque);
	} else if (!strncmp(p, "qSupported", 10)) {
		snprintf(buf, sizeof(buf),
			 "PacketSize=%x;qXfer:features:read+;swbreak+;"
			 "hwbreak+;vContSupported+;QStartNoAckMode+",
			 GDB_PACKET_MAX);
		send_str(c, buf);
	} else if (!strcmp(p, "QStartNoAckMode")) {
		send_str(c, "OK");
		c->noack = true;
	} else if (!strncmp(p, "qXfer:features:read:", 20)) {
		cmd_xfer_features(s, c, p + 20);
	} else if (!strcmp(p, "qfThreadInfo")) {
		cmd_thread_info(s, c);
	} else if (!strcmp(p, "qsThreadInfo")) {
		send_str(c, "l");
	} else if (!strncmp(p, "qThreadExtraInfo,", 17)) {
		cmd_thread_extra(s, c, p + 17);
	} else if (!strcmp(p, "qC")) {
		snprintf(buf, sizeof(buf), "QC%x", s->stop_hart + 1);
		send_str(c, buf);
	} else if (!strncmp(p, "qAttached", 9)) {
		/* The VM was there before the debugger: detach at the end. */
		send_str(c, "1");
	} else if (!strncmp(p, "qSymbol:", 8)) {
		send_str(c, "OK");
	} else {
		/* qOffsets (the programs are where they were linked), and
		 * whatever this stub does not know. */
		send_str(c, "");
	}
}

/* ---- Receiving ---- */

static void client_close(struct gdb_client *c);

/* Ctrl-C: stop every hart and say so (SIGINT). */
static void interrupt(struct gdbstub *s)
{
	if (!s->waiting || s->stopped || s->ended)
		return;
	if (s->t.stop(s->t.opaque))
		return;
	s->stopped = true;
	report(s, s->stop_hart, 2, "");
}

static void rx_byte(struct gdb_client *c, uint8_t ch)
{
	int d;

	switch (c->rx) {
	case RX_IDLE:
		if (ch == '$') {
			c->rx = RX_DATA;
			c->len = 0;
			c->sum = 0;
			c->overflow = c->escape = false;
		} else if (ch == 0x03) {
			interrupt(c->s);
		} else if (ch == '-' && !c->noack && c->last) {
			send_raw(c, c->last, c->last_len);
		}
		/* '+' and anything else between packets: nothing to do. */
		return;
	case RX_DATA:
		if (ch == '#') {
			c->rx = RX_SUM1;
			return;
		}
		c->sum += ch;
		if (c->len >= GDB_PACKET_MAX) {
			c->overflow = true;
			return;
		}
		if (c->escape) {
			c->pkt[c->len++] = ch ^ 0x20;
			c->escape = false;
		} else if (ch == '}') {
			c->escape = true;
		} else {
			c->pkt[c->len++] = ch;
		}
		return;
	case RX_SUM1:
		d = hexval(ch);
		c->given = d < 0 ? 0 : d << 4;
		c->rx = d < 0 ? RX_IDLE : RX_SUM2;
		if (d < 0 && !c->noack)
			send_raw(c, "-", 1);
		return;
	case RX_SUM2:
		c->rx = RX_IDLE;
		d = hexval(ch);
		if (d < 0 || (uint8_t)(c->given | d) != c->sum) {
			/* Garbled: ask again (no-ack mode has no way to). */
			if (!c->noack)
				send_raw(c, "-", 1);
			return;
		}
		if (!c->noack)
			send_raw(c, "+", 1);
		if (c->overflow) {
			/* Larger than PacketSize: refused, never cut. */
			send_error(c, EMSGSIZE);
			return;
		}
		c->pkt[c->len] = 0;
		handle_packet(c, c->pkt, c->len);
		return;
	}
}

static void on_alloc(uv_handle_t *h, size_t suggested, uv_buf_t *b)
{
	struct gdb_client *c = h->data;

	*b = uv_buf_init(c->rbuf, sizeof(c->rbuf));
}

static void on_read(uv_stream_t *st, ssize_t n, const uv_buf_t *b)
{
	struct gdb_client *c = st->data;

	if (n < 0) {
		client_close(c);
		return;
	}
	for (ssize_t i = 0; i < n && !c->closing; i++)
		rx_byte(c, (uint8_t)b->base[i]);
}

/* ---- Connections ---- */

static void client_closed(uv_handle_t *h)
{
	struct gdb_client *c = h->data;

	free(c->last);
	free(c);
}

/* The debugger is gone (detached, or the connection broke): run on. */
static void client_close(struct gdb_client *c)
{
	struct gdbstub *s = c->s;

	if (c->closing)
		return;
	c->closing = true;
	if (s->client == c) {
		s->client = NULL;
		release(s);
	}
	uv_close((uv_handle_t *)&c->conn, client_closed);
}

static void on_connection(uv_stream_t *l, int status)
{
	struct gdbstub *s = l->data;
	struct gdb_client *c;
	int ret;

	if (status < 0)
		return;
	c = calloc(1, sizeof(*c));
	if (!c)
		return;
	c->s = s;
	ret = listen_accept(&s->ls, &c->conn, c, client_closed);
	if (ret) {
		if (ret < 0)
			free(c);
		return;
	}
	if (s->client || s->ended) {
		/* One debugger at a time. */
		c->closing = true;
		uv_close((uv_handle_t *)&c->conn, client_closed);
		return;
	}
	/* All-stop: the debugger finds the harts stopped. */
	if (!s->stopped) {
		if (s->t.stop(s->t.opaque)) {
			c->closing = true;
			uv_close((uv_handle_t *)&c->conn, client_closed);
			return;
		}
		s->stopped = true;
	}
	s->t.flush(s->t.opaque);
	forget_pending(s);
	s->npoints = 0;
	s->waiting = false;
	s->g_hart = s->c_hart = -1;
	snprintf(s->last_stop, sizeof(s->last_stop), "T05thread:%x;",
		 s->stop_hart + 1);
	s->client = c;
	if (uv_read_start(&c->conn.stream, on_alloc, on_read))
		client_close(c);
}

int gdbstub_create(struct gdbstub **out, struct loop *l, const char *spec,
		   const struct gdbstub_target *t, char *err, size_t errlen)
{
	struct gdbstub *s;
	int ret;

	*out = NULL;
	s = calloc(1, sizeof(*s));
	if (!s)
		goto oom;
	s->loop = l;
	s->t = *t;
	s->pending = calloc(t->nharts, sizeof(*s->pending));
	s->pending_addr = calloc(t->nharts, sizeof(*s->pending_addr));
	if (!s->pending || !s->pending_addr) {
		gdbstub_destroy(s);
		goto oom;
	}
	s->g_hart = s->c_hart = -1;
	ret = listen_open(&s->ls, l, "--gdb", spec, "tcp::1234", 1,
			  on_connection, s, err, errlen);
	if (ret) {
		gdbstub_destroy(s);
		return ret;
	}
	*out = s;
	return 0;
oom:
	snprintf(err, errlen, "--gdb: out of memory");
	return -ENOMEM;
}

void gdbstub_vm_ended(struct gdbstub *s, int code)
{
	char w[8];

	if (!s)
		return;
	s->ended = true;
	if (!s->client)
		return;
	if (s->waiting) {
		snprintf(w, sizeof(w), "W%02x", code & 0xff);
		send_str(s->client, w);
	}
	s->waiting = false;
	client_close(s->client);
}

static void stub_free(struct gdbstub *s)
{
	free(s->pending);
	free(s->pending_addr);
	free(s->tdesc);
	free(s);
}

static void listener_closed(uv_handle_t *h)
{
	stub_free(h->data);
}

void gdbstub_destroy(struct gdbstub *s)
{
	if (!s)
		return;
	s->ended = true;
	if (s->client)
		client_close(s->client);
	if (!listen_close(&s->ls, listener_closed, s))
		stub_free(s);
}
