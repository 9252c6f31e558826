/*
 * The bits of a page-table entry, shared by every test that builds page
 * tables. RISC-V Privileged ISA, "Sv32: Page-Based 32-bit Virtual-Memory
 * Systems", the PTE format (the same bits in Sv39 to Sv57).
 */
#ifndef ISA_PTE_H
#define ISA_PTE_H

#define PTE_V (1UL << 0)
#define PTE_R (1UL << 1)
#define PTE_W (1UL << 2)
#define PTE_X (1UL << 3)
#define PTE_U (1UL << 4)
#define PTE_G (1UL << 5)
#define PTE_A (1UL << 6)
#define PTE_D (1UL << 7)

#endif
