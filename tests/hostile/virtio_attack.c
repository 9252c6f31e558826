/*
 * Malformed virtqueues against every virtio-mmio device: VirtIO spec
 * "Virtio Over MMIO" and "Split Virtqueues". Each attack is followed by
 * the check the spec asks for (DEVICE_NEEDS_RESET, "Device Status
 * Field") where it asks for one, then a reset and a valid request that
 * must work: the disk's sector 0 must hold the bytes the test wrote to
 * the image, 9P must answer Tversion, the entropy device must fill a
 * buffer, the network device and the console must take a buffer to
 * transmit.
 */
#include "hostile.h"

#define R_MAGIC 0x000
#define R_DEVID 0x008
#define R_DRVFEAT 0x020
#define R_DRVFEATSEL 0x024
#define R_QSEL 0x030
#define R_QMAX 0x034
#define R_QNUM 0x038
#define R_QREADY 0x044
#define R_NOTIFY 0x050
#define R_ISR 0x060
#define R_ACK 0x064
#define R_STATUS 0x070
#define R_DESC 0x080
#define R_DRIVER 0x090
#define R_DEVICE 0x0a0

#define S_ACK 1
#define S_DRIVER 2
#define S_DRIVER_OK 4
#define S_FEATURES_OK 8
#define S_NEEDS_RESET 0x40

#define F_INDIRECT (1U << 28)
#define F_NEXT 1
#define F_WRITE 2
#define F_IND 4

#ifndef P9_FUZZ
#define P9_FUZZ 3000
#endif

#define QMEM 0x88000000UL
#define DESC (QMEM)
#define AVAIL (QMEM + 0x40000)
#define USED (QMEM + 0x50000)
#define BUF (QMEM + 0x100000)

struct desc {
	uint64_t addr;
	uint32_t len;
	uint16_t flags, next;
};

static unsigned long dev;
static unsigned qsize;
static uint16_t avail_idx;
/* The queue the attacks use: the transmit queue of a network device or
 * a console, which look at their receive queues only when data comes. */
static unsigned aq;

static void reg_w(unsigned off, uint32_t v)
{
	w32(dev + off, v);
}

static uint32_t reg_r(unsigned off)
{
	return r32(dev + off);
}

static void sleep_ticks(uint64_t t)
{
	uint64_t end = *CLINT_MTIME + t;

	while (*CLINT_MTIME < end)
		;
}

static void zero(unsigned long a, unsigned long n)
{
	for (unsigned long i = 0; i < n; i += 8)
		*(volatile uint64_t *)(a + i) = 0;
}

/* Negotiation up to FEATURES_OK; returns whether the device took it. */
static int dev_init(uint32_t feat_lo)
{
	reg_w(R_STATUS, 0);
	if (reg_r(R_STATUS) != 0)
		return 0;
	reg_w(R_STATUS, S_ACK);
	reg_w(R_STATUS, S_ACK | S_DRIVER);
	reg_w(R_DRVFEATSEL, 0);
	reg_w(R_DRVFEAT, feat_lo);
	reg_w(R_DRVFEATSEL, 1);
	reg_w(R_DRVFEAT, 1); /* VIRTIO_F_VERSION_1 */
	reg_w(R_STATUS, S_ACK | S_DRIVER | S_FEATURES_OK);
	return (reg_r(R_STATUS) & S_FEATURES_OK) != 0;
}

static void queue_setup(unsigned q, unsigned size, uint64_t desc,
			uint64_t avail, uint64_t used)
{
	reg_w(R_QSEL, q);
	reg_w(R_QNUM, size);
	reg_w(R_DESC, desc);
	reg_w(R_DESC + 4, desc >> 32);
	reg_w(R_DRIVER, avail);
	reg_w(R_DRIVER + 4, avail >> 32);
	reg_w(R_DEVICE, used);
	reg_w(R_DEVICE + 4, used >> 32);
	reg_w(R_QREADY, 1);
}

static void driver_ok(void)
{
	reg_w(R_STATUS, reg_r(R_STATUS) | S_DRIVER_OK);
}

/* A fresh device with queue @q (and every other queue) at QMEM. */
static int bring_up(unsigned nq, unsigned size, uint32_t feat)
{
	zero(QMEM, 0x60000);
	avail_idx = 0;
	qsize = size;
	if (!dev_init(feat))
		return 0;
	for (unsigned q = 0; q < nq; q++)
		queue_setup(q, size, DESC + q * 0x8000, AVAIL + q * 0x1000,
			    USED + q * 0x2000);
	driver_ok();
	return !(reg_r(R_STATUS) & S_NEEDS_RESET);
}

static void post(unsigned q, uint16_t head)
{
	volatile uint16_t *av = (volatile uint16_t *)(AVAIL + q * 0x1000);

	av[2 + (avail_idx % qsize)] = head;
	__sync_synchronize();
	av[1] = ++avail_idx;
	__sync_synchronize();
	reg_w(R_NOTIFY, q);
}

static int wait_used(unsigned q, uint16_t idx)
{
	volatile uint16_t *us = (volatile uint16_t *)(USED + q * 0x2000);
	uint64_t end = *CLINT_MTIME + 30000000; /* 3 s */

	while (*CLINT_MTIME < end) {
		if (us[1] == idx)
			return 1;
		if (reg_r(R_STATUS) & S_NEEDS_RESET)
			return 0;
	}
	return 0;
}

static uint32_t used_len(unsigned q, uint16_t slot)
{
	return *(volatile uint32_t *)(USED + q * 0x2000 + 4 + 8 * slot + 4);
}

static int wait_needs_reset(void)
{
	uint64_t end = *CLINT_MTIME + 30000000;

	while (*CLINT_MTIME < end)
		if (reg_r(R_STATUS) & S_NEEDS_RESET)
			return 1;
	return 0;
}

static void set_desc(unsigned i, uint64_t addr, uint32_t len, uint16_t flags,
		     uint16_t next)
{
	volatile struct desc *d =
		(volatile struct desc *)(DESC + aq * 0x8000) + i;

	d->addr = addr;
	d->len = len;
	d->flags = flags;
	d->next = next;
}

static void report(const char *dname, const char *what, int good)
{
	printf("%s %s/%s\n", good ? "RESULT-ok" : "RESULT-FAIL", dname, what);
	if (!good)
		rt_failures++;
}

static void put_le(volatile uint8_t *p, uint64_t v, int n)
{
	for (int i = 0; i < n; i++)
		p[i] = v >> (8 * i);
}

/* ---- block ---- */

#define BLK_MAGIC "HOSTILE-DISK-SECTOR-0"

/* Valid read of sector 0 through descriptors 0..2; returns 1 when the
 * bytes are the image's. */
static int blk_read0(void)
{
	volatile uint8_t *hdr = (volatile uint8_t *)BUF;
	volatile uint8_t *data = (volatile uint8_t *)(BUF + 0x1000);
	volatile uint8_t *st = (volatile uint8_t *)(BUF + 0x800);
	const char *m = BLK_MAGIC;

	if (!bring_up(1, 8, 0))
		return 0;
	zero(BUF, 0x2000);
	*st = 0xff;
	set_desc(0, BUF, 16, F_NEXT, 1);
	set_desc(1, BUF + 0x1000, 512, F_NEXT | F_WRITE, 2);
	set_desc(2, BUF + 0x800, 1, F_WRITE, 0);
	hdr[0] = 0; /* VIRTIO_BLK_T_IN, sector 0 */
	post(0, 0);
	if (!wait_used(0, 1) || *st != 0)
		return 0;
	for (int i = 0; m[i]; i++)
		if (data[i] != (uint8_t)m[i])
			return 0;
	return used_len(0, 0) == 513;
}

/*
 * One block request: header (type, sector), @out extra readable bytes
 * (from BUF + 0x2000) and @in writable bytes before the status byte.
 * Returns the status byte, or -1 when the request was not completed.
 */
static int blk_req(uint32_t type, uint64_t sector, uint32_t out, uint32_t in)
{
	volatile uint8_t *hdr = (volatile uint8_t *)BUF;
	volatile uint8_t *st = (volatile uint8_t *)(BUF + 0x800);
	unsigned n = 0;

	if (!bring_up(1, 8, 0))
		return -1;
	put_le(hdr, type, 4);
	put_le(hdr + 4, 0, 4);
	put_le(hdr + 8, sector, 8);
	*st = 0xee;
	set_desc(n, BUF, 16, F_NEXT, n + 1);
	n++;
	if (out) {
		set_desc(n, BUF + 0x2000, out, F_NEXT, n + 1);
		n++;
	}
	if (in) {
		set_desc(n, BUF + 0x10000, in, F_NEXT | F_WRITE, n + 1);
		n++;
	}
	set_desc(n, BUF + 0x800, 1, F_WRITE, 0);
	post(0, 0);
	if (!wait_used(0, 1))
		return -1;
	return *st;
}

/* A discard or write-zeroes segment list at BUF + 0x2000. */
static void seg(unsigned i, uint64_t sector, uint32_t num, uint32_t flags)
{
	volatile uint8_t *p = (volatile uint8_t *)(BUF + 0x2000 + 16 * i);

	put_le(p, sector, 8);
	put_le(p + 8, num, 4);
	put_le(p + 12, flags, 4);
}

/* Requests the block device must refuse with the status the spec gives:
 * IOERR (1) for what is out of range or malformed, UNSUPP (2) for an
 * unknown type or an unknown flag; sector 0 must be intact after. */
static void blk_requests(const char *dn, int ro)
{
	int st;

	report(dn, "blk-unknown-type", blk_req(0xffffffff, 0, 0, 512) == 2);
	report(dn, "blk-read-not-sector-multiple", blk_req(0, 0, 0, 100) == 1);
	report(dn, "blk-read-past-end", blk_req(0, 2048, 0, 512) == 1);
	report(dn, "blk-read-sector-2^63", blk_req(0, 1UL << 63, 0, 512) == 1);
	report(dn, "blk-read-sector-wraps", blk_req(0, -1UL, 0, 1024) == 1);
	report(dn, "blk-write-past-end", blk_req(1, 2047, 1024, 0) == 1);
	report(dn, "blk-get-id-no-room", blk_req(8, 0, 0, 0) == 0);
	report(dn, "blk-flush", blk_req(4, 0, 0, 0) == 0);
	seg(0, -1UL, 1, 0);
	report(dn, "blk-discard-out-of-range", blk_req(11, 0, 16, 0) == 1);
	seg(0, 8, 0xffffffff, 0);
	report(dn, "blk-zeroes-huge", blk_req(13, 0, 16, 0) == 1);
	seg(0, 8, 8, 0);
	report(dn, "blk-discard-bad-length", blk_req(11, 0, 15, 0) == 1);
	for (unsigned i = 0; i < 40; i++)
		seg(i, 8, 1, 0);
	report(dn, "blk-discard-too-many-segments",
	       blk_req(11, 0, 16 * 40, 0) == 1);
	seg(0, 8, 8, 0x80);
	st = blk_req(13, 0, 16, 0);
	report(dn, "blk-zeroes-unknown-flag", st == 2 || (ro && st == 1));
	seg(0, 8, 8, 1);
	st = blk_req(11, 0, 16, 0);
	report(dn, "blk-discard-unmap-flag", st == 2 || (ro && st == 1));
	seg(0, 8, 8, 1);
	st = blk_req(13, 0, 16, 0);
	report(dn, "blk-zeroes-unmap", ro ? st == 1 : st == 0);
	report(dn, "blk-sector0-intact", blk_read0());
}

/*
 * Code the disk brings in: a page run once (so translated), then
 * overwritten by a block read of sector 1 (which the test wrote as
 * "li a0, 2; ret") and run again after fence.i, as Zifencei says
 * makes stores to instruction memory visible, device writes included.
 */
static uint32_t code_page[1024] __attribute__((aligned(4096)));

static int blk_code_dma(void)
{
	volatile uint8_t *hdr = (volatile uint8_t *)BUF;
	volatile uint8_t *st = (volatile uint8_t *)(BUF + 0x800);
	long (*fn)(void) = (long (*)(void))(uintptr_t)code_page;
	long first, second;

	code_page[0] = 0x00100513; /* li a0, 1 */
	code_page[1] = 0x00008067; /* ret */
	fence_i();
	first = fn();
	if (!bring_up(1, 8, 0))
		return 0;
	put_le(hdr, 0, 4);
	put_le(hdr + 4, 0, 4);
	put_le(hdr + 8, 1, 8);
	*st = 0xee;
	set_desc(0, BUF, 16, F_NEXT, 1);
	set_desc(1, (uintptr_t)code_page, 512, F_NEXT | F_WRITE, 2);
	set_desc(2, BUF + 0x800, 1, F_WRITE, 0);
	post(0, 0);
	if (!wait_used(0, 1) || *st != 0)
		return 0;
	fence_i();
	second = fn();
	if (first != 1 || second != 2)
		printf("code from the disk: %ld then %ld\n", first, second);
	return first == 1 && second == 2;
}

/* ---- 9p ---- */

static int p9_version(void)
{
	volatile uint8_t *t = (volatile uint8_t *)BUF;
	volatile uint8_t *r = (volatile uint8_t *)(BUF + 0x10000);
	static const char v[] = "9P2000.L";

	if (!bring_up(1, 8, 0))
		return 0;
	put_le(t, 4 + 1 + 2 + 4 + 2 + 8, 4);
	t[4] = 100; /* Tversion */
	put_le(t + 5, 0xffff, 2);
	put_le(t + 7, 8192, 4);
	put_le(t + 11, 8, 2);
	for (int i = 0; i < 8; i++)
		t[13 + i] = v[i];
	zero(BUF + 0x10000, 0x100);
	set_desc(0, BUF, 21, F_NEXT, 1);
	set_desc(1, BUF + 0x10000, 8192, F_WRITE, 0);
	post(0, 0);
	return wait_used(0, 1) && r[4] == 101;
}

/* Random 9P messages: types, fids and fields by the PRNG. */
static void p9_fuzz(uint64_t *s, unsigned n)
{
	static const uint8_t types[] = {
		100, 104, 110, 24, 26, 12, 14, 116, 118, 120, 122, 40, 72, 16,
		18,  22,  8,   50, 52, 54, 70, 74,  20,	 76,  108, 30, 32, 102};
	volatile uint8_t *t = (volatile uint8_t *)BUF;

	if (!p9_version())
		return;
	for (unsigned k = 0; k < n; k++) {
		uint64_t r = rnd(s);
		unsigned len = 7 + (r & 0xff);
		unsigned slot = avail_idx % (qsize / 2);

		for (unsigned i = 0; i < len; i++) {
			uint64_t x = rnd(s);

			/* Small fids and short names are the common case. */
			if (x & 3)
				t[slot * 0x400 + i] = (x >> 8) & 7;
			else if (x & 4)
				t[slot * 0x400 + i] = 'a' + ((x >> 8) & 3);
			else
				t[slot * 0x400 + i] = x >> 16;
		}
		put_le(t + slot * 0x400, (r >> 8) & 1 ? len : rnd(s), 4);
		t[slot * 0x400 + 4] = types[(r >> 16) % sizeof(types)];
		if ((r >> 24) % 8 == 0) {
			/* Tattach fid 0 to the root: walks start there. */
			t[slot * 0x400 + 4] = 104;
			put_le(t + slot * 0x400 + 7, 0, 4);
			put_le(t + slot * 0x400 + 11, -1U, 4);
			put_le(t + slot * 0x400 + 15, 0, 2);
			put_le(t + slot * 0x400 + 17, 0, 2);
		}
#ifdef P9_TRACE
		printf("9p %u type %u len %u\n", k, t[slot * 0x400 + 4], len);
#endif
		if (k % 500 == 0)
			printf("9p fuzz %u\n", k);
		set_desc(2 * slot, BUF + slot * 0x400, len, F_NEXT,
			 2 * slot + 1);
		set_desc(2 * slot + 1, BUF + 0x10000 + slot * 0x2000,
			 (r >> 32) & 1 ? 8192 : (r >> 33) & 0xff, F_WRITE, 0);
		post(0, 2 * slot);
		if (!wait_used(0, avail_idx)) {
			if (reg_r(R_STATUS) & S_NEEDS_RESET) {
				if (!p9_version())
					return;
				continue;
			}
			printf("9p: no answer to type %u\n",
			       t[slot * 0x400 + 4]);
			rt_failures++;
			return;
		}
	}
}

/*
 * One 9P exchange on a device brought up by p9_version(): the message
 * built at BUF by the caller (@len bytes), the reply at BUF + 0x10000.
 * Returns the reply's type, or 0 without one.
 */
static volatile uint8_t *const P9T = (volatile uint8_t *)BUF;
static volatile uint8_t *const P9R = (volatile uint8_t *)(BUF + 0x10000);
static unsigned p9_off;

static void p9_begin(uint8_t type)
{
	P9T[4] = type;
	put_le(P9T + 5, 1, 2);
	p9_off = 7;
}

static void p9_u(uint64_t v, int n)
{
	put_le(P9T + p9_off, v, n);
	p9_off += n;
}

static void p9_s(const char *str)
{
	unsigned n = 0;

	while (str[n])
		n++;
	p9_u(n, 2);
	for (unsigned i = 0; i < n; i++)
		P9T[p9_off++] = str[i];
}

static unsigned p9_rpc(void)
{
	unsigned slot = avail_idx % qsize;

	put_le(P9T, p9_off, 4);
	zero(BUF + 0x10000, 0x2000);
	set_desc(2 * (slot & 3), BUF, p9_off, F_NEXT, 2 * (slot & 3) + 1);
	set_desc(2 * (slot & 3) + 1, BUF + 0x10000, 8192, F_WRITE, 0);
	post(0, 2 * (slot & 3));
	if (!wait_used(0, avail_idx))
		return 0;
	return P9R[4];
}

static uint64_t get_le(volatile uint8_t *p, int n)
{
	uint64_t v = 0;

	for (int i = 0; i < n; i++)
		v |= (uint64_t)p[i] << (8 * i);
	return v;
}

/* Escapes from the shared folder, lengths that do not match. */
static void p9_escape(const char *dn)
{
	uint64_t root;
	unsigned t;
	int good;

	if (!p9_version()) {
		report(dn, "9p-escape", 0);
		return;
	}
	p9_begin(104); /* Tattach fid 0 */
	p9_u(0, 4);
	p9_u(-1U, 4);
	p9_s("root");
	p9_s("");
	p9_u(0, 4);
	if (p9_rpc() != 105) {
		report(dn, "9p-attach", 0);
		return;
	}
	root = get_le(P9R + 7 + 5, 8);

	/* ".." of the root is the root. */
	p9_begin(110);
	p9_u(0, 4);
	p9_u(1, 4);
	p9_u(2, 2);
	p9_s("..");
	p9_s("..");
	t = p9_rpc();
	good = t == 7 || (t == 111 && get_le(P9R + 7, 2) == 2 &&
			  get_le(P9R + 9 + 13 + 5, 8) == root);
	report(dn, "9p-dotdot-stays-in-root", good);

	/* A symlink out of the share is not followed. */
	p9_begin(16);
	p9_u(0, 4);
	p9_s("esc");
	p9_s("../hostile-secret");
	p9_u(0, 4);
	p9_rpc();
	p9_begin(110);
	p9_u(0, 4);
	p9_u(2, 4);
	p9_u(1, 2);
	p9_s("esc");
	good = 1;
	if (p9_rpc() == 111) {
		p9_begin(12); /* Tlopen O_RDONLY */
		p9_u(2, 4);
		p9_u(0, 4);
		if (p9_rpc() == 13) {
			p9_begin(116);
			p9_u(2, 4);
			p9_u(0, 8);
			p9_u(100, 4);
			if (p9_rpc() == 117 && get_le(P9R + 7, 4) >= 3 &&
			    P9R[11] == 'T' && P9R[12] == 'O' && P9R[13] == 'P')
				good = 0;
		}
	}
	report(dn, "9p-symlink-escape", good);
	p9_begin(16);
	p9_u(0, 4);
	p9_s("escdir");
	p9_s("/");
	p9_u(0, 4);
	p9_rpc();
	p9_begin(110);
	p9_u(0, 4);
	p9_u(3, 4);
	p9_u(2, 2);
	p9_s("escdir");
	p9_s("etc");
	t = p9_rpc();
	report(dn, "9p-symlink-dir-escape",
	       t == 7 || (t == 111 && get_le(P9R + 7, 2) < 2));

	/* Twrite claiming more bytes than it carries; Tread and Treaddir
	 * asking for more than the reply buffer holds. */
	p9_begin(110);
	p9_u(0, 4);
	p9_u(4, 4);
	p9_u(0, 2);
	p9_rpc();
	p9_begin(14); /* Tlcreate */
	p9_u(4, 4);
	p9_s("victim");
	p9_u(2, 4);
	p9_u(0644, 4);
	p9_u(0, 4);
	t = p9_rpc();
	if (t == 15) {
		p9_begin(118);
		p9_u(4, 4);
		p9_u(0, 8);
		p9_u(0xffffffff, 4);
		p9_u(0x64636261, 4);
		t = p9_rpc();
		good = t == 7 || (t == 119 && get_le(P9R + 7, 4) <= 4);
		p9_begin(118); /* at an offset near 2^64 */
		p9_u(4, 4);
		p9_u(-2UL, 8);
		p9_u(4, 4);
		p9_u(0x64636261, 4);
		t = p9_rpc();
		good &= t == 7 || t == 119;
		p9_begin(116);
		p9_u(4, 4);
		p9_u(0, 8);
		p9_u(0xffffffff, 4);
		t = p9_rpc();
		good &= t == 7 || (t == 117 && get_le(P9R + 7, 4) <= 8192 - 11);
		p9_begin(116);
		p9_u(4, 4);
		p9_u(-1UL, 8);
		p9_u(100, 4);
		t = p9_rpc();
		good &= t == 7 || t == 117;
	} else {
		good = 0;
	}
	report(dn, "9p-lengths", good);
	p9_begin(110);
	p9_u(0, 4);
	p9_u(5, 4);
	p9_u(0, 2);
	p9_rpc();
	p9_begin(12);
	p9_u(5, 4);
	p9_u(0, 4);
	p9_rpc();
	p9_begin(40);
	p9_u(5, 4);
	p9_u(0, 8);
	p9_u(0xffffffff, 4);
	t = p9_rpc();
	good = t == 7 || (t == 41 && get_le(P9R + 7, 4) <= 8192 - 11);
	p9_begin(40);
	p9_u(5, 4);
	p9_u(-1UL, 8);
	p9_u(100, 4);
	t = p9_rpc();
	good &= t == 7 || t == 41;
	report(dn, "9p-readdir-lengths", good);
	/* A FIFO: opening it must not block the server. */
	p9_begin(18); /* Tmknod */
	p9_u(0, 4);
	p9_s("fifo");
	p9_u(0010644, 4);
	p9_u(0, 4);
	p9_u(0, 4);
	p9_u(0, 4);
	good = p9_rpc() != 0;
	p9_begin(110);
	p9_u(0, 4);
	p9_u(7, 4);
	p9_u(1, 2);
	p9_s("fifo");
	good &= p9_rpc() != 0;
	p9_begin(12);
	p9_u(7, 4);
	p9_u(0, 4);
	good &= p9_rpc() != 0;
	p9_begin(110);
	p9_u(0, 4);
	p9_u(8, 4);
	p9_u(0, 2);
	p9_rpc();
	p9_begin(14);
	p9_u(8, 4);
	p9_s("fifo");
	p9_u(0, 4);
	p9_u(0644, 4);
	p9_u(0, 4);
	good &= p9_rpc() != 0;
	report(dn, "9p-fifo-no-block", good && p9_version());
	if (!p9_version())
		return;
	p9_begin(104);
	p9_u(0, 4);
	p9_u(-1U, 4);
	p9_s("root");
	p9_s("");
	p9_u(0, 4);
	p9_rpc();
	/* Fids: clunked twice, walked from an unknown one, reused. */
	p9_begin(120);
	p9_u(5, 4);
	p9_rpc();
	p9_begin(120);
	p9_u(5, 4);
	t = p9_rpc();
	p9_begin(110);
	p9_u(12345, 4);
	p9_u(6, 4);
	p9_u(0, 2);
	good = t == 7 && p9_rpc() == 7;
	p9_begin(110);
	p9_u(0, 4);
	p9_u(0, 4);
	p9_u(0, 2);
	p9_rpc();
	report(dn, "9p-fids", good && p9_version());
}

/* ---- rng, net ---- */

static int rng_fill(void)
{
	volatile uint64_t *b = (volatile uint64_t *)BUF;

	if (!bring_up(1, 8, 0))
		return 0;
	b[0] = b[1] = 0;
	set_desc(0, BUF, 16, F_WRITE, 0);
	post(0, 0);
	return wait_used(0, 1) && used_len(0, 0) == 16 && (b[0] | b[1]);
}

/* A packet (network) or bytes (console) on transmit queue 1. */
static int tx_send(void)
{
	volatile uint8_t *p = (volatile uint8_t *)BUF;
	int ok;

	if (!bring_up(2, 8, 0))
		return 0;
	aq = 1;
	zero(BUF, 0x100);
	for (int i = 0; i < 6; i++)
		p[12 + i] = 0xff; /* broadcast */
	p[12 + 12] = 0x08;	  /* IPv4 ethertype, junk body */
	set_desc(0, BUF, 12 + 60, 0, 0);
	post(1, 0);
	ok = wait_used(1, 1);
	aq = 0;
	return ok;
}

/*
 * The receive path: an ARP request for the user network's host
 * (10.0.2.2) draws a reply into the receive queue, whose one buffer is
 * set up by @kind: 0 a good one, 1 too small for the header, 2 not
 * writable, 3 outside RAM, 4 in MMIO. Returns 1 when the good buffer
 * got an ARP reply, 2 when a bad buffer left hvrun running.
 */
static int net_rx(int kind)
{
	static const uint8_t arp[] = {
		0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x52, 0x54, 0x00,
		0x12, 0x34, 0x56, 0x08, 0x06, 0x00, 0x01, 0x08, 0x00,
		0x06, 0x04, 0x00, 0x01, 0x52, 0x54, 0x00, 0x12, 0x34,
		0x56, 10,   0,	  2,	15,   0,    0,	  0,	0,
		0,    0,    10,	  0,	2,    2,
	};
	volatile uint8_t *p = (volatile uint8_t *)BUF;
	volatile uint8_t *rx = (volatile uint8_t *)(BUF + 0x8000);
	volatile uint16_t *us0 = (volatile uint16_t *)USED;
	uint64_t end;

	if (!bring_up(2, 8, 0))
		return 0;
	zero(BUF, 0x10000);
	switch (kind) {
	case 0:
		set_desc(0, BUF + 0x8000, 2048, F_WRITE, 0);
		break;
	case 1:
		set_desc(0, BUF + 0x8000, 1, F_WRITE, 0);
		break;
	case 2:
		set_desc(0, BUF + 0x8000, 2048, 0, 0);
		break;
	case 3:
		set_desc(0, 0x40000000UL, 2048, F_WRITE, 0);
		break;
	default:
		set_desc(0, UART_BASE, 2048, F_WRITE, 0);
		break;
	}
	post(0, 0);
	avail_idx = 0;
	for (unsigned i = 0; i < sizeof(arp); i++)
		p[12 + i] = arp[i];
	aq = 1;
	set_desc(0, BUF, 12 + 60, 0, 0);
	aq = 0;
	post(1, 0);
	end = *CLINT_MTIME + 20000000;
	while (*CLINT_MTIME < end) {
		if (us0[1] == 1)
			break;
		if (reg_r(R_STATUS) & S_NEEDS_RESET)
			return kind ? 2 : 0;
	}
	if (kind)
		return 2;
	/* The reply: ARP (0x0806) opcode 2 after the 12-byte header. */
	return us0[1] == 1 && rx[12 + 12] == 8 && rx[12 + 13] == 6 &&
	       rx[12 + 21] == 2;
}

static int valid_request(uint32_t id)
{
	switch (id) {
	case 2:
		return blk_read0();
	case 9:
		return p9_version();
	case 4:
		return rng_fill();
	case 1:
	case 3:
		return tx_send();
	default:
		return bring_up(1, 8, 0);
	}
}

/* ---- attacks on queue 0 ---- */

enum attack_check { NEEDS_RESET, ANY };

struct attack {
	const char *name;
	enum attack_check check;
	void (*fn)(uint64_t *s);
};

static void a_desc_outside_ram(uint64_t *s)
{
	set_desc(0, 0x40000000UL, 16, F_NEXT, 1);
	set_desc(1, BUF, 1, F_WRITE, 0);
	post(aq, 0);
}

static void a_desc_in_mmio(uint64_t *s)
{
	set_desc(0, dev, 16, F_NEXT, 1);
	set_desc(1, UART_BASE, 512, F_WRITE | F_NEXT, 2);
	set_desc(2, PLIC_BASE, 1, F_WRITE, 0);
	post(aq, 0);
}

static void a_huge_len(uint64_t *s)
{
	set_desc(0, BUF, 0xffffffff, F_NEXT, 1);
	set_desc(1, BUF, 0xffffffff, F_WRITE, 0);
	post(aq, 0);
}

static void a_end_of_ram(uint64_t *s)
{
	set_desc(0, 0x9ffffff0UL, 0x20, F_NEXT, 1);
	set_desc(1, 0x9fffffffUL, 2, F_WRITE, 0);
	post(aq, 0);
}

static void a_wrap_addr(uint64_t *s)
{
	set_desc(0, 0xfffffffffffffff0UL, 0x20, F_NEXT, 1);
	set_desc(1, BUF, 1, F_WRITE, 0);
	post(aq, 0);
}

static void a_loop(uint64_t *s)
{
	set_desc(0, BUF, 16, F_NEXT, 1);
	set_desc(1, BUF + 0x1000, 512, F_NEXT | F_WRITE, 0);
	post(aq, 0);
}

/* Empty descriptors add no segment: only the step count ends the loop. */
static void a_empty_loop(uint64_t *s)
{
	set_desc(0, BUF, 0, F_NEXT, 1);
	set_desc(1, BUF, 0, F_NEXT, 0);
	post(aq, 0);
}

static void a_indirect_empty_loop(uint64_t *s)
{
	volatile struct desc *it = (volatile struct desc *)(BUF + 0x4000);

	it[0] = (struct desc){BUF, 0, F_NEXT, 1};
	it[1] = (struct desc){BUF, 0, F_NEXT, 0};
	set_desc(0, BUF + 0x4000, 32, F_IND, 0);
	post(aq, 0);
}

static void a_next_out_of_table(uint64_t *s)
{
	set_desc(0, BUF, 16, F_NEXT, 0xffff);
	post(aq, 0);
}

static void a_head_out_of_table(uint64_t *s)
{
	set_desc(0, BUF, 16, 0, 0);
	post(aq, 40000);
}

static void a_indirect_nested(uint64_t *s)
{
	volatile struct desc *it = (volatile struct desc *)(BUF + 0x4000);

	it[0] = (struct desc){BUF + 0x4000, 32, F_IND, 0};
	it[1] = (struct desc){BUF, 1, F_WRITE, 0};
	set_desc(0, BUF + 0x4000, 32, F_IND, 0);
	post(aq, 0);
}

static void a_indirect_with_next(uint64_t *s)
{
	volatile struct desc *it = (volatile struct desc *)(BUF + 0x4000);

	it[0] = (struct desc){BUF, 16, 0, 0};
	set_desc(0, BUF + 0x4000, 16, F_IND | F_NEXT, 1);
	set_desc(1, BUF, 1, F_WRITE, 0);
	post(aq, 0);
}

static void a_indirect_bad_len(uint64_t *s)
{
	set_desc(0, BUF + 0x4000, 17, F_IND, 0);
	post(aq, 0);
}

static void a_indirect_huge(uint64_t *s)
{
	set_desc(0, BUF, 0xfffffff0, F_IND, 0);
	post(aq, 0);
}

static void a_indirect_loop(uint64_t *s)
{
	volatile struct desc *it = (volatile struct desc *)(BUF + 0x4000);

	it[0] = (struct desc){BUF, 16, F_NEXT, 1};
	it[1] = (struct desc){BUF + 0x100, 16, F_NEXT, 0};
	set_desc(0, BUF + 0x4000, 32, F_IND, 0);
	post(aq, 0);
}

static void a_write_then_read(uint64_t *s)
{
	set_desc(0, BUF + 0x1000, 16, F_WRITE | F_NEXT, 1);
	set_desc(1, BUF, 16, F_NEXT, 2);
	set_desc(2, BUF + 0x800, 1, F_WRITE, 0);
	post(aq, 0);
}

static void a_avail_jump(uint64_t *s)
{
	set_desc(0, BUF, 16, F_NEXT, 1);
	set_desc(1, BUF + 0x800, 1, F_WRITE, 0);
	avail_idx += 65534;
	post(aq, 0);
}

/* The queue's own memory as the buffers: the device writes its rings. */
static void a_self_overlap(uint64_t *s)
{
	volatile uint8_t *hdr = (volatile uint8_t *)BUF;

	hdr[0] = 0;
	set_desc(0, BUF, 16, F_NEXT, 1);
	set_desc(1, DESC, 512, F_WRITE | F_NEXT, 2);
	set_desc(2, USED, 1, F_WRITE, 0);
	post(aq, 0);
	set_desc(0, DESC, 16, F_NEXT, 1);
	set_desc(1, AVAIL, 512, F_WRITE | F_NEXT, 2);
	set_desc(2, DESC + 1, 1, F_WRITE, 0);
	post(aq, 0);
}

/* Many random chains in the table at once. */
static void a_random_table(uint64_t *s)
{
	for (unsigned i = 0; i < qsize; i++) {
		uint64_t r = rnd(s);

		set_desc(i, (r & 3) ? BUF + (rnd(s) & 0xfffff) : rnd(s),
			 (r >> 8) & 1 ? (r >> 16) & 0x3ff : rnd(s) & 0xfffff,
			 (r >> 40) & 7, (r >> 48) % (qsize + 2));
	}
	for (unsigned i = 0; i < qsize; i++)
		post(aq, rnd(s) % (qsize + 1));
}

static void a_reset_during(uint64_t *s)
{
	volatile uint8_t *hdr = (volatile uint8_t *)BUF;

	hdr[0] = 0;
	for (unsigned i = 0; i < qsize / 3; i++) {
		set_desc(3 * i, BUF, 16, F_NEXT, 3 * i + 1);
		set_desc(3 * i + 1, BUF + 0x10000 + 0x1000 * i, 4096,
			 F_WRITE | F_NEXT, 3 * i + 2);
		set_desc(3 * i + 2, BUF + 0x800 + i, 1, F_WRITE, 0);
		post(aq, 3 * i);
	}
	reg_w(R_STATUS, 0);
}

static void a_notify_bogus(uint64_t *s)
{
	for (unsigned i = 0; i < 1000; i++)
		reg_w(R_NOTIFY, rnd(s));
	reg_w(R_QSEL, 0xffffffff);
	reg_w(R_QNUM, 4);
	reg_w(R_QREADY, 1);
	reg_w(R_DESC, 1);
	reg_r(R_QMAX);
	reg_w(R_QSEL, 0);
}

static const struct attack attacks[] = {
	{"desc-outside-ram", NEEDS_RESET, a_desc_outside_ram},
	{"desc-in-mmio", NEEDS_RESET, a_desc_in_mmio},
	{"huge-len", NEEDS_RESET, a_huge_len},
	{"past-end-of-ram", NEEDS_RESET, a_end_of_ram},
	{"wrapping-addr", NEEDS_RESET, a_wrap_addr},
	{"desc-loop", NEEDS_RESET, a_loop},
	{"desc-empty-loop", NEEDS_RESET, a_empty_loop},
	{"indirect-empty-loop", NEEDS_RESET, a_indirect_empty_loop},
	{"next-out-of-table", NEEDS_RESET, a_next_out_of_table},
	{"head-out-of-table", NEEDS_RESET, a_head_out_of_table},
	{"indirect-nested", NEEDS_RESET, a_indirect_nested},
	{"indirect-with-next", NEEDS_RESET, a_indirect_with_next},
	{"indirect-bad-len", NEEDS_RESET, a_indirect_bad_len},
	{"indirect-huge", NEEDS_RESET, a_indirect_huge},
	{"indirect-loop", NEEDS_RESET, a_indirect_loop},
	{"write-then-read", NEEDS_RESET, a_write_then_read},
	{"avail-jump-65535", NEEDS_RESET, a_avail_jump},
	{"self-overlap", ANY, a_self_overlap},
	{"random-table", ANY, a_random_table},
	{"reset-during-io", ANY, a_reset_during},
	{"notify-bogus", ANY, a_notify_bogus},
};

/* Queue set-up errors: sizes and ring addresses. */
static void setup_attacks(uint32_t id, const char *dn)
{
	static const struct {
		const char *name;
		unsigned size;
		uint64_t desc, avail, used;
	} bad[] = {
		{"qsize-3", 3, DESC, AVAIL, USED},
		{"qsize-0", 0, DESC, AVAIL, USED},
		{"qsize-over-max", 65536, DESC, AVAIL, USED},
		{"ring-outside-ram", 8, 0x40000000UL, AVAIL, USED},
		{"ring-in-mmio", 8, DESC, UART_BASE, USED},
		{"ring-misaligned", 8, DESC + 8, AVAIL, USED},
		{"ring-past-ram", 8, DESC, AVAIL, 0x9ffffffcUL},
		{"ring-high", 8, DESC | (1UL << 40), AVAIL, USED},
	};

	for (unsigned i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		int nr;

		zero(QMEM, 0x60000);
		dev_init(0);
		queue_setup(0, bad[i].size, bad[i].desc, bad[i].avail,
			    bad[i].used);
		driver_ok();
		nr = wait_needs_reset();
		report(dn, bad[i].name, nr && valid_request(id));
	}
	/* DRIVER_OK without FEATURES_OK. */
	reg_w(R_STATUS, 0);
	reg_w(R_STATUS, S_ACK | S_DRIVER);
	reg_w(R_STATUS, S_ACK | S_DRIVER | S_DRIVER_OK);
	report(dn, "driver-ok-without-features",
	       (reg_r(R_STATUS) & S_NEEDS_RESET) && valid_request(id));
	/* Notify before DRIVER_OK: the request runs once DRIVER_OK comes. */
	if (id == 2) {
		zero(QMEM, 0x60000);
		avail_idx = 0;
		qsize = 8;
		dev_init(0);
		queue_setup(0, 8, DESC, AVAIL, USED);
		*(volatile uint8_t *)BUF = 0;
		set_desc(0, BUF, 16, F_NEXT, 1);
		set_desc(1, BUF + 0x1000, 512, F_NEXT | F_WRITE, 2);
		set_desc(2, BUF + 0x800, 1, F_WRITE, 0);
		post(0, 0);
		sleep_ticks(100000);
		driver_ok();
		report(dn, "notify-before-driver-ok", wait_used(0, 1));
	}
}

int main(void)
{
	uint64_t s = 0x1234567890abcdefULL;
	int seen_blk = 0, blk_ro = 0;

	m_trap_hook = mmio_fault_hook;
	for (unsigned slot = 0; slot < VIRTIO_SLOTS; slot++) {
		char dn[16] = "slotN";
		uint32_t id;

		dev = VIRTIO_BASE + 0x1000 * slot;
		if (reg_r(R_MAGIC) != 0x74726976)
			continue;
		id = reg_r(R_DEVID);
		if (!id)
			continue;
		dn[4] = '0' + slot;
		printf("slot %u: device %u\n", slot, id);
		if (id == 2) {
			reg_w(0x014, 0); /* DeviceFeaturesSel */
			blk_ro = (reg_r(0x010) >> 5) & 1;
			seen_blk = 1;
		}
		report(dn, "valid", valid_request(id));
		setup_attacks(id, dn);
		for (unsigned a = 0; a < sizeof(attacks) / sizeof(attacks[0]);
		     a++) {
			int got = 1;

			/* Indirect descriptors negotiated, queue 0 of 32. */
			if (!bring_up(id == 1 || id == 3 || id == 19 ? 2 : 1,
				      32, F_INDIRECT)) {
				report(dn, attacks[a].name, 0);
				continue;
			}
			aq = id == 1 || id == 3 || id == 19 ? 1 : 0;
			attacks[a].fn(&s);
			aq = 0;
			if (attacks[a].check == NEEDS_RESET)
				got = wait_needs_reset();
			else
				sleep_ticks(200000);
			report(dn, attacks[a].name, got && valid_request(id));
		}
		if (id == 2) {
			blk_requests(dn, blk_ro);
			report(dn, "blk-dma-into-code", blk_code_dma());
		}
		if (id == 1) {
			static const char *const rxn[] = {
				"rx-tiny-buffer", "rx-readonly-buffer",
				"rx-outside-ram", "rx-in-mmio"};

			for (int k = 1; k <= 4; k++)
				report(dn, rxn[k - 1],
				       net_rx(k) == 2 && tx_send());
			report(dn, "rx-arp-reply", net_rx(0) == 1);
		}
		if (id == 9) {
			p9_escape(dn);
			p9_fuzz(&s, P9_FUZZ);
			report(dn, "9p-fuzz-then-version", p9_version());
		}
		reg_w(R_STATUS, 0);
	}
	CHECK(seen_blk);
	printf("VIRTIO-DONE\n");
	return 0;
}
