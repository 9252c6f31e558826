// SPDX-License-Identifier: MIT
/*
 * The MMIO bus. Windows are kept sorted by base so that a look-up bisects;
 * once frozen the array never changes, which is what lets several vCPU
 * threads search it at once without a lock.
 */
#include "devices/bus.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

static bool size_ok(unsigned size)
{
	return size == 1 || size == 2 || size == 4 || size == 8;
}

void bus_init(struct bus *b)
{
	memset(b, 0, sizeof(*b));
}

void bus_destroy(struct bus *b)
{
	free(b->devs);
	memset(b, 0, sizeof(*b));
}

/* Index of the first window whose base is greater than @addr. */
static unsigned upper_bound(const struct bus *b, uint64_t addr)
{
	unsigned lo = 0, hi = b->count;

	while (lo < hi) {
		unsigned mid = lo + (hi - lo) / 2;

		if (b->devs[mid].base <= addr)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

int bus_add(struct bus *b, const struct bus_dev *d)
{
	unsigned i;

	if (b->frozen)
		return -EPERM;
	if (!d->ops || !d->len || d->base + (d->len - 1) < d->base)
		return -EINVAL;
	if (!size_ok(d->ops->min_size) || !size_ok(d->ops->max_size) ||
	    d->ops->min_size > d->ops->max_size)
		return -EINVAL;

	i = upper_bound(b, d->base);
	if (i > 0) {
		const struct bus_dev *prev = &b->devs[i - 1];

		if (d->base - prev->base < prev->len)
			return -EBUSY;
	}
	if (i < b->count && b->devs[i].base - d->base < d->len)
		return -EBUSY;

	if (b->count == b->cap) {
		unsigned cap = b->cap ? b->cap * 2 : 16;
		struct bus_dev *n = realloc(b->devs, cap * sizeof(*n));

		if (!n)
			return -ENOMEM;
		b->devs = n;
		b->cap = cap;
	}
	memmove(&b->devs[i + 1], &b->devs[i],
		(b->count - i) * sizeof(b->devs[0]));
	b->devs[i] = *d;
	b->count++;
	return 0;
}

void bus_freeze(struct bus *b)
{
	b->frozen = true;
}

const struct bus_dev *bus_find(const struct bus *b, uint64_t addr)
{
	unsigned i = upper_bound(b, addr);
	const struct bus_dev *d;

	if (i == 0)
		return NULL;
	d = &b->devs[i - 1];
	return addr - d->base < d->len ? d : NULL;
}

/*
 * The device that serves the whole of [addr, addr+size) with this access
 * size, or NULL. *@step is the size of each access the device will see.
 */
static const struct bus_dev *route(const struct bus *b, uint64_t addr,
				   unsigned size, unsigned *step)
{
	const struct bus_dev *d;
	uint64_t off;

	if (!size_ok(size))
		return NULL;
	d = bus_find(b, addr);
	if (!d)
		return NULL;
	off = addr - d->base;
	if (size > d->len || off > d->len - size)
		return NULL;
	if (off & (size - 1))
		return NULL;
	if (size < d->ops->min_size)
		return NULL;
	*step = size > d->ops->max_size ? d->ops->max_size : size;
	return d;
}

int bus_read(const struct bus *b, uint64_t addr, unsigned size, uint64_t *val)
{
	const struct bus_dev *d;
	uint64_t off, v = 0;
	unsigned step, done;

	d = route(b, addr, size, &step);
	if (!d || !d->ops->read)
		return -EFAULT;
	off = addr - d->base;
	for (done = 0; done < size; done += step) {
		uint64_t part = d->ops->read(d->opaque, off + done, step);

		if (step < 8)
			part &= (1ULL << (step * 8)) - 1;
		v |= part << (done * 8);
	}
	*val = v;
	return 0;
}

int bus_write(const struct bus *b, uint64_t addr, unsigned size, uint64_t val)
{
	const struct bus_dev *d;
	uint64_t off;
	unsigned step, done;

	d = route(b, addr, size, &step);
	if (!d || !d->ops->write)
		return -EFAULT;
	off = addr - d->base;
	if (size < 8)
		val &= (1ULL << (size * 8)) - 1;
	for (done = 0; done < size; done += step) {
		uint64_t part = val >> (done * 8);

		if (step < 8)
			part &= (1ULL << (step * 8)) - 1;
		d->ops->write(d->opaque, off + done, part, step);
	}
	return 0;
}
