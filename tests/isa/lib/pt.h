/*
 * Page tables for the test programs: Sv39/Sv48/Sv57 tables built from a
 * pool of pages the program owns. RISC-V Privileged ISA, "Sv39: Page-Based
 * 39-bit Virtual-Memory System" and the wider modes after it.
 */
#ifndef ISA_PT_H
#define ISA_PT_H

#include <stdint.h>

#include "pte.h"

struct pt_pool {
	uint64_t (*page)[512]; /* the pool's pages, 4 KiB-aligned */
	int used;
	int levels; /* 3, 4 or 5: Sv39, Sv48, Sv57 */
};

/* A zeroed page from the pool. */
static inline uint64_t *pt_alloc(struct pt_pool *p)
{
	uint64_t *t = p->page[p->used++];

	for (int i = 0; i < 512; i++)
		t[i] = 0;
	return t;
}

/*
 * Maps @va to @pa with a leaf at @leaf_level (0: 4 KiB, 1: 2 MiB...),
 * adding the tables on the way; returns the leaf PTE's address.
 */
static inline uint64_t *pt_map(struct pt_pool *p, uint64_t *root,
			       unsigned long va, unsigned long pa,
			       int leaf_level, unsigned long flags)
{
	uint64_t *t = root;

	for (int l = p->levels - 1; l > leaf_level; l--) {
		unsigned idx = (va >> (12 + 9 * l)) & 511;

		if (!(t[idx] & PTE_V))
			t[idx] = (((unsigned long)pt_alloc(p) >> 12) << 10) |
				 PTE_V;
		t = (uint64_t *)((t[idx] >> 10) << 12);
	}
	t += (va >> (12 + 9 * leaf_level)) & 511;
	*t = ((pa >> 12) << 10) | flags | PTE_V;
	return t;
}

/* satp's MODE field for p->levels. */
static inline unsigned long pt_mode(const struct pt_pool *p)
{
	return p->levels == 3 ? 8 : p->levels == 4 ? 9 : 10;
}

#endif
